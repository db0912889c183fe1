import { newApiKey, newApiKeyId, TENANT_ID_PATTERN } from '../store/api-key-material.js';
import { parseScopes, SCOPES, UnknownScopeError } from '../store/scopes.js';
import type { ApiKeyRecord, Store } from '../store/types.js';
import { columns } from './table.js';
import { type CliIo, UsageError } from './usage-error.js';

const MAX_NAME_LENGTH = 100;

function checkTenant(tenant: string): string {
  if (!TENANT_ID_PATTERN.test(tenant)) {
    throw new UsageError(
      `Invalid tenant ${JSON.stringify(tenant)}: use 1-40 lowercase letters, digits or hyphens (e.g. acme-shop)`,
    );
  }
  return tenant;
}

/** `keys create`: a new key, printed once on stdout (only its hash is stored). */
export async function createKey(
  values: { tenant?: string; name?: string; scopes?: string },
  store: Store,
  io: CliIo,
): Promise<number> {
  if (values.tenant === undefined) throw new UsageError('--tenant is required');
  const tenantId = checkTenant(values.tenant);
  const name = values.name?.trim() ?? '';
  if (name === '' || name.length > MAX_NAME_LENGTH) {
    throw new UsageError(`--name is required: 1-${MAX_NAME_LENGTH} characters saying what the key is for`);
  }
  let scopes: string[];
  try {
    scopes = parseScopes(values.scopes ?? '');
  } catch (error) {
    if (error instanceof UnknownScopeError) throw new UsageError(error.message);
    throw error;
  }
  if (scopes.length === 0) throw new UsageError(`--scopes is required: one or more of ${SCOPES.join(', ')}`);

  const { key, prefix, hash } = newApiKey(tenantId);
  const record = await store.createApiKey({ id: newApiKeyId(), tenantId, name, prefix, hash, scopes });
  io.out(key);
  io.err(
    `Created API key ${record.id} for tenant ${tenantId} ("${name}"), scopes: ${scopes.join(', ')}.\n` +
      'This is the only time the key is shown: put it in your secret store now. It is stored only as a hash.',
  );
  return 0;
}

/** `keys list`: every key (or a tenant's), never the keys themselves. */
export async function listKeys(values: { tenant?: string }, store: Store, io: CliIo): Promise<number> {
  const keys = await store.listApiKeys(values.tenant === undefined ? undefined : checkTenant(values.tenant));
  if (keys.length === 0) {
    io.err(values.tenant === undefined ? 'No API keys yet.' : `No API keys for tenant ${values.tenant}.`);
    return 0;
  }
  for (const line of table(keys)) io.out(line);
  return 0;
}

/** Never the key: it is not stored. The prefix tells keys apart. */
function table(keys: ApiKeyRecord[]): string[] {
  const header = ['ID', 'TENANT', 'NAME', 'PREFIX', 'SCOPES', 'CREATED', 'REVOKED'];
  const rows = keys.map((k) => [
    k.id,
    k.tenantId,
    k.name,
    `${k.prefix}…`,
    k.scopes.join(','),
    k.createdAt,
    k.revokedAt ?? '-',
  ]);
  return columns(header, rows);
}

/** `keys revoke <id>`: requests with the key are refused from then on. */
export async function revokeKey(id: string, store: Store, io: CliIo): Promise<number> {
  if (await store.revokeApiKey(id)) {
    io.out(`Revoked API key ${id}. Requests with it are refused from now on.`);
    return 0;
  }
  const existing = (await store.listApiKeys()).find((k) => k.id === id);
  if (existing?.revokedAt) {
    io.out(`API key ${id} was already revoked at ${existing.revokedAt}.`);
    return 0;
  }
  io.err(`No API key with id ${JSON.stringify(id)}: see dtone-gateway keys list`);
  return 1;
}
