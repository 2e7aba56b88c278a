import qs from 'qs';
import { KintoneError } from '../errors/kintone-error.js';

export type ApiParams = Record<string, unknown>;

/**
 * Parses a query string the way the official client writes it with `qs`: percent-encoded
 * bracket indices (`ids%5B0%5D=1`), indices that may skip (sparse arrays stay sparse so that
 * `revisions[1]` still lines up with `ids[1]`), and empty values, which callers read as null.
 */
export function parseQueryString(raw: string): ApiParams {
  return qs.parse(raw, {
    allowSparse: true,
    arrayLimit: 10_000,
    parameterLimit: 20_000,
    depth: 10,
    ignoreQueryPrefix: true,
  }) as ApiParams;
}

/**
 * The parameters of an API call: query string and JSON body together, the body winning where
 * both name the same key. Kintone reads GET parameters from either (a GET may carry a JSON
 * body), and DELETE parameters arrive in the query string from the official client and in a
 * body from other clients.
 */
export function mergeParams(query: ApiParams, body: unknown): ApiParams {
  if (body === undefined || body === null) return query;
  if (typeof body !== 'object' || Array.isArray(body)) throw new KintoneError('CB_IJ01');
  return { ...query, ...(body as ApiParams) };
}
