/**
 * One of several processes racing on one SQLite file (run by sqlite.test.ts): migrates, prints `ready`, waits for
 * `go` on stdin, then, key after key, races to insert it and to make its first status move; prints a JSON summary per key.
 */
import { once } from 'node:events';
import { createStore } from '../../src/store/index.js';
import { newIntent } from './fixture.js';

const [sqlitePath, idempotencyKey, label] = process.argv.slice(2);
if (!sqlitePath || !idempotencyKey || !label)
  throw new Error('usage: sqlite-race-worker <path> <key> <label>');

const store = await createStore({ databaseUrl: undefined, sqlitePath });
await store.migrate();
process.stdout.write('ready\n');
await once(process.stdin, 'data');

const rounds = [];
for (let round = 0; round < 15; round++) {
  const key = `${idempotencyKey}-${round}`;
  const inserts = await Promise.all(
    Array.from({ length: 10 }, () =>
      store.insertIntent(newIntent({ idempotencyKey: key, tenantId: 'acme' })),
    ),
  );
  const id = inserts[0]!.record.id;
  const moves = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      store.applyStatus(
        id,
        { status: `CREATED-${label}-${i}`, statusClass: 'CREATED', source: 'callback' },
        ({ statusClass }) => statusClass === 'PENDING',
      ),
    ),
  );
  rounds.push({
    ids: [...new Set(inserts.map((r) => r.record.id))],
    created: inserts.filter((r) => r.created).length,
    changed: moves.filter((m) => m?.changed).length,
  });
}
process.stdout.write(`${JSON.stringify(rounds)}\n`);
await store.close();
process.stdin.destroy();
