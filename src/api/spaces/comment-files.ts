import { invalidInput } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import type { CommentFile } from '../../store/space-details.js';
import { newDownloadKey } from '../file-attachments.js';
import { readList, readObject } from '../param-readers.js';
import { readIntegerText } from '../settings/setting-readers.js';

/** Kintone takes up to five files in a thread comment, shown 100 to 750 pixels wide. */
const MAX_FILES = 5;
const WIDTH = { min: 100, max: 750 };

/**
 * Reads `comment.files` of `POST space/thread/comment.json`: `[{ fileKey, width? }]`, each key
 * from `POST file.json`. Whether a key names a usable upload is settled when the comment is
 * stored, in the same transaction. A file gets a new key there, so the upload key works once.
 * https://cybozu.dev/ja/kintone/docs/rest-api/spaces/add-thread-comment/
 */
export function readCommentFiles(value: unknown, now: Date): CommentFile[] {
  const list = readList(value, 'comment.files', { min: 0, max: MAX_FILES });
  return list.map((entry, i) => {
    const key = `comment.files[${i}]`;
    const file = readObject(entry, key);

    const uploadKey = file.fileKey;
    if (uploadKey === undefined || uploadKey === null || uploadKey === '') {
      throw invalidInput([{ key: `${key}.fileKey`, text: inputMessage('REQUIRED_PARAMETER') }]);
    }
    if (typeof uploadKey !== 'string') {
      throw invalidInput([{ key: `${key}.fileKey`, text: inputMessage('NOT_STRING') }]);
    }

    const width =
      file.width === undefined || file.width === null
        ? null
        : Number(readIntegerText(file.width, `${key}.width`, '', WIDTH));
    return { uploadKey, newKey: newDownloadKey(now), width };
  });
}
