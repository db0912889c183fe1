import { isRecord } from '../http/error-body.js';
import { ShapeError } from '../http/shape-error.js';

export type FieldKind = 'id' | 'string' | 'object';

/**
 * Checks only what the client itself relies on (an entity's key field); every other field, known or not, passes
 * through untouched, because DT One adds fields without notice and older clients broke on them.
 */
export function entity<T>(required: Readonly<Record<string, FieldKind>>): (body: unknown) => T {
  const fields = Object.entries(required);
  return (body) => {
    if (!isRecord(body)) throw new ShapeError('expected an object');
    for (const [key, kind] of fields) {
      if (!hasKind(body[key], kind)) throw new ShapeError(`expected ${key} to be ${kind}`);
    }
    return body as T;
  };
}

export function listOf<T>(item: (body: unknown) => T): (body: unknown) => T[] {
  return (body) => {
    if (!Array.isArray(body)) throw new ShapeError('expected an array');
    return body.map(item);
  };
}

export function anyObject<T>(body: unknown): T {
  if (!isRecord(body)) throw new ShapeError('expected an object');
  return body as T;
}

function hasKind(value: unknown, kind: FieldKind): boolean {
  if (kind === 'object') return isRecord(value);
  if (kind === 'string') return typeof value === 'string';
  // int64 ids beyond 2^53 reach us as their digits from the lossless parser.
  return (
    (typeof value === 'number' && Number.isSafeInteger(value)) ||
    (typeof value === 'string' && /^\d+$/.test(value))
  );
}
