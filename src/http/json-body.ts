import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KintoneError } from '../errors/kintone-error.js';

/**
 * JSON bodies as Kintone reads them: an empty body is no body (a DELETE or GET may declare the
 * type and send nothing), and anything that is not valid JSON is CB_IJ01.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new KintoneError('CB_IJ01'), undefined);
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
  const declaresBody = headers['transfer-encoding'] !== undefined
    || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
  if (!declaresBody) return undefined;

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_GET_BODY_BYTES) throw new KintoneError('CB_IL02');
    chunks.push(chunk);
  }

  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  if (!headers['content-type']?.toLowerCase().startsWith('application/json')) {
    throw new KintoneError('CB_IL02');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new KintoneError('CB_IJ01');
  }
}
