import { SandboxError } from '../errors.js';

/** A positive int32 id from a path or query value; anything else is DT One's 400 `1000400`. */
export function readId(raw: string | null | undefined, name: string): number {
  if (raw === null || raw === undefined || !/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw new SandboxError(1000400, `${name} is invalid`);
  }
  return Number(raw);
}

export function readOptionalId(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  return raw === null ? undefined : readId(raw, name);
}

const ISO3 = /^[A-Z]{3}$/;
export const E164 = /^\+[1-9][0-9]{6,14}$/;

export function readOptionalCountry(query: URLSearchParams, name = 'country_iso_code'): string | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!ISO3.test(raw)) throw new SandboxError(1000400, `${name} is invalid`);
  return raw;
}

export function asObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SandboxError(1000400, 'Request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** A JSON integer id inside a body (numbers arrive as `LosslessNumber`, strings are refused as DT One does). */
export function readBodyId(body: Record<string, unknown>, name: string): number {
  const v = body[name];
  const text =
    typeof v === 'object' && v !== null && 'isLosslessNumber' in v
      ? String(v)
      : typeof v === 'number'
        ? String(v)
        : undefined;
  if (text === undefined) throw new SandboxError(1000400, `${name} is required and must be an integer`);
  return readId(text, name);
}
