import { KintoneRestAPIError } from '@kintone/rest-api-client';

/** Runs an official-client call that must fail and returns the client's error for inspection. */
export async function clientFailure(promise: Promise<unknown>): Promise<KintoneRestAPIError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KintoneRestAPIError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
