import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type {
  ConnectionError,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import type { Config } from '../config/config.js';
import { randomErrorId } from '../crypto/random.js';
import { ERROR_TABLE } from '../errors/table.js';
import { BulkRequestError, KintoneError, type Language } from '../errors/kintone-error.js';
import { requestLanguage } from './caller-language.js';

/** Framework errors that are the client's doing, and the Kintone error each one means. */
const FRAMEWORK_ERRORS: Record<string, KintoneError['code']> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'CB_IJ01',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'CB_IJ01',
  FST_ERR_CTP_BODY_TOO_LARGE: 'CB_IL02',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'CB_IL02',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'CB_IL02',
  FST_ERR_CTP_INVALID_TYPE: 'CB_IL02',
  FST_ERR_BAD_URL: 'CB_IL02',
};

/**
 * The only place that writes an error body. Kintone errors go out with their table row's
 * status and message in the caller's language; anything unexpected becomes a generic KL_IN01
 * whose detail stays in the log under the same id the client sees.
 *
 * Fastify's `frameworkErrors` option routes here too, so a path with broken percent-encoding
 * is answered like any other refusal instead of with a body that echoes the path.
 */
export function buildErrorHandler(config: Config) {
  return function handleError(
    error: FastifyError | Error,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const language: Language = requestLanguage(request, config.language);
    const bulk = error instanceof BulkRequestError ? error : null;
    const kintoneError = toKintoneError(bulk ? bulk.failure : error);
    const id = randomErrorId();

    if (kintoneError.code === 'KL_IN01') {
      request.log.error({ err: error, errorId: id }, 'unexpected failure');
    } else {
      request.log.info({ code: kintoneError.code, errorId: id }, 'request refused');
    }

    if (kintoneError.challenge) reply.header('www-authenticate', kintoneError.challenge);
    void reply
      .code(statusOf(kintoneError, config))
      .header('content-type', 'application/json; charset=utf-8')
      .header('x-cybozu-error', kintoneError.code)
      .send(bulk ? bulkBody(bulk, language, id) : errorBody(kintoneError, language, id));
  };
}

/** The failing sub-request's error at its index; every other entry is empty. */
function bulkBody(error: BulkRequestError, language: Language, id: string) {
  const results: object[] = Array.from({ length: error.count }, () => ({}));
  results[error.index] = errorBody(error.failure, language, id);
  return { results };
}

/**
 * Answers requests Node's HTTP parser refuses before Fastify sees them (a NUL or other control
 * byte in a header, headers over the size limit, a malformed request line). There is no
 * request object, so the response is written raw on the socket and the connection closed, as
 * Node's own fallback does. Nothing of the request is echoed: its bytes may be anything.
 */
export function buildClientErrorHandler(config: Config) {
  return function handleClientError(
    this: FastifyInstance,
    error: ConnectionError,
    socket: Socket,
  ): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;

    const id = randomErrorId();
    // Only the parser's code: the error also carries the raw bytes, which must not be logged.
    this.log.info({ code: 'CB_IL02', parserError: error.code, errorId: id }, 'request refused');

    // A response already under way on this socket cannot be followed by another one.
    if (!socket.writable || inFlightHeadersSent(socket)) {
      socket.destroy();
      return;
    }

    const kintoneError = new KintoneError('CB_IL02');
    const body = JSON.stringify(errorBody(kintoneError, config.language, id));
    const status = CLIENT_ERROR_STATUS[error.code] ?? statusOf(kintoneError, config);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown Error'}\r\n` +
        'content-type: application/json; charset=utf-8\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        'x-cybozu-error: CB_IL02\r\n' +
        'connection: close\r\n\r\n' +
        body,
      () => socket.destroy(),
    );
  };
}

/** Parser errors whose HTTP status says more than a plain 400; the body is CB_IL02 still. */
const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

function inFlightHeadersSent(socket: Socket): boolean {
  // Node keeps the response being written on the socket; the same check guards its fallback.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return inFlight?.headersSent === true;
}

function statusOf(error: KintoneError, config: Config): number {
  const row = ERROR_TABLE[error.code];
  return config.legacyStatusCodes ? row.legacyStatus : row.status;
}

function errorBody(error: KintoneError, language: Language, id: string) {
  const errors = error.errorsIn(language);
  const message = error.messageIn(language);
  return { code: error.code, id, message, ...(errors ? { errors } : {}) };
}

function toKintoneError(error: FastifyError | Error): KintoneError {
  if (error instanceof KintoneError) return error;

  const frameworkCode = 'code' in error ? FRAMEWORK_ERRORS[String(error.code)] : undefined;
  if (frameworkCode) return new KintoneError(frameworkCode);

  // Fastify marks other client-caused errors with a 4xx status.
  const status = 'statusCode' in error ? Number(error.statusCode) : 500;
  if (status >= 400 && status < 500) return new KintoneError('CB_IL02');

  return new KintoneError('KL_IN01');
}
