import { calculatedValues, readNumberPrecision } from '../kintone/fields/index.js';
import type { App, StoredValues } from '../store/types.js';
import type { ApiCall } from './endpoint.js';

/**
 * The CALC values of a record about to be saved (`record` holds all its values, after
 * defaults, lookups and, on update, the stored values the write leaves alone). Kintone
 * computes them on every save, rounded to the app's number precision. What a client sent
 * for a CALC field never reaches here: validateRecordWrite ignores it.
 */
export async function calculatedFor(
  call: ApiCall,
  app: App,
  record: StoredValues,
): Promise<Record<string, string>> {
  // Most apps have no CALC field; they skip the settings read.
  if (!Object.values(app.properties).some((field) => field.type === 'CALC')) return {};

  const settings = await call.services.store.appSettings.readLive(app.id, 'app/settings');
  return calculatedValues(record, app.properties, readNumberPrecision(settings?.numberPrecision));
}
