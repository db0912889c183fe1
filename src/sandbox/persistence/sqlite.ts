import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { parse, stringify } from 'lossless-json';
import type { JsonObject } from '../catalogue/types.js';
import type { GsJournal } from '../gs/engine.js';
import type { LedgerEntry, LedgerJournal, SavedLedger } from '../ledger.js';
import type { CallbackJournal, PendingCallback } from '../transactions/callbacks.js';
import type { SavedTransaction, TransactionJournal } from '../transactions/saved.js';
import type { Atomic } from './atomic.js';

/** Bumped when the tables change shape; a folder written by another version is refused, not misread. */
const SCHEMA_VERSION = 1;
/** Prefix of the `meta` keys that hold `keepOnCommit` values. */
const KEPT = 'kept.';

/**
 * Amounts, the create body and the bodies a transaction answered are kept as lossless JSON (exact numbers, `9.90`
 * stays `9.90`); the rest as plain columns and JSON.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS dvs_transactions (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    request TEXT NOT NULL,
    state TEXT NOT NULL,
    history TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS gs_transactions (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS balances (
    unit TEXT PRIMARY KEY,
    available TEXT NOT NULL,
    holding TEXT NOT NULL,
    captured TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS holds (
    id TEXT PRIMARY KEY,
    unit TEXT NOT NULL,
    amount TEXT NOT NULL,
    state TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS ledger_entries (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    unit TEXT NOT NULL,
    amount TEXT NOT NULL,
    hold_id TEXT,
    available TEXT NOT NULL,
    holding TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS callbacks (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    body TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    due_at INTEGER NOT NULL
  ) STRICT;
`;

/** What the folder held when it was opened: everything a sandbox needs to carry on where the last run stopped. */
export interface SavedSandbox {
  ledger: SavedLedger;
  transactions: SavedTransaction[];
  gsTransactions: JsonObject[];
  callbacks: PendingCallback[];
  /** How far the last run's `clock.advance` calls had moved the sandbox clock. */
  clockOffsetMs: number;
  /** The last values of `keepOnCommit`, by name. */
  kept: Record<string, number>;
}

export interface SandboxDatabase {
  readonly path: string;
  readonly saved: SavedSandbox;
  readonly ledger: LedgerJournal;
  readonly transactions: TransactionJournal;
  readonly gs: GsJournal;
  readonly callbacks: CallbackJournal;
  saveClockOffset(offsetMs: number): void;
  /** Saves `read()` under `name` with every change (e.g. a random generator's position); loaded into `saved.kept`. */
  keepOnCommit(name: string, read: () => number): void;
  close(): void;
}

/** The folder holds another seed's state, another schema's, or is in use by another sandbox. */
export class SandboxStateError extends Error {
  override name = 'SandboxStateError';
}

/**
 * Opens (or creates) `<dataDir>/sandbox.db`, a sandbox's durable state. Each change commits in one SQLite
 * transaction (WAL, synchronous FULL: a commit survives a crash and a power loss); the connection holds an
 * exclusive lock, so a second sandbox on the same folder is refused rather than left to diverge.
 */
export function openSandboxDatabase(dataDir: string, seed: number): SandboxDatabase {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'sandbox.db');
  const db = new BetterSqlite3(path);
  try {
    // A sandbox that is just stopping may still hold the lock for a moment.
    db.pragma('busy_timeout = 2000');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    checkOwner(db, path, seed);
    return database(db, path);
  } catch (error) {
    db.close();
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_BUSY') {
      throw new SandboxStateError(
        `${path} is in use by another sandbox: each running sandbox (each embedded gateway's DATA_DIR) needs a folder of its own`,
      );
    }
    throw error;
  }
}

function checkOwner(db: BetterSqlite3.Database, path: string, seed: number): void {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const write = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
  db.transaction(() => {
    write.run('schema', String(SCHEMA_VERSION));
    write.run('seed', String(seed));
  })();
  const schema = Number(read.get('schema')?.value);
  if (schema !== SCHEMA_VERSION) {
    throw new SandboxStateError(
      `${path} holds sandbox state of schema ${schema}, which this version (schema ${SCHEMA_VERSION}) cannot read: move it away to start afresh`,
    );
  }
  const saved = Number(read.get('seed')?.value);
  if (saved !== seed) {
    throw new SandboxStateError(
      `${path} holds the state of a sandbox with seed ${saved}, whose transactions name that seed's catalogue: start with seed ${saved} (SANDBOX_SEED=${saved}), or give seed ${seed} a folder of its own`,
    );
  }
}

function database(db: BetterSqlite3.Database, path: string): SandboxDatabase {
  const putMeta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const putTransaction = db.prepare(`
    INSERT INTO dvs_transactions (id, external_id, status, request, state, history)
    VALUES (@id, @externalId, @status, @request, @state, @history)
    ON CONFLICT (id) DO UPDATE SET status = excluded.status, state = excluded.state, history = excluded.history`);
  const putGsTransaction = db.prepare('INSERT INTO gs_transactions (id, external_id, body) VALUES (?, ?, ?)');
  const putBalance = db.prepare(`
    INSERT INTO balances (unit, available, holding, captured) VALUES (@unit, @available, @holding, @captured)
    ON CONFLICT (unit) DO UPDATE SET
      available = excluded.available, holding = excluded.holding, captured = excluded.captured`);
  const putHold = db.prepare(`
    INSERT INTO holds (id, unit, amount, state) VALUES (@id, @unit, @amount, @state)
    ON CONFLICT (id) DO UPDATE SET state = excluded.state`);
  const putEntry = db.prepare(`
    INSERT INTO ledger_entries (seq, kind, unit, amount, hold_id, available, holding)
    VALUES (@seq, @kind, @unit, @amount, @holdId, @available, @holding)`);
  const putCallback = db.prepare(
    'INSERT INTO callbacks (id, url, body, attempt, due_at) VALUES (@id, @url, @body, @attempt, @dueAt)',
  );
  const rescheduleCallback = db.prepare('UPDATE callbacks SET attempt = ?, due_at = ? WHERE id = ?');
  const removeCallback = db.prepare('DELETE FROM callbacks WHERE id = ?');

  const kept = new Map<string, () => number>();
  let depth = 0;
  // better-sqlite3 turns a nested call into a savepoint; the outermost one commits, with the kept values.
  const transaction = db.transaction((work: () => unknown) => {
    depth++;
    try {
      const result = work();
      if (depth === 1) for (const [name, read] of kept) putMeta.run(`${KEPT}${name}`, String(read()));
      return result;
    } finally {
      depth--;
    }
  });
  const atomic: Atomic = <T>(work: () => T) => transaction(work) as T;

  return {
    path,
    saved: load(db),
    ledger: {
      atomic,
      balance: (unit, amounts) => putBalance.run({ unit, ...amounts }),
      hold: (id, hold) => putHold.run({ id, ...hold }),
      entry: (entry) => putEntry.run(entry),
    },
    transactions: {
      atomic,
      save({ id, request, history, ...state }) {
        putTransaction.run({
          id,
          externalId: String(request.external_id),
          status: state.status,
          request: stringify(request),
          state: JSON.stringify(state),
          history: stringify(history),
        });
      },
    },
    gs: {
      atomic,
      save: (transaction) =>
        putGsTransaction.run(
          Number(transaction.transaction_id),
          String(transaction.external_id),
          stringify(transaction),
        ),
    },
    callbacks: {
      add: ({ id, url, body, attempt, dueAt }) =>
        putCallback.run({ id, url, body: stringify(body), attempt, dueAt }),
      reschedule: (id, attempt, dueAt) => rescheduleCallback.run(attempt, dueAt, id),
      remove: (id) => removeCallback.run(id),
    },
    saveClockOffset: (offsetMs) => putMeta.run('clock_offset_ms', String(offsetMs)),
    keepOnCommit: (name, read) => kept.set(name, read),
    close() {
      if (db.open) db.close();
    },
  };
}

interface TransactionRow {
  id: number;
  request: string;
  state: string;
  history: string;
}

interface CallbackRow {
  id: number;
  url: string;
  body: string;
  attempt: number;
  due_at: number;
}

function load(db: BetterSqlite3.Database): SavedSandbox {
  const rows = <T>(sql: string) => db.prepare<[], T>(sql).all();
  const meta = new Map(
    rows<{ key: string; value: string }>('SELECT key, value FROM meta').map((r) => [r.key, r.value]),
  );
  const kept: Record<string, number> = {};
  for (const [key, value] of meta) if (key.startsWith(KEPT)) kept[key.slice(KEPT.length)] = Number(value);
  return {
    ledger: {
      balances: rows('SELECT unit, available, holding, captured FROM balances'),
      holds: rows('SELECT id, unit, amount, state FROM holds ORDER BY rowid'),
      entries: rows<LedgerEntry>(
        'SELECT seq, kind, unit, amount, hold_id AS holdId, available, holding FROM ledger_entries ORDER BY seq',
      ),
    },
    transactions: rows<TransactionRow>(
      'SELECT id, request, state, history FROM dvs_transactions ORDER BY id',
    ).map((row) => ({
      ...(JSON.parse(row.state) as Omit<SavedTransaction, 'id' | 'request' | 'history'>),
      id: row.id,
      request: parse(row.request) as JsonObject,
      history: parse(row.history) as JsonObject[],
    })),
    gsTransactions: rows<{ body: string }>('SELECT body FROM gs_transactions ORDER BY id').map(
      (row) => parse(row.body) as JsonObject,
    ),
    callbacks: rows<CallbackRow>('SELECT id, url, body, attempt, due_at FROM callbacks ORDER BY id').map(
      (row) => ({
        id: row.id,
        url: row.url,
        body: parse(row.body) as JsonObject,
        attempt: row.attempt,
        dueAt: row.due_at,
      }),
    ),
    clockOffsetMs: Number(meta.get('clock_offset_ms') ?? 0),
    kept,
  };
}
