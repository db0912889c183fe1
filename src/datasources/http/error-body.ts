import { parseJson } from '../../money/json.js';

export interface UpstreamErrorDetail {
  /** The first error's numeric code, when the body carries one. */
  code: number | undefined;
  message: string | undefined;
}

/**
 * Reads DT One's error body `{ "errors": [{ "code": <int>, "message": <string> }] }` (DVS and G&S alike).
 * Only the first error counts, as in DT One's own clients. Any other body — HTML from a proxy, empty, garbage —
 * yields no code rather than an exception: the HTTP status still says what happened.
 */
export function readErrorBody(bodyText: string): UpstreamErrorDetail {
  let body: unknown;
  try {
    body = parseJson(bodyText);
  } catch {
    return { code: undefined, message: undefined };
  }
  const first = isRecord(body) && Array.isArray(body.errors) ? (body.errors[0] as unknown) : undefined;
  if (!isRecord(first)) return { code: undefined, message: undefined };
  const code = readCode(first.code);
  const message = typeof first.message === 'string' ? first.message : undefined;
  return { code, message };
}

function readCode(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  // Some gateways quote the code; a digit string is the same code.
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one header from a lower-cased (or any-cased) header map. */
export function headerOf(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return undefined;
}
