import { z } from 'zod';

/**
 * Parsers of the security settings (`CORS_ORIGINS`, the booleans, `DATA_ENCRYPTION_KEY[S]`), kept out of
 * `config.ts` so its schema stays a list of variables. They only parse; `config.ts` still reads the environment.
 */

/** `true`/`false` (also 1/0, yes/no, on/off); unset or empty means "the mode decides". */
export const optionalBool = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
  z.stringbool({ error: 'must be true or false' }).optional(),
);

/**
 * `https://app.example.com,http://localhost:5173` → the exact origins (scheme, host, port; no path, no `*`).
 * Unset → undefined (the mode decides); set but empty → no origin at all.
 */
export function parseOrigins(list: string | undefined, ctx: z.RefinementCtx): string[] | undefined {
  if (list === undefined) return undefined;
  const origins: string[] = [];
  for (const raw of list.split(',')) {
    const value = raw.trim();
    if (value === '') continue;
    let origin: string | undefined;
    try {
      const url = new URL(value);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, ''))
        origin = url.origin;
    } catch {
      // reported below
    }
    if (!origin) {
      ctx.addIssue({
        code: 'custom',
        message: `must list origins like https://app.example.com (scheme, host and port only, comma-separated; "*" is not allowed): ${JSON.stringify(value)} is not one`,
      });
      continue;
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

export const DATA_KEY_BYTES = 32;

/** 32 bytes as base64 (44 characters, `openssl rand -base64 32`) or hex (64 characters) → base64. */
export function parseDataKey(text: string, ctx: z.RefinementCtx): string {
  const value = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(value)
      ? Buffer.from(value, 'base64')
      : undefined;
  if (bytes?.length !== DATA_KEY_BYTES) {
    ctx.addIssue({
      code: 'custom',
      message: `must be ${DATA_KEY_BYTES} random bytes as base64 or hex (e.g. openssl rand -base64 32)`,
    });
    return '';
  }
  return bytes.toString('base64');
}
