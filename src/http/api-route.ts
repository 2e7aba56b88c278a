import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { requireScope } from '../auth/oauth-scope.js';
import type { SessionManager } from '../auth/session.js';
import { FileDownload, type Endpoint, type HttpMethod, type Services } from '../api/endpoint.js';
import { KintoneError } from '../errors/kintone-error.js';
import { sendFile } from './file-reply.js';
import { readGetBody } from './json-body.js';
import { requestLanguage } from './caller-language.js';
import { checkParams } from './param-safety.js';
import { readMultipart, type MultipartBody } from './multipart-body.js';
import { mergeParams, parseQueryString } from './params.js';
import { checkSessionWrite, takeRequestToken } from './request-token.js';
import type { SessionCookie } from './session-cookie.js';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

/**
 * Mounts Kintone's REST API on `/k/v1/` and on `/k/guest/{spaceId}/v1/`. Both prefixes lead to
 * the same endpoints; the guest space id travels with the call and the app checks use it.
 *
 * Each request goes through the same steps: resolve the method (honouring
 * X-HTTP-Method-Override), authenticate, check a session call's request token and origin, find
 * the endpoint, refuse tokens where Kintone does, check parameters, and hand over. Errors of
 * any step reach the one error handler.
 *
 * Only `file.json` accepts multipart bodies: its routes live in a scope of their own with the
 * multipart parser, and everywhere else a multipart body stays an unsupported type (CB_IL02).
 */
export function mountApi(
  app: FastifyInstance,
  endpoints: readonly Endpoint[],
  authenticator: Authenticator,
  browser: { sessions: SessionManager; cookie: SessionCookie },
  services: Services,
): void {
  const table = new Map<string, Map<HttpMethod, Endpoint>>();
  for (const endpoint of endpoints) {
    const methods = table.get(endpoint.path) ?? new Map<HttpMethod, Endpoint>();
    methods.set(endpoint.method, endpoint);
    table.set(endpoint.path, methods);
  }

  const handler = async (
    request: FastifyRequest<{ Params: { '*'?: string; spaceId?: string } }>,
    reply: FastifyReply,
  ) => {
    const method = effectiveMethod(request);
    const guestSpaceId = readGuestSpaceId(request.params.spaceId);
    const multipart = isMultipart(request);
    const body = request.method === 'GET' ? await readGetBody(request) : request.body;
    refuseJsonTypeWithoutBody(request, method, body);

    const cookie = browser.cookie.read(request);
    const principal = await authenticator.authenticate(request.headers, request.ip, cookie);
    if (principal.kind === 'user') request.callerLanguage = principal.user.language;

    // A multipart body is read only once the caller is known, so nobody can make the server
    // take in a file without credentials.
    let form: MultipartBody | undefined;
    if (multipart) form = await readMultipart(request, services.config.maxFileBytes);
    const params = mergeParams(parseQueryString(rawQuery(request.url)), form?.fields ?? body);
    const token = takeRequestToken(params);
    checkSessionWrite(request, principal, token, browser.sessions);

    const endpoint = findEndpoint(table, request.params['*'] ?? FILE_API, method);
    if (principal.kind === 'token' && !endpoint.acceptsApiToken) {
      throw new KintoneError('GAIA_NO01');
    }
    refuseSecondAccessToken(request, principal, params);
    requireScope(principal, endpoint.scope);

    checkParams(params);
    const result = await endpoint.handle({
      params,
      principal,
      guestSpaceId,
      language: requestLanguage(request, services.config.language),
      services,
      ...(form?.upload ? { upload: form.upload } : {}),
    });
    return result instanceof FileDownload ? sendFile(reply, result) : result;
  };

  app.route({ method: METHODS.slice(), url: '/k/v1/*', handler });
  app.route({ method: METHODS.slice(), url: '/k/guest/:spaceId/v1/*', handler });

  // The multipart plugin traces its parser options, request headers included, so the file
  // routes never log below debug: credentials must not reach the log at any level.
  const logLevel = services.config.logLevel === 'trace' ? 'debug' : services.config.logLevel;
  void app.register(async (files) => {
    await files.register(fastifyMultipart);
    files.route({ method: METHODS.slice(), url: `/k/v1/${FILE_API}`, handler, logLevel });
    files.route({
      method: METHODS.slice(),
      url: `/k/guest/:spaceId/v1/${FILE_API}`,
      handler,
      logLevel,
    });
  });
}

/** The one API that takes multipart bodies, on routes of its own. */
const FILE_API = 'file.json';

/** True only on the file routes, where the multipart parser is registered and saw a body. */
function isMultipart(request: FastifyRequest): boolean {
  return typeof request.isMultipart === 'function' && request.isMultipart();
}

/**
 * POST with `X-HTTP-Method-Override` runs as the named method, so long GETs sent as POST never
 * create anything. The override is case-sensitive and only honoured on POST, as in Kintone.
 */
function effectiveMethod(request: FastifyRequest): HttpMethod {
  const method = request.method as HttpMethod;
  const override = request.headers['x-http-method-override'];
  if (method !== 'POST' || override === undefined) return method;

  if (typeof override === 'string' && (METHODS as readonly string[]).includes(override)) {
    return override as HttpMethod;
  }
  throw new KintoneError('CB_IL02');
}

/**
 * Kintone refuses a GET that declares a JSON body but sends none; a GET with a JSON body is a
 * documented way to pass long parameters and is accepted.
 */
function refuseJsonTypeWithoutBody(request: FastifyRequest, method: HttpMethod, body: unknown) {
  const type = request.headers['content-type'];
  if (method !== 'GET' || !type?.toLowerCase().startsWith('application/json')) return;
  if (body === undefined || body === null) throw new KintoneError('CB_IL02');
}

function findEndpoint(
  table: Map<string, Map<HttpMethod, Endpoint>>,
  wildcard: string,
  method: HttpMethod,
): Endpoint {
  // API names end in a lowercase ".json"; Kintone answers 404 for "records.JSON".
  const match = /^([a-zA-Z/]+)\.json$/.exec(wildcard);
  const methods = match?.[1] ? table.get(match[1]) : undefined;
  if (!methods) throw new KintoneError('KL_UR01');

  const endpoint = methods.get(method);
  if (!endpoint) throw new KintoneError('KL_UR02');
  return endpoint;
}

/**
 * RFC 6750 §2: a client uses one way of sending its token. Tokens in the URL or body are never
 * read here, and a Bearer call that also carries one is refused rather than half-understood.
 * So is a second Authorization header: Node keeps only the first, while a proxy in front may
 * have judged the request by the other.
 */
function refuseSecondAccessToken(
  request: FastifyRequest,
  principal: Principal,
  params: Record<string, unknown>,
): void {
  if (principal.kind !== 'user' || principal.method !== 'oauth') return;
  if (!('access_token' in params) && authorizationHeaders(request.raw.rawHeaders) < 2) return;
  throw new KintoneError('CB_IL02', {}, [], {
    challenge: 'Bearer realm="kintone-local", error="invalid_request"',
  });
}

/** `rawHeaders` alternates names and values, in the case the client wrote them. */
function authorizationHeaders(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'authorization') count++;
  }
  return count;
}

function readGuestSpaceId(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw new KintoneError('KL_UR01');
  return Number(raw);
}

function rawQuery(url: string): string {
  const index = url.indexOf('?');
  return index < 0 ? '' : url.slice(index + 1);
}
