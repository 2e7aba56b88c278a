import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { allEndpoints } from './api/index.js';
import type { Services } from './api/endpoint.js';
import { AuthEventTrail } from './audit/auth-events.js';
import { Authenticator } from './auth/authenticate.js';
import { passesBasicLayer } from './auth/basic-layer.js';
import { FailureThrottle } from './auth/failure-throttle.js';
import { PasswordAuthenticator } from './auth/password.js';
import { SessionManager } from './auth/session.js';
import { VerifiedPasswordCache } from './auth/password-cache.js';
import type { Config } from './config/config.js';
import { KintoneError } from './errors/kintone-error.js';
import { buildClientErrorHandler, buildErrorHandler } from './http/error-handler.js';
import { registerCallerLanguage } from './http/caller-language.js';
import { registerJsonBodyParser } from './http/json-body.js';
import { mountApi } from './http/api-route.js';
import { applyConcurrencyLimit } from './http/concurrency-limit.js';
import { SessionCookie } from './http/session-cookie.js';
import type { Store } from './store/store.js';
import { mountAppPages } from './web/app-pages.js';
import { mountLogin } from './web/login-routes.js';
import { OneTimeNotices } from './web/notices.js';
import { mountSettingsPages } from './web/settings-routes.js';
import { mountStaticAssets } from './web/static-assets.js';
import { mountAccountPage } from './web/account-page.js';
import { mountAuthorizationEndpoint } from './oauth/authorization-routes.js';
import { ClientAuthenticator } from './oauth/client-auth.js';
import { mountTokenEndpoints } from './oauth/token-routes.js';
import { OAuthAudit } from './oauth/oauth-audit.js';
import { OAuthTokenService } from './oauth/token-service.js';

export interface ServerParts {
  app: FastifyInstance;
  passwords: PasswordAuthenticator;
  sessions: SessionManager;
  /** Authentication events on their way to the audit log; flushed after the HTTP server closes. */
  audit: AuthEventTrail;
}

/**
 * Composition root: builds the HTTP server around a store. Listening is the caller's choice,
 * so tests can run it on an ephemeral port. With `https` (PEM texts) it serves TLS, and the
 * session cookie becomes `Secure` and `__Host-` prefixed.
 */
export function buildServer(
  config: Config,
  store: Store,
  now: () => Date = () => new Date(),
  https: { cert: string; key: string } | null = null,
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
    ...(https ? { https: { cert: https.cert, key: https.key } } : {}),
  });

  const verifiedPasswords = new VerifiedPasswordCache({
    ttlSeconds: config.passwordCacheTtlSeconds,
    maxEntries: config.passwordCacheSize,
  });
  // The user row is read on every request anyway; this only keeps the memory from outliving
  // a change to the account made through any instance.
  store.database.changes.subscribe((change) => {
    if (change.kind === 'user') verifiedPasswords.forgetUser(change.userId);
    if (change.kind === 'everything') verifiedPasswords.forgetAll();
  });
  const audit = new AuthEventTrail(store.auditLog, now);
  const passwords = new PasswordAuthenticator(store.users, verifiedPasswords, audit);
  const sessions = new SessionManager(store.sessions, store.users, () => now().getTime());
  const oauthAudit = new OAuthAudit(audit, store.users);
  const oauthTokens = new OAuthTokenService(store, config, () => now().getTime(), oauthAudit);
  const authenticator = new Authenticator(
    passwords,
    store.apiTokens,
    sessions,
    { tokens: oauthTokens, users: store.users, audit: oauthAudit },
    audit,
  );
  const cookie = new SessionCookie(https !== null);
  const services: Services = { store, config, now };
  const notices = new OneTimeNotices();

  registerJsonBodyParser(app);
  registerCallerLanguage(app);
  void app.register(fastifyCookie);
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
  // Registered after the cookie and form plugins, so every route sees what they add.
  void app.register(async (routes) => {
    mountApi(routes, allEndpoints(), authenticator, { sessions, cookie }, services);
    // Only the login and logout forms are posted as forms; the API keeps refusing them.
    await routes.register(async (forms) => {
      await forms.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
      mountLogin(forms, { passwords, sessions, cookie, audit }, config);
      const oauthPages = { store, config, sessions, cookie, audit: oauthAudit };
      mountAuthorizationEndpoint(forms, { ...oauthPages, tokens: oauthTokens });
      mountAccountPage(forms, oauthPages);
      await mountSettingsPages(forms, {
        store,
        config,
        sessions,
        cookie,
        notices,
        passwords,
        now,
        audit,
        oauthAudit,
      });
    });
    // The token endpoints answer every error in RFC 6749's shape, so they get their own scope.
    await routes.register(async (oauth) => {
      await mountTokenEndpoints(oauth, {
        clients: new ClientAuthenticator(
          store.oauthClients,
          oauthAudit,
          new FailureThrottle({ now: () => now().getTime() }),
        ),
        tokens: oauthTokens,
      });
    });
    mountAppPages(routes, { store, config, sessions, cookie });
    mountStaticAssets(routes);
  });

  return { app, passwords, sessions, audit };
}
