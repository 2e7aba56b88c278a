import { KintoneError } from '../errors/kintone-error.js';
import { WriteConflictError } from '../store/records.js';

/** Turns the store's refusal of a write into Kintone's answer for it. */
export async function translateWriteConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof WriteConflictError)) throw error;
    if (error.conflict.kind === 'missing') {
      throw new KintoneError('GAIA_RE01', { id: error.conflict.id });
    }
    throw new KintoneError('GAIA_CO02');
  }
}
