import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { describeEventsMigration } from './contract-events-migration.js';
import { describeSecretsMigration, type RawFixture } from './contract-migrations.js';
import { newIntent } from './fixture.js';
import { describeStoreContract } from './store.contract.js';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const root = mkdtempSync(join(tmpdir(), 'store-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let databases = 0;
function freshPath(): string {
  databases += 1;
  // A folder that does not exist yet: the store creates it.
  return join(root, `db-${databases}`, 'gateway.db');
}

describeStoreContract('SQLite', async () => {
  const sqlitePath = freshPath();
  return {
    open: () => createStore({ databaseUrl: undefined, sqlitePath }),
    dispose: async () => {},
  };
});

const rawSqlite = async (): Promise<RawFixture> => {
  const sqlitePath = freshPath();
  const store = await createStore({ databaseUrl: undefined, sqlitePath });
  await store.close();
  const db: RawFixture['db'] = new Kysely({
    dialect: new SqliteDialect({ database: new BetterSqlite3(sqlitePath) }),
  });
  return {
    dialect: 'sqlite',
    db,
    open: () => createStore({ databaseUrl: undefined, sqlitePath }),
    dispose: () => db.destroy(),
  };
};
describeSecretsMigration('SQLite', rawSqlite);
describeEventsMigration('SQLite', rawSqlite);

describe('SQLite store file', () => {
  it('keeps its file in WAL mode, so other processes can read while one writes', async () => {
    const sqlitePath = freshPath();
    const store = await createStore({ databaseUrl: undefined, sqlitePath });
    await store.migrate();
    await store.close();
    const raw = new BetterSqlite3(sqlitePath, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('lets processes race on one file: one record per key and one winner per first move, key after key', async () => {
    const sqlitePath = freshPath();
    const workers = ['a', 'b', 'c'].map((label) => startWorker(sqlitePath, label));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const byWorker = await Promise.all(workers.map((w) => w.result));
    const store = await createStore({ databaseUrl: undefined, sqlitePath });
    try {
      for (const [round, first] of byWorker[0]!.entries()) {
        const results = byWorker.map((rounds) => rounds[round]!);
        expect(results.reduce((sum, r) => sum + r.created, 0)).toBe(1);
        expect(results.reduce((sum, r) => sum + r.changed, 0)).toBe(1);
        expect(new Set(results.flatMap((r) => r.ids))).toEqual(new Set(first.ids));
        expect(await store.history(first.ids[0]!)).toHaveLength(1);
      }
    } finally {
      await store.close();
    }
  });

  it('refuses to edit the status history', async () => {
    const sqlitePath = freshPath();
    const store = await createStore({ databaseUrl: undefined, sqlitePath });
    await store.migrate();
    const { record } = await store.insertIntent(newIntent());
    await store.applyStatus(
      record.id,
      { status: 'CREATED', statusClass: 'CREATED', source: 'create' },
      () => true,
    );
    await store.close();
    const raw = new BetterSqlite3(sqlitePath);
    try {
      expect(() => raw.prepare(`update transaction_status_history set status = 'COMPLETED'`).run()).toThrow(
        /append-only/,
      );
    } finally {
      raw.close();
    }
  });
});

type WorkerResult = { ids: string[]; created: number; changed: number }[];

function startWorker(sqlitePath: string, label: string) {
  const child = spawn(TSX, ['test/store/sqlite-race-worker.ts', sqlitePath, 'shared-key', label], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    if (output.startsWith('ready\n')) markReady();
  });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      markReady();
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code === 0) resolve(JSON.parse(last) as WorkerResult);
      else reject(new Error(`worker ${label} exited with ${code}: ${output}`));
    });
  });
  return { ready, result, go: () => child.stdin.write('go\n') };
}
