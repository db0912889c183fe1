import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config.js';
import { createStore } from '../../src/store/index.js';
import { createKeyIn, TEST_DATA_KEY } from '../helpers/gateway.js';
import { spawnGateway } from '../helpers/gateway-process.js';
import { startSandbox } from '../helpers/sandbox.js';
import { createOperationGenerator, type GeneratedOperation } from './generate-operation.js';

/**
 * A seeded, bounded fuzz run against a real gateway process in live mode (its DT One is a real sandbox): operations
 * generated from `schema.graphql` with their variables, plus hostile text, over HTTP and graphql-ws, with a full
 * key, a catalogue-only key and no key. Nothing may crash the process, answer 5xx or INTERNAL_SERVER_ERROR, or close
 * a socket because one operation was refused. FUZZ_SEED and FUZZ_HTTP / FUZZ_WS scale it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);
const HTTP_OPERATIONS = Number(process.env.FUZZ_HTTP ?? 5_000);
const WS_OPERATIONS = Number(process.env.FUZZ_WS ?? 1_000);
const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

interface Finding {
  operation: GeneratedOperation;
  what: string;
}

const codesOf = (body: unknown): string[] =>
  ((body as { errors?: { extensions?: { code?: string } }[] } | null)?.errors ?? []).map(
    (e) => e.extensions?.code ?? 'NO_CODE',
  );

async function startLiveGateway() {
  const sandbox = await startSandbox();
  const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-fuzz-'));
  const store = await createStore(loadConfig({ DATA_DIR: dataDir }).store);
  await store.migrate();
  const full = await createKeyIn(store, 'acme');
  const catalogueOnly = await createKeyIn(store, 'acme', ['catalogue:read']);
  await store.close();
  const gateway = await spawnGateway({
    DATA_DIR: dataDir,
    DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
    DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
    DTONE_BASE_URL: `${sandbox.url}/v1`,
    DTONE_GS_API_KEY: sandbox.credentials.gs.apiKey,
    DTONE_GS_API_SECRET: sandbox.credentials.gs.apiSecret,
    DTONE_GS_BASE_URL: `${sandbox.url}/v1.1`,
    DTONE_TIMEOUT_MS: '3000',
    PUBLIC_URL: 'http://127.0.0.1:9',
    PUBLIC_URL_ALLOW_HTTP: 'true',
    CALLBACK_SECRET: 'fuzz-callback-secret-that-is-long-enough-000',
    DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
  });
  return { gateway, keys: [full, catalogueOnly, ''] };
}

describe('fuzz: generated operations against a real gateway process', () => {
  it(`${HTTP_OPERATIONS} operations over HTTP and ${WS_OPERATIONS} over graphql-ws: no crash, no 5xx, no INTERNAL_SERVER_ERROR, no socket lost to one refusal`, async () => {
    const { gateway, keys } = await startLiveGateway();
    const generate = createOperationGenerator(schema, SEED);
    const findings: Finding[] = [];
    const statuses = new Map<number, number>();

    const sendHttp = async (operation: GeneratedOperation, key: string) => {
      const res = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...(key && { authorization: `Bearer ${key}` }),
        },
        body: JSON.stringify({ query: operation.query, variables: operation.variables }),
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const text = await res.text();
      if (res.status >= 500) findings.push({ operation, what: `HTTP ${res.status}: ${text.slice(0, 300)}` });
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        findings.push({ operation, what: `not JSON (HTTP ${res.status}): ${text.slice(0, 200)}` });
      }
      if (codesOf(body).includes('INTERNAL_SERVER_ERROR')) {
        findings.push({ operation, what: `INTERNAL_SERVER_ERROR: ${text.slice(0, 300)}` });
      }
    };

    const httpOperations = Array.from({ length: HTTP_OPERATIONS }, () => ({
      operation: generate.next(),
      key: generate.random.pick(keys),
    }));
    let nextHttp = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (nextHttp < httpOperations.length) {
          const { operation, key } = httpOperations[nextHttp++]!;
          await sendHttp(operation, key);
        }
      }),
    );

    const socketsLost: string[] = [];
    const wsOperations = Array.from({ length: WS_OPERATIONS }, () =>
      generate.next(['subscription', 'subscription', 'query', 'malformed']),
    );
    const SOCKETS = 10;
    await Promise.all(
      Array.from({ length: SOCKETS }, async (_, s) => {
        const key = keys[s % 2]!;
        const ws = new WebSocket(`${gateway.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
        let closed: { code: number; reason: string } | undefined;
        const pending = new Map<string, () => void>();
        ws.on('close', (code, reason) => {
          closed = { code, reason: String(reason) };
          for (const done of pending.values()) done();
        });
        const acked = new Promise<void>((resolve, reject) => {
          ws.on('message', (data) => {
            const message = JSON.parse(String(data)) as {
              type: string;
              id?: string;
              payload?: unknown;
            };
            if (message.type === 'connection_ack') resolve();
            if (!message.id) return;
            if (message.type === 'error' || message.type === 'complete') {
              if (
                message.type === 'error' &&
                JSON.stringify(message.payload).includes('INTERNAL_SERVER_ERROR')
              ) {
                socketsLost.push(
                  `INTERNAL_SERVER_ERROR on ws: ${JSON.stringify(message.payload).slice(0, 300)}`,
                );
              }
              pending.get(message.id)?.();
            } else if (message.type === 'next') {
              if (JSON.stringify(message.payload).includes('INTERNAL_SERVER_ERROR')) {
                socketsLost.push(
                  `INTERNAL_SERVER_ERROR in next: ${JSON.stringify(message.payload).slice(0, 300)}`,
                );
              }
              // One event is enough: stop it, so open subscriptions stay under the per-socket cap.
              ws.send(JSON.stringify({ id: message.id, type: 'complete' }));
              pending.get(message.id)?.();
            }
          });
          ws.once('error', reject);
        });
        await new Promise((resolve, reject) => {
          ws.once('open', resolve);
          ws.once('error', reject);
        });
        ws.send(
          JSON.stringify({ type: 'connection_init', payload: key ? { authorization: `Bearer ${key}` } : {} }),
        );
        await acked;
        for (let i = s; i < wsOperations.length; i += SOCKETS) {
          if (closed) break;
          const operation = wsOperations[i]!;
          const id = String(i);
          const answered = new Promise<void>((resolve) => {
            pending.set(id, resolve);
            // A subscription that stays quiet (a transaction that is not changing) is stopped by the client.
            setTimeout(resolve, 2_000).unref();
          });
          ws.send(
            JSON.stringify({
              id,
              type: 'subscribe',
              payload: { query: operation.query, variables: operation.variables },
            }),
          );
          await answered;
          pending.delete(id);
          if (!closed) ws.send(JSON.stringify({ id, type: 'complete' }));
        }
        if (closed) socketsLost.push(`socket ${s} closed ${closed.code} ${closed.reason}`);
        ws.close(1000);
      }),
    );

    expect(gateway.child.exitCode).toBeNull();
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    // One line per kind of finding, with a count and one operation that shows it.
    const kinds = new Map<string, { count: number; example: string }>();
    for (const { operation, what } of findings) {
      const kind = what.slice(0, 160);
      const example = `${operation.query.slice(0, 400)} ${JSON.stringify(operation.variables).slice(0, 400)}`;
      const entry = kinds.get(kind) ?? { count: 0, example };
      entry.count++;
      kinds.set(kind, entry);
    }
    expect([...kinds].map(([kind, { count, example }]) => `${count}× ${kind}\n    e.g. ${example}`)).toEqual(
      [],
    );
    expect(socketsLost.slice(0, 5)).toEqual([]);
    // The run exercised both answers and refusals.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(HTTP_OPERATIONS / 10);
    expect([...statuses.keys()].some((status) => status >= 400 && status < 500)).toBe(true);
  }, 600_000);
});
