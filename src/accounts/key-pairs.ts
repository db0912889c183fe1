import { createHash } from 'node:crypto';
import type { UpstreamCredentials } from '../config.js';
import type { KeyRing } from '../secrets/data-keys.js';
import type { SealedTenantAccount } from '../store/account-types.js';
import { TENANT_ID_PATTERN } from '../store/api-key-material.js';
import type { UpstreamApi } from '../store/types.js';

/** A DT One key and secret as given, in clear: held in memory by the clients only, never logged or returned. */
export type KeyPair = UpstreamCredentials;

/** DT One's keys and secrets are printable ASCII; these bounds only catch a value pasted wrong. */
const PRINTABLE = /^[\x21-\x7e]{8,256}$/;

/**
 * What is wrong with a tenant id and key pair (one sentence each, naming the field, never echoing a secret), or
 * nothing. Both the admin mutation and the CLI refuse with these words.
 */
export function keyPairProblems(tenantId: string, pair: KeyPair): string[] {
  const problems: string[] = [];
  const tenant = tenantProblem(tenantId);
  if (tenant) problems.push(tenant);
  if (!PRINTABLE.test(pair.apiKey))
    problems.push('The API key must be 8-256 printable characters, no spaces');
  if (!PRINTABLE.test(pair.apiSecret))
    problems.push('The API secret must be 8-256 printable characters, no spaces');
  return problems;
}

/** What is wrong with a tenant id, or nothing. */
export function tenantProblem(tenantId: string): string | undefined {
  return TENANT_ID_PATTERN.test(tenantId)
    ? undefined
    : `Invalid tenant ${JSON.stringify(tenantId)}: use 1-40 lowercase letters, digits or hyphens (e.g. acme-shop)`;
}

/** Seals are bound to the tenant, API and half: a sealed value copied to another row or column does not open. */
const context = (tenantId: string, api: UpstreamApi, half: 'key' | 'secret') =>
  `tenant-account/${tenantId}/${api}/${half}`;

/** Names a key without revealing it; the same key always shows the same fingerprint, whoever holds it. */
export function fingerprintOf(apiKey: string): string {
  return createHash('sha256').update(`dtone-gateway account key\n${apiKey}`).digest('base64url').slice(0, 12);
}

/** The pair as the store keeps it: both halves sealed under the current data key. */
export function sealKeyPair(
  keys: KeyRing,
  tenantId: string,
  api: UpstreamApi,
  pair: KeyPair,
): Omit<SealedTenantAccount, 'updatedAt'> {
  return {
    tenantId,
    api,
    sealedKey: keys.seal(pair.apiKey, context(tenantId, api, 'key')),
    sealedSecret: keys.seal(pair.apiSecret, context(tenantId, api, 'secret')),
    fingerprint: fingerprintOf(pair.apiKey),
    keyHint: pair.apiKey.slice(-4),
  };
}

/** Throws `DataKeyError` when the key that sealed it is not configured, or the row was altered or moved. */
export function openKeyPair(keys: KeyRing, sealed: SealedTenantAccount): KeyPair {
  return {
    apiKey: keys.open(sealed.sealedKey, context(sealed.tenantId, sealed.api, 'key')),
    apiSecret: keys.open(sealed.sealedSecret, context(sealed.tenantId, sealed.api, 'secret')),
  };
}
