import { createHash, randomBytes } from 'node:crypto';

/** Tenant ids appear inside keys and record ids: lowercase letters, digits and hyphens. */
export const TENANT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
/** `dtgw_<tenant>_<43 base64url characters: 256 random bits>`. */
export const API_KEY_PATTERN = /^dtgw_([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)_([A-Za-z0-9_-]{43})$/;
/** How many leading characters of a key are kept to tell keys apart in listings. */
export const API_KEY_PREFIX_LENGTH = 12;

export interface NewApiKeyMaterial {
  /** The key itself: shown once, never stored. */
  key: string;
  prefix: string;
  hash: string;
}

export function newApiKey(tenantId: string): NewApiKeyMaterial {
  if (!TENANT_ID_PATTERN.test(tenantId)) {
    throw new RangeError(
      `Invalid tenant ${JSON.stringify(tenantId)}: use 1-40 lowercase letters, digits or hyphens (e.g. acme-shop)`,
    );
  }
  const key = `dtgw_${tenantId}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX_LENGTH), hash: hashApiKey(key) };
}

/** SHA-256 (hex) of a presented key: what the store keeps and looks keys up by. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function newApiKeyId(): string {
  return `key_${randomBytes(12).toString('base64url')}`;
}
