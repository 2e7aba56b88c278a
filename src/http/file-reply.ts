import type { FastifyReply } from 'fastify';
import type { FileDownload } from '../api/endpoint.js';

/** A media type as a client may send one: type/subtype and simple parameters, nothing else. */
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("?)[\w.+-]+\2)*$/;

/**
 * Sends a stored file as Kintone does: the bytes under the type given at upload. It goes out
 * as an attachment with `nosniff`, so a browser saves an uploaded HTML or SVG file instead of
 * running it on this origin, where the session cookie lives.
 */
export function sendFile(reply: FastifyReply, file: FileDownload): FastifyReply {
  const type = MEDIA_TYPE.test(file.contentType) ? file.contentType : 'application/octet-stream';
  return reply
    .header('content-type', type)
    .header('content-disposition', contentDisposition(file.name))
    .header('x-content-type-options', 'nosniff')
    .send(file.bytes);
}

/**
 * `attachment` with the name: plain `filename` when it is printable ASCII, otherwise an ASCII
 * stand-in plus RFC 5987's `filename*` in UTF-8, which every current browser prefers.
 */
export function contentDisposition(name: string): string {
  const quoted = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;
  if (/^[\x20-\x7e]*$/.test(name)) return `attachment; filename=${quoted(name)}`;

  const fallback = name.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename=${quoted(fallback)}; filename*=UTF-8''${encoded}`;
}
