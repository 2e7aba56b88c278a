import qs from 'qs';
import { KintoneError } from '../errors/kintone-error.js';

export type ApiParams = Record<string, unknown>;

/**
 * Parses a query string the way the official client writes it with `qs`: percent-encoded
 * bracket indices (`ids%5B0%5D=1`), indices that may skip (sparse arrays stay sparse so that
 * `revisions[1]` still lines up with `ids[1]`), and empty values, which callers read as null.
 */
export function parseQueryString(raw: string): ApiParams {
  // Most calls carry flat parameters (`app=1&id=2`); those skip qs, which is a measurable share
  // of a single-record read.
  if (!/[[%.]/.test(raw)) {
    const flat = flatParams(raw);
    if (flat) return flat;
  }

  return qs.parse(raw, {
    allowSparse: true,
    arrayLimit: 10_000,
    parameterLimit: 20_000,
    depth: 10,
    ignoreQueryPrefix: true,
  }) as ApiParams;
}

/** Flat `key=value` pairs, or null when a key repeats (qs turns repeats into arrays). */
function flatParams(raw: string): ApiParams | null {
  const params: ApiParams = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (Object.hasOwn(params, key) || key === '__proto__') return null;
    params[key] = value;
  }
  return params;
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
