import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KintoneError } from '../errors/kintone-error.js';

/**
 * JSON bodies as Kintone reads them: an empty body is no body (a DELETE or GET may declare the
 * type and send nothing), and anything that is not valid JSON is CB_IJ01.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJsonBytes(body as Buffer));
    } catch (error) {
      done(error as KintoneError, undefined);
    }
  });
}

/** The most a GET's JSON body may hold; GETs carry parameters, not payloads. */
const MAX_GET_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Fastify leaves the body of a GET unread, but Kintone documents GET with a JSON body as one of
 * the three ways to pass parameters, so the API route reads it here.
 */
export async function readGetBody(request: FastifyRequest): Promise<unknown> {
  const headers = request.headers;
  const declaresBody =
    headers['transfer-encoding'] !== undefined ||
    (headers['content-length'] !== undefined && headers['content-length'] !== '0');
  if (!declaresBody) return undefined;

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_GET_BODY_BYTES) throw new KintoneError('CB_IL02');
    chunks.push(chunk);
  }

  const bytes = Buffer.concat(chunks);
  if (!headers['content-type']?.toLowerCase().startsWith('application/json')) {
    // A blank body of any type is no body; only the check for blankness needs the text.
    if (bytes.toString('utf8').trim() === '') return undefined;
    throw new KintoneError('CB_IL02');
  }
  return parseJsonBytes(bytes);
}

/**
 * Decodes and parses a JSON body; blank is undefined. JSON text must be UTF-8 (RFC 8259 §8.1),
 * and a lenient decoder would store U+FFFD in place of the bad bytes, so they are CB_IJ01. A
 * leading BOM is kept, not skipped, so JSON.parse refuses it like any stray character.
 */
function parseJsonBytes(bytes: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new KintoneError('CB_IJ01');
  }

  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new KintoneError('CB_IJ01');
  }
}
