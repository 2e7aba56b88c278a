import type { FastifyRequest } from 'fastify';
import type { Upload } from '../api/endpoint.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { ApiParams } from './params.js';

/** The only file part Kintone reads, as the official client names it. */
const FILE_PART = 'file';

/** A multipart body read whole: its `file` part and its other fields as parameters. */
export interface MultipartBody {
  fields: ApiParams;
  upload?: Upload;
}

/**
 * Reads a `multipart/form-data` body. Text fields become parameters (the session's request
 * token travels as one, before or after the file); the part named `file` is the upload. Other
 * file parts are read and dropped. A file over `maxFileBytes` is KL_FI01; a second file or a
 * malformed body is refused by the parser as a client error.
 */
export async function readMultipart(
  request: FastifyRequest,
  maxFileBytes: number,
): Promise<MultipartBody> {
  const body: MultipartBody = { fields: {} };
  const parts = request.parts({
    limits: { fileSize: maxFileBytes, files: 1, fields: 20, fieldSize: 64 * 1024 },
  });

  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname !== '__proto__') body.fields[part.fieldname] = String(part.value);
        continue;
      }
      const bytes = await part.toBuffer();
      if (part.fieldname === FILE_PART) {
        body.upload = { name: part.filename, contentType: part.mimetype, bytes };
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new KintoneError('KL_FI01', { max: maxFileBytes });
    }
    if (error instanceof KintoneError) throw error;
    // Anything else the parser refuses (no boundary, a body cut short) is the client's mistake.
    throw new KintoneError('CB_IL02');
  }
  return body;
}
