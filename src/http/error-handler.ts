import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { randomErrorId } from '../crypto/random.js';
import { ERROR_TABLE } from '../errors/table.js';
import { KintoneError, type Language } from '../errors/kintone-error.js';
import { pickLanguage } from './language.js';

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
 * status and message in the caller's language; anything unexpected becomes a generic CB_IN01
 * whose detail stays in the log under the same id the client sees.
 */
export function buildErrorHandler(config: Config) {
  return function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
    const language: Language = pickLanguage(request.headers['accept-language'], config.language);
    const kintoneError = toKintoneError(error);
    const id = randomErrorId();

    if (kintoneError.code === 'CB_IN01') {
      request.log.error({ err: error, errorId: id }, 'unexpected failure');
    } else {
      request.log.info({ code: kintoneError.code, errorId: id }, 'request refused');
    }

    const row = ERROR_TABLE[kintoneError.code];
    const status = config.legacyStatusCodes ? row.legacyStatus : row.status;
    const errors = kintoneError.errorsIn(language);

    void reply
      .code(status)
      .header('content-type', 'application/json; charset=utf-8')
      .header('x-cybozu-error', kintoneError.code)
      .send({
        code: kintoneError.code,
        id,
        message: kintoneError.messageIn(language),
        ...(errors ? { errors } : {}),
      });
  };
}

function toKintoneError(error: FastifyError | Error): KintoneError {
  if (error instanceof KintoneError) return error;

  const frameworkCode = 'code' in error ? FRAMEWORK_ERRORS[String(error.code)] : undefined;
  if (frameworkCode) return new KintoneError(frameworkCode);

  // Fastify marks other client-caused errors with a 4xx status.
  const status = 'statusCode' in error ? Number(error.statusCode) : 500;
  if (status >= 400 && status < 500) return new KintoneError('CB_IL02');

  return new KintoneError('CB_IN01');
}
