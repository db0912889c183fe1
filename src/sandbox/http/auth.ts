import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface ApiCredentials {
  apiKey: string;
  apiSecret: string;
}

/** Compares through fixed-length digests: `timingSafeEqual` throws on unequal lengths. */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/** DVS: HTTP Basic, username = API key, password = API secret. Returns the key, or undefined. */
export function checkBasic(headers: IncomingHttpHeaders, creds: ApiCredentials): string | undefined {
  const header = headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const ok = safeEqual(key, creds.apiKey) && safeEqual(secret, creds.apiSecret);
  return ok ? key : undefined;
}

/**
 * Goods & Services: `X-TransferTo-apikey`, a numeric `X-TransferTo-nonce` never used before by that key, and
 * `X-TransferTo-hmac` = Base64(HMAC-SHA256(key = secret, message = apiKey + nonce)).
 */
export function createGsAuth(creds: ApiCredentials) {
  const seenNonces = new Set<string>();
  return (headers: IncomingHttpHeaders): string | undefined => {
    const key = headerValue(headers['x-transferto-apikey']);
    const nonce = headerValue(headers['x-transferto-nonce']);
    const hmac = headerValue(headers['x-transferto-hmac']);
    if (!key || !nonce || !hmac || !/^\d{1,32}$/.test(nonce)) return undefined;
    if (!safeEqual(key, creds.apiKey)) return undefined;
    const expected = createHmac('sha256', creds.apiSecret)
      .update(key + nonce)
      .digest('base64');
    if (!safeEqual(hmac, expected)) return undefined;
    if (seenNonces.has(nonce)) return undefined;
    seenNonces.add(nonce);
    if (seenNonces.size > 100_000) seenNonces.clear();
    return key;
  };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
