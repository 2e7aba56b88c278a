import type { Seed } from '../../src/seed/seed-schema.js';
import { APP_PROPERTIES, fixtureSeed } from '../support/fixture.js';

/** The HTTP fixture with an attachment field on every app. */
export const FILE_APP_PROPERTIES = {
  ...APP_PROPERTIES,
  attachment: { type: 'FILE', code: 'attachment', label: 'Attachment' },
};

export function filesSeed(): Seed {
  const seed = fixtureSeed();
  for (const app of seed.apps ?? []) app.properties = structuredClone(FILE_APP_PROPERTIES);
  return seed;
}

/** A multipart body as a browser or `form-data` writes it, parts in the order given. */
export function multipartBody(
  parts: ReadonlyArray<
    | { name: string; value: string }
    | { name: string; filename: string; type: string; data: Buffer | string }
  >,
): { body: Buffer; contentType: string } {
  const boundary = '----kintone-local-test-boundary';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      'filename' in part
        ? `form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
          `Content-Type: ${part.type}`
        : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    chunks.push(Buffer.from('filename' in part ? part.data : part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
