import { KintoneRestAPIClient, KintoneRestAPIError } from '@kintone/rest-api-client';

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

/** The official client signed in with a user's password, in a guest space when one is given. */
export function passwordClient(
  baseUrl: string,
  user: { loginName: string; password: string },
  guestSpaceId?: number,
): KintoneRestAPIClient {
  return new KintoneRestAPIClient({
    baseUrl,
    auth: { username: user.loginName, password: user.password },
    ...(guestSpaceId ? { guestSpaceId } : {}),
  });
}
