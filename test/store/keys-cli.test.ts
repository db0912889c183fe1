import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_KEY_PATTERN, hashApiKey } from '../../src/store/api-key-material.js';
import { createStore } from '../../src/store/index.js';
import { cliCommand } from '../helpers/cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'keys-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const keys = cliCommand(dataDir, 'keys');

describe('npm run keys', () => {
  it('creates a key shown once, lists it without the key, revokes it and lists it as revoked', async () => {
    const scopes = 'catalogue:read,transactions:write,transactions:read';
    const created = await keys('create', '--tenant', 'acme', '--name', 'checkout', '--scopes', scopes);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(API_KEY_PATTERN);
    expect(key.startsWith('dtgw_acme_')).toBe(true);
    expect(created.stderr).toMatch(/only time the key is shown/);
    const id = /Created API key (\S+)/.exec(created.stderr)?.[1];
    expect(id).toBeDefined();

    const listed = await keys('list');
    expect(listed.code).toBe(0);
    const row = listed.stdout.split('\n').find((line) => line.startsWith(id!));
    expect(row?.split(/\s{2,}/)).toEqual([
      id,
      'acme',
      'checkout',
      `${key.slice(0, 12)}…`,
      scopes,
      expect.stringMatching(/^\d{4}-.*Z$/),
      '-',
    ]);
    expect(listed.stdout).not.toContain(key.slice(12));

    const store = await createStore({ databaseUrl: undefined, sqlitePath: join(dataDir, 'gateway.db') });
    try {
      expect(await store.findApiKeyByHash(hashApiKey(key))).toMatchObject({
        id,
        tenantId: 'acme',
        revokedAt: null,
      });
    } finally {
      await store.close();
    }
    for (const file of ['gateway.db', 'gateway.db-wal'].map((f) => join(dataDir, f)).filter(existsSync)) {
      expect(readFileSync(file).includes(key.slice(12))).toBe(false);
    }

    const revoked = await keys('revoke', id!);
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining(`Revoked API key ${id}`) });
    const after = await keys('list', '--tenant', 'acme');
    const revokedRow = after.stdout.split('\n').find((line) => line.startsWith(id!));
    expect(revokedRow?.split(/\s{2,}/).at(-1)).toMatch(/^\d{4}-.*Z$/);
  }, 60_000);

  it('refuses an unknown scope with the list of scopes, and creates nothing', async () => {
    const result = await keys(
      'create',
      '--tenant',
      'globex',
      '--name',
      'ops',
      '--scopes',
      'catalogue:read,root',
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'Unknown scope "root": use one or more of catalogue:read, transactions:write',
    );
    expect((await keys('list', '--tenant', 'globex')).stdout).toBe('');
  }, 60_000);

  it('answers 1 for revoking an unknown key and 2 for a command it does not know', async () => {
    expect((await keys('revoke', 'key_missing')).code).toBe(1);
    const wrong = await keys('rotate');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("unknown command 'rotate'");
    expect(wrong.stderr).toContain('--help');
  }, 60_000);
});
