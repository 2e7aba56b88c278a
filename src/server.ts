import { readFileSync } from 'node:fs';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { allEndpoints } from './api/index.js';
import type { Services } from './api/endpoint.js';
import { Authenticator } from './auth/authenticate.js';
import { passesBasicLayer } from './auth/basic-layer.js';
import { PasswordAuthenticator } from './auth/password.js';
import { VerifiedPasswordCache } from './auth/password-cache.js';
import type { Config } from './config/config.js';
import { KintoneError } from './errors/kintone-error.js';
import { buildClientErrorHandler, buildErrorHandler } from './http/error-handler.js';
import { registerJsonBodyParser } from './http/json-body.js';
import { mountApi } from './http/api-route.js';
import { applyConcurrencyLimit } from './http/concurrency-limit.js';
import type { Store } from './store/store.js';

export interface ServerParts {
  app: FastifyInstance;
  passwords: PasswordAuthenticator;
}

/**
 * Composition root: builds the HTTP server around a store. Listening is the caller's choice,
 * so tests can run it on an ephemeral port.
 */
export function buildServer(
  config: Config,
  store: Store,
  now: () => Date = () => new Date(),
): ServerParts {
  const handleError = buildErrorHandler(config);
  const app = Fastify({
    // Errors raised before routing (a path with broken percent-encoding) and requests Node's
    // parser refuses (control bytes or too much in the headers) answer in Kintone's shape too.
    frameworkErrors: handleError,
    clientErrorHandler: buildClientErrorHandler(config),
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // Only safe request facts are logged: never headers, bodies or query strings.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024 * 1024,
    ...(config.tls
      ? {
          https: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) },
        }
      : {}),
  });

  const passwords = new PasswordAuthenticator(
    store.users,
    new VerifiedPasswordCache({
      ttlSeconds: config.passwordCacheTtlSeconds,
      maxEntries: config.passwordCacheSize,
    }),
  );
  const authenticator = new Authenticator(passwords, store.apiTokens);
  const services: Services = { store, config, now };

  registerJsonBodyParser(app);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(() => {
    throw new KintoneError('KL_UR01');
  });

  if (config.basicAuth) {
    const expected = config.basicAuth;
    app.addHook('onRequest', async (request, reply) => {
      if (request.url === '/healthz' || passesBasicLayer(request.headers, expected)) return;
      // The layer sits in front of Kintone, so its refusal is a plain challenge, not Kintone JSON.
      return reply
        .code(401)
        .header('www-authenticate', 'Basic realm="kintone-local", charset="UTF-8"')
        .type('text/plain; charset=utf-8')
        .send('401 Unauthorized: this domain requires Basic authentication.\n');
    });
  }

  app.get('/healthz', async () => ({ status: 'ok' }));
  applyConcurrencyLimit(app, config.concurrencyLimit);
  mountApi(app, allEndpoints(), authenticator, services);

  return { app, passwords };
}
