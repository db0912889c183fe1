/**
 * Scenario (g), outbound webhooks (issue #16): callbacks in → signed webhooks out, against a bare HTTP POST floor.
 * Processes: a private sandbox (clock advanced, its own callbacks dropped), the webhook receiver and this orchestrator
 * (callback sender, floor client) on the load core; the gateway on the server core. One endpoint of the bench tenant
 * points at the receiver, registered in the store before the gateway starts as `dtone-gateway webhooks create` does
 * (the bench's policy takes http on loopback; the gateway delivers there with WEBHOOK_ALLOW_PRIVATE_URLS).
 *
 * N top-ups (300 under --quick) are created through the gateway (their creation events warm the worker up). Per
 * phase the sandbox really moves every transaction and each callback is POSTed: SUBMITTED and REVERSED closed loop
 * (32 senders, each callback twice) for deliveries/s, COMPLETED paced (half the closed-loop rate) for callback sent →
 * webhook received. The floor F is an undici POST of a delivered body to the same receiver, 1 in flight closed loop
 * (an endpoint's deliveries go one at a time, in order) and paced at the same rate, alternated with the gateway.
 * A last pass of callbacks that change nothing must send no webhook. The CI gate is on counts only: every event
 * delivered once by webhook-id, in event order, every signature valid (standardwebhooks); speed is reported.
 */
import { loadConfig } from '../../src/config.js';
import { loadKeyRing } from '../../src/secrets/key-file.js';
import { createStore } from '../../src/store/index.js';
import { createEndpointAdmin } from '../../src/webhooks/endpoints.js';
import {
  type CallbackTarget,
  callbackPath,
  callbackSender,
  createTopUps,
  type Sent,
  sandboxSteering,
  topUpProduct,
} from '../lib/callbacks.js';
import {
  type BenchEnv,
  type BenchScenario,
  LOAD_CORE,
  type SandboxReady,
  type ScenarioResult,
} from '../lib/env.js';
import type { BenchProcess } from '../lib/processes.js';
import type { Check, Row } from '../lib/report.js';
import { CALLBACK_SECRET, percentile, type Served, startCallbackGateway } from '../lib/subscriber-setup.js';
import {
  type Arrivals,
  badSignatures,
  deliveryOrder,
  type HookArrival,
  webhookReceiverControl,
} from '../lib/webhook-receiver.js';

/** The classes each top-up's webhooks carry, in order: creation (intent, then DT One's answer), then each phase. */
const EXPECTED = ['PENDING', 'CREATED', 'SUBMITTED', 'COMPLETED', 'REVERSED'];
const PACED_CAP = 1_000;
/**
 * Waits are sized for deliveries this slow (a quarter of what a shared 2-core box measured), plus 15 s: a slow run
 * still measures, and a gateway that stops delivering ends the wait, shows as lost events, and fails the count.
 */
const SLOWEST_PER_SECOND = 20;
const waitMs = (items: number, perSecond = SLOWEST_PER_SECOND) => 15_000 + (items * 1000) / perSecond;

type Receiver = ReturnType<typeof webhookReceiverControl>;

interface Window {
  /** Items sent → items received per second, from the first send to the last arrival. */
  perSecond: number;
  /** Each item's send → arrival, ms. */
  latencies: number[];
  /** Arrivals waited for. */
  expected: number;
  arrivals: Arrivals;
  sent: Sent;
  cpuMicros: number;
}

/** Sends, waits (bounded) for `hooks` deliveries or `floors` bare POSTs, and times each against its item's send. */
async function window(
  receiver: Receiver,
  gateway: BenchProcess<Served>,
  send: () => Promise<Sent>,
  want: { hooks?: number; floors?: number },
  itemOf: (arrival: HookArrival | { i: number }) => number,
  timeoutMs: number,
): Promise<Window> {
  const cpuBefore = gateway.cpuMicros();
  const sent = await send();
  await receiver.awaitArrivals(want, timeoutMs);
  const cpuMicros = gateway.cpuMicros() - cpuBefore;
  const arrivals = await receiver.drain();
  const all = [...arrivals.hooks, ...arrivals.floors];
  const latencies = all
    .map((a) => a.at - (sent.sentAt[itemOf(a)] ?? Number.NaN))
    .filter((ms) => !Number.isNaN(ms));
  const first = Math.min(...sent.sentAt.filter((t) => t !== undefined));
  const last = Math.max(...all.map((a) => a.at));
  return {
    perSecond: (all.length * 1000) / (last - first),
    latencies,
    expected: (want.hooks ?? 0) + (want.floors ?? 0),
    arrivals,
    sent,
    cpuMicros,
  };
}

/** Registers the bench tenant's endpoint in the gateway's store, as the CLI does; answers its signing secret. */
async function registerEndpoint(env: BenchEnv, dataDir: string, url: string): Promise<string> {
  // The store and the data key are all the CLI needs; the gateway seals and opens the secret with the same key.
  const config = loadConfig({ DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: env.dvsEnv.DATA_ENCRYPTION_KEY ?? '' });
  const store = await createStore(config.store);
  try {
    const admin = createEndpointAdmin({
      store,
      keys: loadKeyRing(config),
      policy: { allowPrivate: true, allowHttp: true },
    });
    return (await admin.create({ tenantId: 'bench', url })).secret;
  } finally {
    await store.close();
  }
}

async function run(env: BenchEnv): Promise<ScenarioResult> {
  env.log('g: starting a private sandbox, the webhook receiver and the gateway …');
  const { apiKey: key, apiSecret } = env.credentials;
  const [sandbox, receiverProcess] = await Promise.all([
    env.spawn<SandboxReady>('sandbox (g)', LOAD_CORE, 'bench/entries/sandbox.ts', {
      BENCH_SANDBOX_KEY: key,
      BENCH_SANDBOX_SECRET: apiSecret,
    }),
    env.spawn<Served>('webhook receiver', LOAD_CORE, 'bench/entries/webhook-receiver.ts', {}),
  ]);
  const receiver = webhookReceiverControl(receiverProcess.ready.url);
  let secret = '';
  const { gateway, apiKey } = await startCallbackGateway(
    env,
    { ...env.dvsEnv, DTONE_BASE_URL: `${sandbox.ready.url}/v1`, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' },
    [],
    async (dataDir) => {
      secret = await registerEndpoint(env, dataDir, receiver.hookUrl);
    },
  );
  const authorization = `Basic ${Buffer.from(`${key}:${apiSecret}`).toString('base64')}`;
  const steer = sandboxSteering(sandbox.ready.url, authorization, sandbox.ready.countersUrl);
  // The whole scenario has a deadline: a gateway that stops delivering fails the run instead of hanging CI.
  const deadlineMs = env.args.quick ? 120_000 : 600_000;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`g: not done within ${deadlineMs / 1000} s`)), deadlineMs);
  });
  try {
    await steer.dropCallbacks(1);
    const productId = await topUpProduct(sandbox.ready.url, authorization);
    return await Promise.race([
      measure(env, { receiver, gateway, steer, apiKey, productId, secret }),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
    await steer.close();
    await Promise.all([gateway.stop(), receiverProcess.stop(), sandbox.stop()]);
  }
}

interface Context {
  receiver: Receiver;
  gateway: BenchProcess<Served>;
  steer: ReturnType<typeof sandboxSteering>;
  apiKey: string;
  productId: number;
  secret: string;
}

async function measure(env: BenchEnv, ctx: Context): Promise<ScenarioResult> {
  const { gateway, steer } = ctx;
  // Signatures are verified as each window is drained: Standard Webhooks refuses a timestamp over 5 minutes old, and
  // a full run on a slow machine could take longer than that from its first delivery to its end.
  let bad = 0;
  const receiver: Receiver = {
    ...ctx.receiver,
    drain: async () => {
      const arrivals = await ctx.receiver.drain();
      bad += badSignatures(ctx.secret, arrivals.hooks);
      return arrivals;
    },
  };
  const n = env.args.quick ? 200 : 2_000;
  let clock = Date.now();
  const lap = (what: string) => {
    env.log(`g: ${what} (${((Date.now() - clock) / 1000).toFixed(1)} s)`);
    clock = Date.now();
  };
  const hooks: HookArrival[] = [];
  const topUps = await createTopUps(gateway.ready.url, ctx.apiKey, ctx.productId, n);
  await receiver.awaitArrivals({ hooks: 2 * n }, waitMs(2 * n));
  const warm = await receiver.drain();
  hooks.push(...warm.hooks);
  lap(`created ${n} top-ups, ${warm.hooks.length} creation webhooks`);

  const index = new Map(topUps.map((t, i) => [t.id, i]));
  const txOf = (a: HookArrival | { i: number }) =>
    'text' in a ? (index.get((JSON.parse(a.text) as { transactionId: string }).transactionId) ?? -1) : a.i;
  const callbacks = (copies: number): CallbackTarget => ({
    count: n,
    copies,
    item: (i) => ({ path: callbackPath(CALLBACK_SECRET, topUps[i]!), body: '{}' }),
  });
  // The floor posts real delivered bodies (the same JSON, the same size), one item per top-up.
  const bodies = warm.hooks.map((h) => h.text);
  const floorPosts: CallbackTarget = {
    count: n,
    copies: 1,
    item: (i) => ({ path: `/floor?i=${i}`, body: bodies[i % Math.max(1, bodies.length)] ?? '{}' }),
  };
  const sender = callbackSender(gateway.ready.url);
  const poster = callbackSender(receiver.baseUrl, 1);
  const floorWindow = (send: () => Promise<Sent>, count = n) =>
    window(receiver, gateway, send, { floors: count }, txOf, waitMs(count));
  const gatewayWindow = (send: () => Promise<Sent>) =>
    window(receiver, gateway, send, { hooks: n }, txOf, waitMs(n));

  const f1 = await floorWindow(() => poster.saturated(floorPosts, 1));
  await steer.confirm(topUps);
  await steer.advanceClock(1_000);
  const g1 = await gatewayWindow(() => sender.saturated(callbacks(2), 32));
  lap(`SUBMITTED closed loop: F ${Math.round(f1.perSecond)}/s, gateway ${Math.round(g1.perSecond)}/s`);
  // Half the closed-loop rate (PERFORMANCE.md §4c: latency at 50 % load), for one window's length; the rest of the
  // top-ups then go closed loop, untimed, so that every one reaches COMPLETED before its reversal.
  const rate = Math.min(PACED_CAP, 0.5 * g1.perSecond) || SLOWEST_PER_SECOND;
  const paced = Math.min(n, Math.max(20, Math.round(rate * env.seconds)));
  const fPaced = await floorWindow(() => poster.paced({ ...floorPosts, count: paced }, rate), paced);
  await steer.advanceClock(300_000);
  const gPaced = await gatewayWindow(async () => {
    const timed = await sender.paced({ ...callbacks(1), count: paced }, rate);
    await receiver.awaitArrivals({ hooks: paced }, waitMs(paced));
    const rest = await sender.saturated({ ...callbacks(1), offset: paced, count: n - paced }, 32);
    return { ...timed, failed: timed.failed + rest.failed };
  });
  lap(`COMPLETED, ${paced} paced at ${Math.round(rate)}/s`);
  const f2 = await floorWindow(() => poster.saturated(floorPosts, 1));
  await steer.reverse(topUps);
  const g2 = await gatewayWindow(() => sender.saturated(callbacks(2), 32));
  lap('REVERSED closed loop');
  const unchanged = await window(
    receiver,
    gateway,
    () => sender.saturated(callbacks(1), 32),
    { hooks: 1 },
    txOf,
    1_000,
  );
  lap('callbacks that change nothing');
  await Promise.all([sender.close(), poster.close()]);

  for (const w of [g1, gPaced, g2, unchanged]) hooks.push(...w.arrivals.hooks);
  return report(bad, n, hooks, {
    floors: [f1, f2],
    gateways: [g1, g2],
    fPaced,
    gPaced,
    unchanged,
    rate,
    txOf,
  });
}

interface Measured {
  floors: Window[];
  gateways: Window[];
  fPaced: Window;
  gPaced: Window;
  unchanged: Window;
  rate: number;
  txOf: (arrival: HookArrival) => number;
}

/** The paced send rate achieved (the timed items only). */
const sendRate = (sent: Sent) => (sent.answered / sent.ms) * 1000;
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const latencies = (windows: readonly Window[]) => windows.flatMap((w) => w.latencies);

function report(bad: number, n: number, hooks: readonly HookArrival[], m: Measured): ScenarioResult {
  const fRate = mean(m.floors.map((w) => w.perSecond));
  const gRate = mean(m.gateways.map((w) => w.perSecond));
  const fP99 = percentile(m.fPaced.latencies, 99);
  const gP99 = percentile(m.gPaced.latencies, 99);
  const cpu = m.gateways.reduce((sum, w) => sum + w.cpuMicros, 0) / (m.gateways.length * n);
  const rows: Row[] = [
    {
      scenario: 'g.webhooks',
      variant: 'F bare POST c=1',
      rps: fRate,
      p50Ms: percentile(latencies(m.floors), 50),
      p99Ms: percentile(latencies(m.floors), 99),
      ratio: '1.00×F',
    },
    {
      scenario: 'g.webhooks',
      variant: 'gateway cb c=32 ×2',
      rps: gRate,
      p50Ms: percentile(latencies(m.gateways), 50),
      p99Ms: percentile(latencies(m.gateways), 99),
      cpuMicrosPerQuery: cpu,
      ratio: `${(gRate / fRate).toFixed(2)}×F`,
    },
    {
      scenario: 'g.webhooks',
      variant: `F paced ${Math.round(m.rate)}/s`,
      rps: sendRate(m.fPaced.sent),
      p50Ms: percentile(m.fPaced.latencies, 50),
      p99Ms: fP99,
      ratio: '1.00×F',
    },
    {
      scenario: 'g.webhooks',
      variant: `gateway paced ${Math.round(m.rate)} cb/s`,
      rps: sendRate(m.gPaced.sent),
      p50Ms: percentile(m.gPaced.latencies, 50),
      p99Ms: gP99,
      ratio: `p99 ${(gP99 / fP99).toFixed(0)}×F`,
    },
  ];

  const { bodies, duplicates, outOfOrder } = deliveryOrder(hooks);
  const perTx = new Map<number, string[]>();
  for (const [i, h] of hooks.entries()) {
    const tx = m.txOf(h);
    perTx.set(tx, [...(perTx.get(tx) ?? []), bodies[i]!.statusClass]);
  }
  let lost = 0;
  let txOutOfOrder = 0;
  for (let tx = 0; tx < n; tx++) {
    const got = perTx.get(tx) ?? [];
    lost += EXPECTED.filter((c) => !got.includes(c)).length;
    if (got.join() !== EXPECTED.filter((c) => got.includes(c)).join()) txOutOfOrder++;
  }
  const strangers = perTx.get(-1)?.length ?? 0;
  const failed = [...m.gateways, m.gPaced, m.unchanged].reduce((sum, w) => sum + w.sent.failed, 0);
  const floorWindows = [...m.floors, m.fPaced];
  const floorLost = floorWindows.reduce(
    (sum, w) => sum + w.expected - new Set(w.arrivals.floors.map((f) => f.i)).size,
    0,
  );
  const floorPosts = floorWindows.reduce((sum, w) => sum + w.expected, 0);
  const floorExtra =
    floorWindows.reduce((sum, w) => sum + w.arrivals.floors.length, 0) - floorPosts + floorLost;
  const checks: Check[] = [
    {
      name: 'g.webhooks loss',
      ok: lost === 0 && strangers === 0 && failed === 0,
      detail: `${lost} of ${n * EXPECTED.length} events not delivered, ${strangers} deliveries of unknown transactions; ${failed} callbacks not answered 2xx`,
    },
    {
      name: 'g.webhooks exactly once, in order (callbacks duplicated ×2)',
      ok:
        duplicates === 0 && outOfOrder === 0 && txOutOfOrder === 0 && m.unchanged.arrivals.hooks.length === 0,
      detail: `${duplicates} duplicate webhook-ids, ${outOfOrder} deliveries out of event order, ${txOutOfOrder} transactions out of order, ${m.unchanged.arrivals.hooks.length} webhooks from no-change callbacks`,
    },
    {
      name: 'g.webhooks signatures (standardwebhooks verify)',
      ok: bad === 0 && hooks.length > 0,
      detail: `${bad} of ${hooks.length} deliveries fail verification`,
    },
    {
      name: 'g.webhooks floor posts',
      ok: floorLost === 0 && floorExtra === 0,
      detail: `${floorLost} lost, ${floorExtra} extra of ${floorPosts}`,
    },
    {
      name: 'g.webhooks speed vs F (reported only)',
      ok: true,
      informational: true,
      detail: `deliveries/s ${(gRate / fRate).toFixed(2)}×F (${Math.round(gRate)} vs ${Math.round(fRate)}); paced p99 ${gP99.toFixed(1)} vs ${fP99.toFixed(1)} ms`,
    },
  ];
  return { rows, checks };
}

export const webhooksScenario: BenchScenario = { letter: 'g', title: 'outbound webhooks', run };
