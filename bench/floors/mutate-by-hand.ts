/**
 * F3 `rest-compose` for scenario (b): what a user writes instead of the gateway's createTransaction /
 * confirmTransaction, on node:http without GraphQL. Per request, the same steps the gateway takes, and no more:
 * - `POST /create {idempotencyKey, productId, mobileNumber, autoConfirm}`: the same external_id rule, one INSERT of
 *   the intent through the same store (`insertIntent`), `POST /async/transactions` with undici, one UPDATE
 *   (`applyStatus`); answers `{id, upstreamId, statusClass}`. A replayed key answers the recorded row, unsent.
 * - `POST /confirm {id, upstreamId}`: `POST /async/transactions/{upstreamId}/confirm`, then one UPDATE. The client
 *   carries DT One's id, so no read.
 * The product's JSON is read once per product (a user keeps it too) and stored as the snapshot, so rows weigh as
 * much as the gateway's. DT One's answers are stored as received (text), exact. Store: `DATABASE_URL` or `DATA_DIR`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { fromBuild } from '../lib/built.js';

// The gateway's own store and identities, from the same build the gateway runs (lib/built.ts).
const { loadConfig } = await fromBuild<typeof import('../../src/config.js')>('config.js');
const { createStore } = await fromBuild<typeof import('../../src/store/index.js')>('store/index.js');
const { callbackTokenFor, deriveExternalId, hashToken, newTransactionId } =
  await fromBuild<typeof import('../../src/transactions/identity.js')>('transactions/identity.js');

const TENANT = 'bench-f3';
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const base = new URL(env('DTONE_BASE_URL'));
const prefix = base.pathname.replace(/\/+$/, '');
const dvs = new Pool(base.origin, { connections: 32 });
const dvsHeaders = {
  authorization: `Basic ${Buffer.from(`${env('DTONE_API_KEY')}:${env('DTONE_API_SECRET')}`).toString('base64')}`,
  accept: 'application/json',
  'content-type': 'application/json',
};
const store = await createStore(
  loadConfig({ DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL }).store,
);
await store.migrate();
const secret = randomBytes(32).toString('base64url');
let selfUrl = '';

interface Upstream {
  status: number;
  text: string;
}
const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Upstream> => {
  const res = await dvs.request({
    method,
    path: `${prefix}${path}`,
    headers: dvsHeaders,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.statusCode, text: await res.body.text() };
};

const products = new Map<number, Promise<string>>();
const productText = (id: number): Promise<string> => {
  let text = products.get(id);
  if (!text) {
    text = call('GET', `/products/${id}`).then((r) => {
      if (r.status !== 200) throw new Error(`GET /products/${id} answered ${r.status}`);
      return r.text;
    });
    text.catch(() => products.delete(id));
    products.set(id, text);
  }
  return text;
};

/** Records DT One's answer on the row (status, its id, the body as received). */
async function record(id: string, answer: Upstream, source: 'create' | 'confirm') {
  const tx = JSON.parse(answer.text) as {
    id: number;
    status: { message: string; class: { message: string } };
  };
  const result = await store.applyStatus(
    id,
    {
      status: tx.status.message,
      statusClass: tx.status.class.message,
      source,
      upstream: answer.text,
      upstreamId: String(tx.id),
      phase: 'SENT',
    },
    () => true,
  );
  return { id, upstreamId: String(tx.id), statusClass: result?.record.statusClass };
}

interface CreateInput {
  idempotencyKey: string;
  productId: number;
  mobileNumber: string;
  autoConfirm?: boolean;
}

async function create(input: CreateInput) {
  const id = newTransactionId();
  const token = callbackTokenFor(secret, id);
  const externalId = deriveExternalId(TENANT, input.idempotencyKey);
  const { record: row, created } = await store.insertIntent({
    id,
    tenantId: TENANT,
    api: 'DVS',
    idempotencyKey: input.idempotencyKey,
    fingerprint: '',
    externalId,
    productId: input.productId,
    productSnapshot: await productText(input.productId),
    request: JSON.stringify(input),
    callbackTokenHash: hashToken(token),
    pollAfterMs: 3_600_000,
  });
  if (!created) return { id: row.id, upstreamId: row.upstreamId, statusClass: row.statusClass };
  const answer = await call('POST', '/async/transactions', {
    external_id: externalId,
    product_id: input.productId,
    auto_confirm: input.autoConfirm === true,
    callback_url: `${selfUrl}/callbacks/${id}/${token}`,
    credit_party_identifier: { mobile_number: input.mobileNumber },
  });
  if (answer.status !== 201)
    throw new Error(`create answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  return record(id, answer, 'create');
}

async function confirm(input: { id: string; upstreamId: string }) {
  const answer = await call('POST', `/async/transactions/${input.upstreamId}/confirm`);
  if (answer.status !== 202)
    throw new Error(`confirm answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  return record(input.id, answer, 'confirm');
}

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
};

const send = (res: ServerResponse, status: number, value: unknown) => {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

const ROUTES: Record<string, (body: unknown) => Promise<unknown>> = {
  '/create': (body) => create(body as CreateInput),
  '/confirm': (body) => confirm(body as { id: string; upstreamId: string }),
};

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  const route = url.startsWith('/callbacks/') ? async () => ({ ok: true }) : ROUTES[url];
  if (req.method !== 'POST' || !route) {
    send(res, 404, { error: 'not found' });
    return;
  }
  readJson(req)
    .catch(() => ({}))
    .then(route)
    .then(
      (value) => send(res, 200, value),
      (error: unknown) => send(res, 502, { error: String(error) }),
    );
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  selfUrl = `http://127.0.0.1:${port}`;
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: selfUrl })}\n`);
});
const stop = () => {
  server.close();
  void Promise.all([dvs.close(), store.close()]).then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
