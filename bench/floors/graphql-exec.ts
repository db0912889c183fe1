/**
 * F2 `graphql-exec` (PERFORMANCE.md §3): the gateway's own Pothos schema and datasources, executed by graphql-js
 * behind a hand-made node:http server (parse and validate cached per document, `execute`, `JSON.stringify`) — no
 * yoga, no envelop plugins, no authentication. The process cache is warmed by the first request, so later answers
 * come from memory: what is left is execution, the floor a warm gateway is compared with.
 * `POST /graphql` answers like the gateway; `POST /__execute?n=200` runs `execute` n times in-process on the
 * posted operation and answers the µs per execution.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DocumentNode, execute, parse, validate } from 'graphql';
import type { GatewayContext } from '../../src/context.js';
import { fromBuild } from '../lib/built.js';

// The gateway's own code, from the same build the gateway runs (lib/built.ts).
const { createEntityCache } =
  await fromBuild<typeof import('../../src/datasources/cache.js')>('datasources/cache.js');
const { accountId, createCatalogueReader } = await fromBuild<
  typeof import('../../src/datasources/catalogue-reader.js')
>('datasources/catalogue-reader.js');
const { createDtOneClient } = await fromBuild<typeof import('../../src/datasources/dtone/client.js')>(
  'datasources/dtone/client.js',
);
const { createCatalogueLoaders } =
  await fromBuild<typeof import('../../src/datasources/loaders.js')>('datasources/loaders.js');
const { createLookupReader } = await fromBuild<typeof import('../../src/datasources/lookup-reader.js')>(
  'datasources/lookup-reader.js',
);
const { schema } = await fromBuild<typeof import('../../src/schema/index.js')>('schema/index.js');
const { SCOPES } = await fromBuild<typeof import('../../src/store/scopes.js')>('store/scopes.js');
const { createMemoryPubSub } =
  await fromBuild<typeof import('../../src/subscriptions/pubsub.js')>('subscriptions/pubsub.js');

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const baseUrl = env('DTONE_BASE_URL');
const apiKey = env('DTONE_API_KEY');
const dtone = createDtOneClient({ baseUrl, apiKey, apiSecret: env('DTONE_API_SECRET'), timeoutMs: 10_000 });
const cache = createEntityCache();
const account = accountId(apiKey, baseUrl);
const pubsub = createMemoryPubSub();
const caller = { tenantId: 'bench', keyId: null, scopes: new Set(SCOPES) };
/** Money-moving services: F2 serves the catalogue only, so any use of them is a bench bug. */
function catalogueOnly<T extends object>(): T {
  return new Proxy({} as T, {
    get: () => {
      throw new Error('F2 serves the catalogue only');
    },
  });
}

function contextValue(): GatewayContext {
  const reader = createCatalogueReader({ dtone, cache, account });
  return {
    requestId: 'f2',
    language: undefined,
    reader,
    loaders: createCatalogueLoaders(reader),
    lookups: createLookupReader({ dtone, cache, account }),
    dtone,
    caller,
    transactions: catalogueOnly(),
    billPayments: catalogueOnly(),
    accounts: catalogueOnly(),
    pubsub,
    events: catalogueOnly(),
    webhooks: catalogueOnly(),
    meta: { stale: false, freshUntil: Number.POSITIVE_INFINITY, uncacheable: false },
  };
}

const documents = new Map<string, DocumentNode>();
function documentOf(query: string): DocumentNode {
  let document = documents.get(query);
  if (!document) {
    document = parse(query);
    const errors = validate(schema, document);
    if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
    documents.set(query, document);
  }
  return document;
}

async function readBody(
  req: IncomingMessage,
): Promise<{ query: string; variables?: Record<string, unknown> }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const run = async (query: string, variables: Record<string, unknown> | undefined) =>
  execute({ schema, document: documentOf(query), variableValues: variables, contextValue: contextValue() });

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://floor');
  readBody(req)
    .then(async ({ query, variables }) => {
      if (url.pathname === '/__execute') {
        const n = Number(url.searchParams.get('n') ?? 200);
        await run(query, variables);
        const started = performance.now();
        for (let i = 0; i < n; i++) await run(query, variables);
        return JSON.stringify({ microsPerExecute: ((performance.now() - started) * 1000) / n });
      }
      return JSON.stringify(await run(query, variables));
    })
    .then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      (error: unknown) => {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: String(error) }));
      },
    );
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
const stop = () => {
  server.close();
  void dtone.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
