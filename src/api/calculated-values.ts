import { fieldCalculator, readNumberPrecision, type Calculator } from '../kintone/fields/index.js';
import type { App } from '../store/types.js';
import type { ApiCall } from './endpoint.js';

const NOTHING_TO_CALCULATE: Calculator = () => ({});

/**
 * What computes the CALC values of the app's records a request saves: each is given all the
 * values of a record about to be saved (after defaults, lookups and, on update, the stored
 * values the write leaves alone). Kintone computes them on every save, rounded to the app's
 * number precision. Built once per request, before the write; what a client sent for a CALC
 * field never reaches it: validateRecordWrite ignores it.
 */
export async function calculatorFor(call: ApiCall, app: App): Promise<Calculator> {
  // Most apps have no CALC field; they skip the settings read.
  if (!Object.values(app.properties).some((field) => field.type === 'CALC')) {
    return NOTHING_TO_CALCULATE;
  }

  // A bulk request runs its writes inside one transaction, which this read may already be in.
  const settings = await call.services.store.appSettings.readLive(app.id, 'app/settings');
  return fieldCalculator(app.properties, readNumberPrecision(settings?.numberPrecision));
}
