import { type KeyPair, keyPairProblems, sealKeyPair, tenantProblem } from '../accounts/key-pairs.js';
import type { KeyRing } from '../secrets/data-keys.js';
import type { Store, UpstreamApi } from '../store/types.js';
import { columns } from './table.js';
import { type CliIo, UsageError } from './usage-error.js';

export interface SetAccountOptions {
  tenant: string;
  dvsKey?: string;
  dvsSecret?: string;
  gsKey?: string;
  gsSecret?: string;
}

/** A secret flag's value that means "read it from stdin". */
export const FROM_STDIN = '-';

/** All of `stream` as text, refusing more than a few key pairs' worth (a file piped in by mistake). */
export async function readInput(stream: AsyncIterable<Buffer | string> = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > 64 * 1024) throw new UsageError('stdin holds more than 64 KiB: pipe in the secrets only');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The secrets given as `-` read from stdin, one a line (the DVS secret first when both are), so they stay out of
 * shell history and `ps`. A secret typed on the command line still works, with a warning that says why not to.
 */
export async function withSecretsFromStdin(
  values: SetAccountOptions,
  read: () => Promise<string>,
  io: CliIo,
): Promise<SetAccountOptions> {
  const flags = (['dvsSecret', 'gsSecret'] as const).filter((name) => values[name] !== undefined);
  const piped = flags.filter((name) => values[name] === FROM_STDIN);
  if (piped.length < flags.length) {
    io.err('A secret on the command line stays in shell history and `ps`: give it as - and pipe it in.');
  }
  if (piped.length === 0) return values;
  const lines = (await read()).split(/\r?\n/);
  const resolved = { ...values };
  for (const [i, name] of piped.entries()) {
    const secret = lines[i];
    const flag = name === 'dvsSecret' ? '--dvs-secret' : '--gs-secret';
    if (secret === undefined || secret === '') {
      throw new UsageError(`${flag} - reads the secret from stdin, line ${i + 1}: it is empty`);
    }
    resolved[name] = secret;
  }
  return resolved;
}

/** Each pair given whole (key and secret), at least one of them; a problem is a usage error naming the flag. */
function pairsOf(values: SetAccountOptions): Array<[UpstreamApi, KeyPair]> {
  const pairs: Array<[UpstreamApi, KeyPair]> = [];
  for (const [api, flag, apiKey, apiSecret] of [
    ['DVS', 'dvs', values.dvsKey, values.dvsSecret],
    ['GS', 'gs', values.gsKey, values.gsSecret],
  ] as const) {
    if (apiKey === undefined && apiSecret === undefined) continue;
    if (apiKey === undefined || apiSecret === undefined) {
      throw new UsageError(`--${flag}-key and --${flag}-secret go together: give both`);
    }
    const problems = keyPairProblems(values.tenant, { apiKey, apiSecret });
    if (problems.length > 0)
      throw new UsageError(`${problems.join('; ')} (--tenant, --${flag}-key, --${flag}-secret)`);
    pairs.push([api, { apiKey, apiSecret }]);
  }
  if (pairs.length === 0) {
    throw new UsageError(
      'Give a DVS pair (--dvs-key, --dvs-secret), a G&S pair (--gs-key, --gs-secret), or both',
    );
  }
  return pairs;
}

function checkTenant(tenant: string): string {
  const problem = tenantProblem(tenant);
  if (problem) throw new UsageError(problem);
  return tenant;
}

/** `accounts set`: the tenant's own DT One key pairs, sealed under the data key; never printed back. */
export async function setAccount(values: SetAccountOptions, store: Store, keys: KeyRing, io: CliIo) {
  for (const [api, pair] of pairsOf(values)) {
    const saved = await store.setTenantAccount(sealKeyPair(keys, values.tenant, api, pair));
    io.err(
      `Tenant ${saved.tenantId} uses its own ${api === 'GS' ? 'G&S' : 'DVS'} account (key …${saved.keyHint}, ` +
        `fingerprint ${saved.fingerprint}); running gateways take it up within seconds.`,
    );
  }
  return 0;
}

/** `accounts list`: every tenant's own key pairs (or one tenant's), never the keys or secrets. */
export async function listAccounts(values: { tenant?: string }, store: Store, io: CliIo) {
  const accounts = await store.listTenantAccounts(
    values.tenant === undefined ? undefined : checkTenant(values.tenant),
  );
  if (accounts.length === 0) {
    io.err(
      values.tenant === undefined
        ? "No tenant has its own DT One account: every tenant uses the deployment's."
        : `Tenant ${values.tenant} has no DT One account of its own: it uses the deployment's.`,
    );
    return 0;
  }
  const rows = accounts.map((a) => [a.tenantId, a.api, a.fingerprint, `…${a.keyHint}`, a.updatedAt]);
  for (const line of columns(['TENANT', 'API', 'FINGERPRINT', 'KEY', 'SET'], rows)) io.out(line);
  return 0;
}

/** `accounts clear`: the tenant uses the deployment's account again (for one API, or both). */
export async function clearAccount(values: { tenant: string; api?: string }, store: Store, io: CliIo) {
  const tenantId = checkTenant(values.tenant);
  const api = values.api?.toUpperCase();
  if (api !== undefined && api !== 'DVS' && api !== 'GS') throw new UsageError('--api is dvs or gs');
  const removed = await store.clearTenantAccount(tenantId, api);
  if (removed === 0) {
    io.err(`Tenant ${tenantId} has no DT One account of its own${api ? ` for ${api}` : ''}.`);
    return 1;
  }
  io.err(`Tenant ${tenantId} uses the deployment's DT One account${api ? ` for ${api}` : ''} again.`);
  return 0;
}
