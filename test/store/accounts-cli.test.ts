import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openKeyPair } from '../../src/accounts/key-pairs.js';
import { loadConfig } from '../../src/config.js';
import { loadKeyRing } from '../../src/secrets/key-file.js';
import { createStore } from '../../src/store/index.js';
import { cliCommand } from '../helpers/cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'accounts-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const accounts = cliCommand(dataDir, 'accounts');

const DVS = { key: 'dvs-key-0123456789abcd', secret: 'dvs-secret-never-shown-1' };
const GS = { key: 'gs-key-0123456789wxyz', secret: 'gs-secret-never-shown-2' };

describe('dtone-gateway accounts', () => {
  it('sets, rotates, lists and clears a tenant’s key pairs, sealed, and never prints a secret', async () => {
    const set = await accounts(
      'set',
      ...['--tenant', 'acme', '--dvs-key', DVS.key, '--dvs-secret', DVS.secret],
      ...['--gs-key', GS.key, '--gs-secret', GS.secret],
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toMatch(/acme uses its own DVS account \(key …abcd, fingerprint \S+\)/);
    expect(set.stderr).toMatch(/acme uses its own G&S account \(key …wxyz/);
    const rotated = await accounts(
      'set',
      '--tenant',
      'acme',
      '--dvs-key',
      DVS.key,
      '--dvs-secret',
      'rotated-secret-3',
    );
    expect(rotated.code).toBe(0);

    const listed = await accounts('list');
    const rows = listed.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s{2,}/));
    expect(rows[0]).toEqual(['TENANT', 'API', 'FINGERPRINT', 'KEY', 'SET']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['acme', 'DVS', '…abcd'],
      ['acme', 'GS', '…wxyz'],
    ]);
    const printed = [set, rotated, listed].map((r) => r.stdout + r.stderr).join('\n');
    for (const secret of [DVS.key, DVS.secret, GS.key, GS.secret, 'rotated-secret-3']) {
      expect(printed).not.toContain(secret);
    }

    const store = await createStore(loadConfig({ DATA_DIR: dataDir }).store);
    try {
      const stored = await store.getTenantAccounts('acme');
      expect(stored.map((a) => a.sealedSecret.startsWith('enc:v1:'))).toEqual([true, true]);
      expect(JSON.stringify(stored)).not.toContain('rotated-secret-3');
    } finally {
      await store.close();
    }

    expect((await accounts('clear', '--tenant', 'acme', '--api', 'gs')).code).toBe(0);
    const again = await accounts('clear', '--tenant', 'acme', '--api', 'gs');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no DT One account of its own for GS/);
    expect((await accounts('list', '--tenant', 'acme')).stdout).not.toMatch(/GS/);
  }, 60_000);

  it('reads secrets given as - from stdin (DVS first), so they appear in no argument', async () => {
    const piped = await cliCommand(dataDir, 'accounts', { input: `${DVS.secret}\n${GS.secret}\n` })(
      'set',
      ...['--tenant', 'stdin', '--dvs-key', DVS.key, '--dvs-secret', '-'],
      ...['--gs-key', GS.key, '--gs-secret', '-'],
    );
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stderr).not.toMatch(/shell history/);
    expect(piped.stdout + piped.stderr).not.toContain(DVS.secret);
    const one = await cliCommand(dataDir, 'accounts', { input: 'gs-secret-from-a-pipe' })(
      ...['set', '--tenant', 'stdin2', '--gs-key', GS.key, '--gs-secret', '-'],
    );
    expect(one.code, one.stderr).toBe(0);
    const store = await createStore(loadConfig({ DATA_DIR: dataDir }).store);
    try {
      const keys = loadKeyRing(loadConfig({ DATA_DIR: dataDir }));
      const opened = async (tenant: string) =>
        (await store.getTenantAccounts(tenant)).map((a) => [a.api, openKeyPair(keys, a).apiSecret]);
      expect(await opened('stdin')).toEqual([
        ['DVS', DVS.secret],
        ['GS', GS.secret],
      ]);
      expect(await opened('stdin2')).toEqual([['GS', 'gs-secret-from-a-pipe']]);
    } finally {
      await store.close();
    }
    const empty = await cliCommand(dataDir, 'accounts', { input: '' })(
      ...['set', '--tenant', 'stdin3', '--dvs-key', DVS.key, '--dvs-secret', '-'],
    );
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--dvs-secret - reads the secret from stdin, line 1: it is empty/);
    const typed = await accounts(
      ...['set', '--tenant', 'typed', '--dvs-key', DVS.key, '--dvs-secret', DVS.secret],
    );
    expect(typed.code).toBe(0);
    expect(typed.stderr).toMatch(/stays in shell history and `ps`: give it as - and pipe it in/);
    expect((await accounts('set', '--help')).stdout).toMatch(/--dvs-secret <secret>.*- reads it from stdin/);
  }, 60_000);

  it('refuses bad input with exit 2 and says what to write, never echoing a secret', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['set', '--tenant', 'Acme!', '--dvs-key', DVS.key, '--dvs-secret', DVS.secret], /Invalid tenant/],
      [['set', '--tenant', 'acme', '--dvs-key', DVS.key], /--dvs-key and --dvs-secret go together/],
      [['set', '--tenant', 'acme'], /Give a DVS pair/],
      [['set', '--tenant', 'acme', '--gs-key', 'short', '--gs-secret', DVS.secret], /API key must be 8-256/],
      [['clear', '--tenant', 'acme', '--api', 'sms'], /--api is dvs or gs/],
    ];
    for (const [args, message] of cases) {
      const run = await accounts(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain(DVS.secret);
    }
  }, 60_000);
});
