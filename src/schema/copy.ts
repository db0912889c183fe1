/** A shallow, extensible copy of a (frozen, cached) entity, or `null`. */
export function copy<T extends object>(value: T | null): T | null {
  return value === null ? null : { ...value };
}
