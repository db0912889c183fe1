import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliCommand } from '../helpers/cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'limits-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const limits = cliCommand(dataDir, 'limits');

describe('dtone-gateway limits', () => {
  it('sets a daily spend cap, lists it with today’s spend, replaces it and clears it', async () => {
    const set = await limits('set-spend-cap', '--tenant', 'acme', '--currency', 'usd', '--daily', '250.00');
    expect(set.code).toBe(0);
    expect(set.stderr).toMatch(/acme may spend up to 250\.00 USD a day \(UTC\); spent today: 0\.00 USD/);
    await limits('set-spend-cap', '--tenant', 'acme', '--currency', 'EUR', '--daily', '10');

    const listed = await limits('list', '--tenant', 'acme');
    expect(listed.code).toBe(0);
    const rows = listed.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s{2,}/));
    expect(rows[0]).toEqual(['TENANT', 'CURRENCY', 'DAILY CAP', 'SPENT TODAY', 'SET']);
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['acme', 'EUR', '10', '0.00'],
      ['acme', 'USD', '250.00', '0.00'],
    ]);

    expect((await limits('clear-spend-cap', '--tenant', 'acme', '--currency', 'EUR')).code).toBe(0);
    const again = await limits('clear-spend-cap', '--tenant', 'acme', '--currency', 'EUR');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no spend cap in EUR/);
  }, 60_000);

  it('refuses bad input with exit 2 and says what to write', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['set-spend-cap', '--tenant', 'Acme!', '--currency', 'USD', '--daily', '1'], /Invalid tenant/],
      [['set-spend-cap', '--tenant', 'acme', '--currency', 'DOLLARS', '--daily', '1'], /ISO 4217/],
      [['set-spend-cap', '--tenant', 'acme', '--currency', 'USD', '--daily', '1e3'], /positive amount/],
      [['set-spend-cap', '--tenant', 'acme', '--currency', 'USD', '--daily', '0'], /positive amount/],
      [
        ['set-spend-cap', '--tenant', 'acme', '--currency', 'USD', '--daily', '0.1234567'],
        /at most 6 decimals/,
      ],
      [['set-spend-cap', '--tenant', 'acme', '--currency', 'USD'], /--daily/],
    ];
    for (const [args, message] of cases) {
      const result = await limits(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  }, 60_000);
});
