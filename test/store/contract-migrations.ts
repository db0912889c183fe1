import { type Kysely, Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src/store/migrations/index.js';
import type { Store } from '../../src/store/types.js';

/** A fresh database reached both raw (kysely, outside any Store) and through a Store. */
export interface RawFixture {
  dialect: 'sqlite' | 'postgres';
  // biome-ignore lint/suspicious/noExplicitAny: raw rows of tables of any migration
  db: Kysely<any>;
  migrationTableSchema?: string;
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

const TOKEN = 'cb-token-0123456789abcdefghijklmnopqrstuvwxyz';

/** A transactions row as migration 0001 made them; `overrides` replaces columns. */
export function row(id: string, upstream: Record<string, unknown> | null, overrides: object = {}) {
  return {
    id,
    tenant_id: 'acme',
    api: 'DVS',
    idempotency_key: `key-${id}`,
    fingerprint: 'fp',
    external_id: `ext-${id}`,
    upstream_id: upstream ? '42' : null,
    product_id: 7,
    product_snapshot: '{"id":7}',
    request: '{"productId":7}',
    upstream: upstream && JSON.stringify(upstream),
    phase: upstream ? 'SENT' : 'INTENT',
    status: 'COMPLETED',
    status_class: 'COMPLETED',
    error_code: null,
    callback_token_hash: 'hash',
    needs_review: 0,
    next_poll_at: null,
    poll_attempts: 0,
    created_at: '2024-05-01T12:00:00.000Z',
    updated_at: '2024-05-01T12:00:00.000Z',
    ...overrides,
  };
}

/** Runs the migrations up to `name` (included) on the raw database, as a deployment of that version left it. */
export async function migrateRawTo(raw: RawFixture, name: string): Promise<void> {
  const migrator = new Migrator({
    db: raw.db,
    provider: migrationProvider(raw.dialect),
    ...(raw.migrationTableSchema && { migrationTableSchema: raw.migrationTableSchema }),
  });
  expect((await migrator.migrateTo(name)).error).toBeUndefined();
}

/** Rows written before migration 0002 lose their callback URL (and token) and keep everything else exactly. */
export function describeSecretsMigration(name: string, makeRaw: () => Promise<RawFixture>): void {
  describe(`${name} migration 0002-secrets-at-rest`, () => {
    it('removes callback_url from every stored DT One object, keeping the rest byte for byte', async () => {
      const raw = await makeRaw();
      try {
        await migrateRawTo(raw, '0001-initial');
        const withUrl = {
          id: 42,
          external_id: 'ext-a',
          status: { id: 70000, message: 'COMPLETED' },
          prices: { wholesale: { amount: '20.89', unit: 'USD', fee: 0 } },
          callback_url: `https://gw.example.com/callbacks/dtone/tx-a/${TOKEN}`,
          pin: { code: '1234-5678', serial: 'SN0001' },
        };
        const { callback_url: _url, ...kept } = withUrl;
        const without = { id: 43, note: 'no callback URL here', amount: '1.10' };
        // Rows beyond one batch: the scrub walks the table in pages.
        const many = Array.from({ length: 520 }, (_, i) => row(`tx-m${String(i).padStart(4, '0')}`, withUrl));
        await raw.db
          .insertInto('transactions')
          .values([row('tx-a', withUrl), row('tx-b', without), row('tx-c', null)])
          .execute();
        for (let i = 0; i < many.length; i += 100)
          await raw.db
            .insertInto('transactions')
            .values(many.slice(i, i + 100))
            .execute();

        const store = await raw.open();
        try {
          await store.migrate();
        } finally {
          await store.close();
        }
        const rows: { id: string; upstream: string | null }[] = await raw.db
          .selectFrom('transactions')
          .select(['id', 'upstream'])
          .orderBy('id')
          .execute();
        const text = JSON.stringify(rows);
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain('callback_url');
        const byId = new Map(rows.map((r) => [r.id, r.upstream]));
        expect(byId.get('tx-a')).toBe(JSON.stringify(kept));
        expect(byId.get('tx-b')).toBe(JSON.stringify(without));
        expect(byId.get('tx-c')).toBeNull();
        expect(byId.get('tx-m0519')).toBe(JSON.stringify(kept));
        expect(await raw.db.selectFrom('pin_reads').selectAll().execute()).toEqual([]);
      } finally {
        await raw.dispose();
      }
    });
  });
}
