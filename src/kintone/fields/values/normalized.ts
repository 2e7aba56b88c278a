import type { Problem } from '../write-context.js';

/** A field value made ready to store, or empty with the reasons it could not be. */
export interface Normalized<V extends string | string[] = string | string[]> {
  value: V;
  problems: Problem[];
}

export function accepted<V extends string | string[]>(value: V): Normalized<V> {
  return { value, problems: [] };
}
