import { randomUUID } from 'node:crypto';
import { openApp } from '../auth/app-access.js';
import { fieldAccessFor, mayView } from '../auth/field-permissions.js';
import { requireRecordRight } from '../auth/record-permissions.js';
import type { Principal } from '../auth/principal.js';
import { invalidInput, KintoneError } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import { FileDownload, type Endpoint } from './endpoint.js';
import { readOptionalString } from './param-readers.js';

/**
 * `POST file.json`: keeps an uploaded file for three days under a temporary key, which a record
 * write then attaches. Kintone needs no access right for this, so any authenticated caller may
 * upload, an API token of any app and with any checkbox included.
 */
export const uploadFile: Endpoint = {
  path: 'file',
  method: 'POST',
  acceptsApiToken: true,
  scope: 'k:file:write',
  async handle(call) {
    const upload = call.upload;
    if (!upload) throw invalidInput([{ key: 'file', text: inputMessage('REQUIRED_PARAMETER') }]);

    const fileKey = randomUUID();
    await call.services.store.files.saveUpload({
      key: fileKey,
      name: upload.name,
      contentType: upload.contentType,
      size: upload.bytes.length,
      bytes: upload.bytes,
      owner: ownerOf(call.principal),
      createdAt: call.services.now().getTime(),
    });
    return { fileKey };
  },
};

/**
 * `GET file.json`: the bytes of a file a record lists, by the download key records show. The
 * caller needs what reading the record and the field needs: the app, record and field
 * permissions to view them (CB_NO02 otherwise).
 */
export const downloadFile: Endpoint = {
  path: 'file',
  method: 'GET',
  acceptsApiToken: true,
  scope: 'k:file:read',
  async handle(call) {
    const fileKey = readOptionalString(call.params.fileKey, 'fileKey');
    if (!fileKey) {
      throw invalidInput([{ key: 'fileKey', text: inputMessage('REQUIRED_PARAMETER') }]);
    }

    const file = await call.services.store.files.findAttached(fileKey);
    if (!file) throw new KintoneError('GAIA_BL01', { key: fileKey });
    const app = await openApp(call, 'view', { value: file.appId, key: 'fileKey' });
    await requireRecordRight(call, app, file.recordId, 'viewable');
    if (!mayView(await fieldAccessFor(call, app), file.fieldCode)) {
      throw new KintoneError('CB_NO02');
    }
    return new FileDownload(file.name, file.contentType, file.bytes);
  },
};

/** Who uploaded a file, kept for inspection: a user's login name or the token's apps. */
function ownerOf(principal: Principal): string {
  if (principal.kind === 'user') return `user:${principal.user.loginName}`;
  return `token:${[...principal.grants.keys()].join(',')}`;
}
