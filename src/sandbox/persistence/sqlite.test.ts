import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../ledger.js';
import { openSandboxDatabase } from './sqlite.js';

const entry = (seq: number): LedgerEntry => ({
  seq,
  kind: 'authorize',
  unit: 'USD',
  amount: '1.07',
  holdId: `hold-${seq}`,
  available: '98.93',
  holding: '1.07',
});

/** Opens a folder, does `work` with its database, closes it, and answers what a later open finds there. */
function afterReopen(folder: string, work: (db: ReturnType<typeof openSandboxDatabase>) => void) {
  const db = openSandboxDatabase(folder, 1);
  try {
    work(db);
  } finally {
    db.close();
  }
  const reopened = openSandboxDatabase(folder, 1);
  reopened.close();
  return reopened.saved;
}

describe('the sandbox database', () => {
  it('keeps nothing of a change that throws half-way, and everything of one that completes', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sandbox-db-'));
    const saved = afterReopen(folder, ({ ledger }) => {
      expect(() =>
        ledger.atomic(() => {
          ledger.balance('USD', { available: '98.93', holding: '1.07', captured: '0' });
          ledger.entry(entry(1));
          throw new Error('crash in the middle of a change');
        }),
      ).toThrow('crash in the middle');
      ledger.atomic(() => {
        ledger.balance('USD', { available: '97.86', holding: '2.14', captured: '0' });
        ledger.hold('hold-2', { unit: 'USD', amount: '1.07', state: 'held' });
        ledger.entry(entry(2));
      });
    });
    expect(saved.ledger).toEqual({
      balances: [{ unit: 'USD', available: '97.86', holding: '2.14', captured: '0' }],
      holds: [{ id: 'hold-2', unit: 'USD', amount: '1.07', state: 'held' }],
      entries: [entry(2)],
    });
  });

  it('saves the kept values with each outermost change, and a nested change with its outer one', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sandbox-db-'));
    let position = 0;
    const saved = afterReopen(folder, ({ ledger, keepOnCommit }) => {
      keepOnCommit('dvsRandom', () => position);
      ledger.atomic(() => {
        position = 7;
        ledger.atomic(() => ledger.entry(entry(1)));
        position = 9;
      });
      position = 11; // moved outside any change: not saved
    });
    expect(saved.kept).toEqual({ dvsRandom: 9 });
    expect(saved.ledger.entries).toEqual([entry(1)]);
  });
});
