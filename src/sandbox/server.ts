import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parse } from 'lossless-json';
import { type AccountParts, createAccountBook, openAccount, randomCredentials } from './accounts.js';
import { generateCatalogue } from './catalogue/generate.js';
import type { Catalogue } from './catalogue/types.js';
import { createClock } from './clock.js';
import { createCallLog } from './control/calls.js';
import { createFaultScript, type FaultRule, replacesAnswer } from './control/faults.js';
import { controlRoutes } from './control/routes.js';
import { GsSandboxError, SandboxError } from './errors.js';
import { createGsEngine, FIRST_TRANSACTION_ID } from './gs/engine.js';
import type { ApiCredentials } from './http/auth.js';
import { createRateLimiter, type RateLimitOptions } from './http/rate-limit.js';
import { encodeReply, faultReply, send } from './http/respond.js';
import { createRouter } from './http/router.js';
import type { Api, Reply, SandboxRequest } from './http/types.js';
import { createLedger } from './ledger.js';
import { openSandboxDatabase, type SandboxDatabase } from './persistence/sqlite.js';
import { discoveryRoutes } from './routes/discovery.js';
import { gsRoutes } from './routes/gs.js';
import { lookupRoutes } from './routes/lookups.js';
import { productRoutes } from './routes/products.js';
import { promotionRoutes } from './routes/promotions.js';
import { transactionRoutes } from './routes/transactions.js';
import { checkDvsRequest } from './spec/requests.js';
import { createTransactionEngine, FIRST_ID } from './transactions/engine.js';
import { seededRandom } from './transactions/random.js';

// Over 300 lines on purpose: the sandbox's composition root, wiring every route to its engine once; each part it
// wires (catalogue, engines, ledger, callbacks, persistence) is a module of its own.

export interface SandboxOptions {
  /** Catalogue seed: the same seed gives the same catalogue, byte for byte. Default 1. */
  seed?: number;
  /** Multiplies DT One's documented delays (3 s, 20 s, 5 min, sync hold): 0.001 turns seconds into milliseconds. */
  timeScale?: number;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed credentials (e.g. for `npm run sandbox`); random ones otherwise. */
  credentials?: { dvs?: ApiCredentials; gs?: ApiCredentials };
  /** Per-key call budget; none by default. */
  rateLimit?: RateLimitOptions;
  /** Sent as HTTP Basic on every callback, as DT Shop's "callback credentials" do. */
  callbackCredentials?: { username: string; password: string };
  /** How long a CREATED transaction stays confirmable (DT One does not publish it). Default 1 h. */
  confirmationWindowMs?: number;
  /** Largest request body accepted. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * A folder to keep the sandbox's state in (`sandbox.db`): transactions with their due transitions, bill
   * payments, balances and their movements, pending callbacks, ids and the clock's offset. A sandbox started
   * later on the same folder carries on from there: transitions that fell due meanwhile happen at once, pending
   * callbacks are sent again. The folder belongs to one seed (another is refused) and one running sandbox at a
   * time. Call counts, faults, rate limits, the callback delivery log and accounts added after the start
   * (`control.accounts.add()`) stay in memory. Default: memory only.
   */
  dataDir?: string;
  /** Send no callback until `releaseCallbacks()` (e.g. until the receiver listens); they queue meanwhile. */
  holdCallbacks?: boolean;
}

export type Sandbox = Awaited<ReturnType<typeof createSandbox>>;

/** Starts DT One's simulator (DVS v1 under `/v1`, Goods & Services under `/v1.1`, test control under `/__sandbox`). */
export async function createSandbox(options: SandboxOptions = {}) {
  const catalogue: Catalogue = generateCatalogue(options.seed ?? 1);
  const storage =
    options.dataDir === undefined ? undefined : openSandboxDatabase(options.dataDir, catalogue.seed);
  try {
    return await serve(options, catalogue, storage);
  } catch (error) {
    storage?.close();
    throw error;
  }
}

async function serve(options: SandboxOptions, catalogue: Catalogue, storage: SandboxDatabase | undefined) {
  const durable = storage && durableParts(storage, catalogue.seed);
  const clock = createClock(durable?.clock);
  const timeScale = options.timeScale ?? 1;
  const credentials = {
    dvs: options.credentials?.dvs ?? randomCredentials('dvs'),
    gs: options.credentials?.gs ?? randomCredentials('gs'),
  };
  const ledger = createLedger(catalogue.balances, durable?.ledger);
  let callbacksReleased = false;
  const engineOptions = {
    catalogue,
    clock,
    timeScale,
    ...(options.confirmationWindowMs !== undefined && { confirmationWindowMs: options.confirmationWindowMs }),
    ...(options.callbackCredentials && { callbackCredentials: options.callbackCredentials }),
  };
  const engine = createTransactionEngine({
    ...engineOptions,
    ledger,
    ...(options.holdCallbacks && { holdCallbacks: true }),
    ...durable?.engine,
  });
  const gs = createGsEngine({ catalogue, clock, ledger, ...durable?.gs });
  // Account n numbers its transactions and payments from its own block, so an id names one account's record only.
  const extraAccount = (n: number): AccountParts => {
    const own = createLedger(catalogue.balances);
    return {
      id: `account-${n}`,
      credentials: { dvs: randomCredentials(`dvs${n}`), gs: randomCredentials(`gs${n}`) },
      ledger: own,
      engine: createTransactionEngine({
        ...engineOptions,
        ledger: own,
        random: seededRandom(catalogue.seed + 100 * n),
        firstId: FIRST_ID + (n - 1) * 1_000_000_000,
        ...(options.holdCallbacks && !callbacksReleased && { holdCallbacks: true }),
      }),
      gs: createGsEngine({
        catalogue,
        clock,
        ledger: own,
        random: seededRandom(catalogue.seed + 100 * n + 1),
        firstId: FIRST_TRANSACTION_ID + (n - 1) * 10_000_000,
      }),
    };
  };
  const accounts = createAccountBook(
    openAccount({ id: 'default', credentials, ledger, engine, gs }),
    extraAccount,
  );
  const calls = createCallLog();
  const faults = createFaultScript();
  const rateLimiter = createRateLimiter(clock);
  rateLimiter.configure(options.rateLimit);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const stopping = new AbortController();
  let stopped: Promise<void> | undefined;

  const control = {
    calls: (routeKey?: string) => calls.count(routeKey),
    /** Calls one account (`default`, `account-2`, …) made, to one route key or to any. */
    callsBy: (account: string, routeKey?: string) => calls.countBy(account, routeKey),
    callCounts: () => calls.counts(),
    callLog: () => calls.entries(),
    waterfallDepth: () => calls.waterfallDepth(),
    resetCalls: () => calls.reset(),
    faults: {
      add: (rule: FaultRule) => faults.add(rule),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    rateLimit: (next: RateLimitOptions | undefined) => rateLimiter.configure(next),
    engine,
    gs,
    ledger,
    clock,
    /** The default account and any added (`accounts.add()`: new credentials, own balances and transactions). */
    accounts,
  };

  const router = createRouter([
    ...discoveryRoutes(catalogue),
    ...productRoutes(catalogue),
    ...promotionRoutes(catalogue, clock),
    ...lookupRoutes(catalogue),
    ...transactionRoutes(engine, ledger),
    ...gsRoutes(gs),
    ...controlRoutes(control),
  ]);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const api = apiOf(url.pathname);
    const match = router.match(method, url.pathname);
    const routeKey = match?.key ?? `${method} ${url.pathname}`;
    const record = calls.record({ at: clock.now(), method, routeKey, path: url.pathname, query: url.search });

    let raw = '';
    let fault: FaultRule | undefined;
    let answer: ReturnType<typeof encodeReply>;
    try {
      raw = await readBody(req, maxBodyBytes);
      fault = api === 'control' ? undefined : faults.take(routeKey, raw);
      if (fault && replacesAnswer(fault)) {
        answer = faultReply(fault);
      } else {
        answer = encodeReply(await dispatch(api, match, method, url, req, raw, record));
      }
    } catch (error) {
      answer = encodeReply(errorReply(api, error));
    }
    record.status = answer.status;
    await send(res, answer, fault, stopping.signal);
    record.finishedAt = clock.now();
  };

  const dispatch = async (
    api: Api,
    match: ReturnType<typeof router.match>,
    method: string,
    url: URL,
    req: IncomingMessage,
    raw: string,
    record: { account?: string },
  ): Promise<Reply> => {
    let apiKey = '';
    let limitHeaders: Record<string, string> = {};
    const account =
      api === 'dvs' ? accounts.byDvs(req.headers) : api === 'gs' ? accounts.byGs(req.headers) : undefined;
    if (account) record.account = account.id;
    if (api === 'dvs') {
      if (!account) throw new SandboxError(1000401);
      apiKey = account.credentials.dvs.apiKey;
      const limit = rateLimiter.take(apiKey);
      limitHeaders = limit.headers;
      if (limit.limited) return { ...errorReply(api, new SandboxError(1000429)), headers: limitHeaders };
    } else if (api === 'gs') {
      if (!account) throw new GsSandboxError(1000401);
      apiKey = account.credentials.gs.apiKey;
    }
    if (!match)
      throw api === 'gs' ? new GsSandboxError(1000404, 'Resource not found') : new SandboxError(1000404);
    const body = raw === '' ? undefined : parseBody(api, raw);
    const request: SandboxRequest = {
      method,
      routeKey: match.key,
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      body,
      apiKey,
    };
    if (api === 'dvs') checkDvsRequest(request);
    // Routes that touch money answer from the caller's account; the catalogue is the same for every account.
    const route = account?.routes.get(match.key) ?? match.route;
    const reply = await route.handler(request);
    return { ...reply, headers: { ...limitHeaders, ...reply.headers } };
  };

  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      engine.dispose();
      clock.dispose();
      reject(error);
    });
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    /** The default account's credentials. */
    credentials,
    catalogue,
    control,
    routes: router.routes,
    /** The file that keeps the state (with `dataDir`). */
    databasePath: storage?.path,
    /** Sends the callbacks `holdCallbacks` queued, and every later one at once. */
    releaseCallbacks: () => {
      callbacksReleased = true;
      for (const account of accounts.list()) account.engine.releaseCallbacks();
    },
    /** Stops serving and closes the state (every later call answers the first one's promise). */
    stop(): Promise<void> {
      stopped ??= (async () => {
        stopping.abort();
        for (const account of accounts.list()) account.engine.dispose();
        clock.dispose();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await closed;
        storage?.close();
      })();
      return stopped;
    },
  };
}

/** The options that make each part durable on `storage`, resuming what it saved. */
function durableParts(storage: SandboxDatabase, seed: number) {
  const { saved } = storage;
  // The generators carry on where they were, so references and PINs do not repeat those of an earlier run.
  const dvsRandom = seededRandom(seed, saved.kept.dvsRandom);
  const gsRandom = seededRandom(seed + 1, saved.kept.gsRandom);
  storage.keepOnCommit('dvsRandom', dvsRandom.position);
  storage.keepOnCommit('gsRandom', gsRandom.position);
  return {
    clock: { offsetMs: saved.clockOffsetMs, onAdvance: storage.saveClockOffset },
    ledger: { journal: storage.ledger, saved: saved.ledger },
    engine: {
      random: dvsRandom,
      durable: {
        journal: storage.transactions,
        saved: saved.transactions,
        callbacks: { journal: storage.callbacks, pending: saved.callbacks },
      },
    },
    gs: { random: gsRandom, durable: { journal: storage.gs, saved: saved.gsTransactions } },
  };
}

function apiOf(path: string): Api {
  if (path.startsWith('/__sandbox/')) return 'control';
  if (path === '/v1.1' || path.startsWith('/v1.1/')) return 'gs';
  return 'dvs';
}

function parseBody(api: Api, raw: string): unknown {
  try {
    return api === 'control' ? JSON.parse(raw) : parse(raw);
  } catch {
    throw api === 'gs'
      ? new GsSandboxError(1000999, 'Malformed JSON body')
      : new SandboxError(1000400, 'Malformed JSON body');
  }
}

function errorReply(api: Api, error: unknown): Reply {
  if (error instanceof SandboxError || error instanceof GsSandboxError) {
    return { status: error.status, body: error.toBody() };
  }
  if (api === 'control' && error instanceof TypeError) {
    return { status: 400, body: { errors: [{ code: 1000400, message: error.message }] } };
  }
  const code = api === 'gs' ? 1000500 : 1009001;
  const message =
    api === 'gs' ? 'Internal server error' : 'Unexpected error, please contact our support team';
  return { status: 500, body: { errors: [{ code, message }] } };
}

class BodyTooLarge extends SandboxError {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge(1000400, 'Request body too large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
