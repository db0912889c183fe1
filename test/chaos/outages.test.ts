import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DATA_KEY } from '../helpers/gateway.js';
import { freePort, post, spawnGateway } from '../helpers/gateway-process.js';
import { freshDatabaseWithKey } from '../helpers/postgres.js';
import { startRedis } from '../helpers/redis.js';
import { startSandbox } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';
import { startFreezableProxy } from '../store/freezable-proxy.js';
import { ITERATIONS, reportRow } from './report.js';

/**
 * RELIABILITY.md §4 figure 8: under steady mixed load, a private Redis is killed and restarted empty, and PostgreSQL
 * (behind a relay) is hung, then cut as if it died. The gateway process never exits, no create reaches DT One while
 * PostgreSQL is away, reads keep answering while Redis is away, and everything works again within 5 s of each
 * service's return. OUTAGE_MS each (CI size 3 s; CHAOS_ITERATIONS=10 gives the 30 s of the full run).
 */
const OUTAGE_MS = 3_000 * ITERATIONS;

let dropDatabase: (() => Promise<void>) | undefined;
afterAll(async () => {
  await dropDatabase?.();
});

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) { __typename ... on Error { code } }
  }
`;
const READ = '{ country(isoCode: "PHL") { name } }';

describe('infrastructure outages under load', () => {
  it('Redis killed and restarted empty, PostgreSQL hung and cut: no exit, nothing sent blind, back within 5 s', async () => {
    const db = await freshDatabaseWithKey('dtgw_outage');
    dropDatabase = db.drop;
    const target = new URL(db.databaseUrl);
    const proxy = await startFreezableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    target.host = `127.0.0.1:${proxy.port}`;
    const redisPort = await freePort();
    let redis = await startRedis(redisPort);
    const sandbox = await startSandbox();
    const gateway = await spawnGateway({
      DATABASE_URL: target.toString(),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
      DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
      DTONE_BASE_URL: `${sandbox.url}/v1`,
      DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
      CALLBACK_SECRET: 'a-deployment-secret-of-at-least-32-characters',
    });
    let exited = false;
    void gateway.exited.then(() => {
      exited = true;
    });
    const productId = sandbox.catalogue.products.find(
      (p) =>
        p.type === 'FIXED_VALUE_RECHARGE' &&
        JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
    )!.id;
    const read = async () => {
      const answer = await post(gateway.url, db.apiKey, READ);
      return !answer.dropped && answer.body.data?.country !== undefined && !answer.body.errors;
    };
    const create = async () => {
      const answer = await post(gateway.url, db.apiKey, CREATE, {
        input: { idempotencyKey: randomUUID(), productId, creditParty: { mobileNumber: '+6591234100' } },
      });
      if (answer.dropped) return 'dropped';
      const result = answer.body.data?.createTransaction as { __typename: string; code?: string } | undefined;
      return (
        result?.code ??
        result?.__typename ??
        (answer.body.errors?.[0] as { extensions?: { code?: string } })?.extensions?.code ??
        'none'
      );
    };
    /** Reads and creates, one after another, for `ms`; what they answered. */
    const load = async (ms: number) => {
      const reads: boolean[] = [];
      const creates: string[] = [];
      const until = Date.now() + ms;
      while (Date.now() < until) {
        const [r, c] = await Promise.all([read(), create()]);
        reads.push(r);
        creates.push(c);
      }
      return { reads, creates };
    };
    const recoveredWithin = async (what: string) => {
      const started = Date.now();
      await waitFor(what, create, (c) => c === 'CreateTransactionSuccess', 5_000);
      return Date.now() - started;
    };
    expect(await read()).toBe(true);

    // Redis dies: the cache and live updates stay in the process; reads and creates go on.
    redis.kill('SIGKILL');
    const withoutRedis = await load(OUTAGE_MS);
    redis = await startRedis(redisPort);
    const redisBack = await recoveredWithin('creates after Redis returned empty');

    // PostgreSQL hangs: creates fail closed, typed; nothing reaches DT One.
    const postsBefore = sandbox.control.calls('POST /v1/async/transactions');
    proxy.freeze();
    const hung = await load(OUTAGE_MS);
    const sentWhileHung = sandbox.control.calls('POST /v1/async/transactions') - postsBefore;
    proxy.thaw();
    const hangBack = await recoveredWithin('creates after PostgreSQL answered again');

    // PostgreSQL dies: every connection cut, new ones refused.
    const postsBeforeCut = sandbox.control.calls('POST /v1/async/transactions');
    proxy.cut();
    const cut = await load(OUTAGE_MS);
    const sentWhileCut = sandbox.control.calls('POST /v1/async/transactions') - postsBeforeCut;
    proxy.restore();
    const cutBack = await recoveredWithin('creates after PostgreSQL came back');

    const readShare = (reads: boolean[]) => reads.filter(Boolean).length / Math.max(1, reads.length);
    expect(exited).toBe(false);
    expect(readShare(withoutRedis.reads)).toBeGreaterThanOrEqual(0.99);
    expect(sentWhileHung).toBe(0);
    expect(sentWhileCut).toBe(0);
    for (const code of [...hung.creates, ...cut.creates])
      expect(['STORE_UNAVAILABLE', 'dropped']).toContain(code);
    reportRow(
      'outages: Redis killed, PostgreSQL hung and cut',
      {
        outageMs: OUTAGE_MS,
        readsWithoutRedis: `${withoutRedis.reads.filter(Boolean).length}/${withoutRedis.reads.length}`,
        createsWithoutRedis: `${withoutRedis.creates.filter((c) => c === 'CreateTransactionSuccess').length}/${withoutRedis.creates.length}`,
        sentWhilePostgresAway: sentWhileHung + sentWhileCut,
        recoveryMs: `${redisBack}/${hangBack}/${cutBack}`,
        exits: exited ? 1 : 0,
      },
      true,
    );
    await proxy.close();
  }, 300_000);
});
