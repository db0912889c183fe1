import { Pool } from 'undici';

/** One HTTP POST of a closed-loop pair. */
export interface PairStep {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** What a step's answer says: the value carried into the next step, or why it is not a success. */
/** `kind` names the failure for counting (e.g. a GraphQL error code or error type); the text is for reading. */
export type StepOutcome = { ok: true; carry: string } | { ok: false; error: string; kind?: string };

/**
 * A create (and an optional second request using what the first answered, e.g. a confirm of the created id),
 * spoken to one origin. `read*` get the parsed JSON body and the HTTP status.
 */
export interface PairProtocol {
  origin: string;
  first(key: string): PairStep;
  readFirst(body: unknown, status: number): StepOutcome;
  second?: {
    step(carry: string): PairStep;
    read(body: unknown, status: number): StepOutcome;
  };
}

export interface Latencies {
  p50Ms: number;
  p99Ms: number;
}

export interface PairLoadResult extends Latencies {
  /** Pairs that completed with both answers successes. */
  pairs: number;
  /** Pairs started (each started pair finishes before the run ends: no request is left in flight). */
  started: number;
  failures: number;
  /** Failures by kind (`kind` of the outcome, or `exception` when the request itself failed). */
  failureKinds: Record<string, number>;
  pairsPerSecond: number;
  first: Latencies;
  second: Latencies | undefined;
  /** The first few failure texts. */
  errors: string[];
}

/** POSTs one step on `pool` and parses the JSON answer. */
export async function postStep(pool: Pool, step: PairStep): Promise<{ status: number; body: unknown }> {
  const res = await pool.request({
    method: 'POST',
    path: step.path,
    headers: { 'content-type': 'application/json', ...step.headers },
    body: step.body,
  });
  const text = await res.body.text();
  try {
    return { status: res.statusCode, body: JSON.parse(text) };
  } catch {
    return { status: res.statusCode, body: text };
  }
}

function percentiles(samples: number[]): Latencies {
  if (samples.length === 0) return { p50Ms: Number.NaN, p99Ms: Number.NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50Ms: at(0.5), p99Ms: at(0.99) };
}

/**
 * A closed loop of `workers` clients for `seconds`: each runs pairs one after the other (first request, then the
 * second with what the first answered), with keys `<keyPrefix>-<protocol>-<worker>-<n>`. With several protocols
 * each worker takes them in turn (A, B, A, B …), so that at one worker two servers are timed under the same machine
 * conditions, never at once. New pairs start only before the deadline and started ones finish, so upstream counters
 * read after it match the pairs exactly. Runs in this process (the orchestrator, pinned to the load core) over one
 * undici Pool per protocol with a connection per worker. Results come in the order of `protocols`.
 */
export async function runPairs(
  protocols: readonly PairProtocol[],
  workers: number,
  seconds: number,
  keyPrefix: string,
): Promise<PairLoadResult[]> {
  const sides = protocols.map((protocol) => ({
    protocol,
    pool: new Pool(protocol.origin, { connections: workers }),
    pair: [] as number[],
    first: [] as number[],
    second: [] as number[],
    errors: [] as string[],
    started: 0,
    failures: 0,
    failureKinds: {} as Record<string, number>,
    /** Time spent in this protocol's pairs, summed over workers (ms). */
    busyMs: 0,
  }));
  type Side = (typeof sides)[number];
  const fail = (side: Side, text: string, kind = 'exception') => {
    side.failures++;
    side.failureKinds[kind] = (side.failureKinds[kind] ?? 0) + 1;
    if (side.errors.length < 5) side.errors.push(text);
  };
  const onePair = async (side: Side, key: string) => {
    const { protocol, pool } = side;
    const t0 = performance.now();
    try {
      const a = await postStep(pool, protocol.first(key));
      const t1 = performance.now();
      const outA = protocol.readFirst(a.body, a.status);
      if (!outA.ok) return fail(side, outA.error, outA.kind ?? 'refused');
      side.first.push(t1 - t0);
      if (!protocol.second) return side.pair.push(t1 - t0);
      const b = await postStep(pool, protocol.second.step(outA.carry));
      const t2 = performance.now();
      const outB = protocol.second.read(b.body, b.status);
      if (!outB.ok) return fail(side, outB.error, outB.kind ?? 'refused');
      side.second.push(t2 - t1);
      side.pair.push(t2 - t0);
    } catch (error) {
      fail(side, error instanceof Error ? error.message : String(error));
    } finally {
      side.busyMs += performance.now() - t0;
    }
  };

  const deadline = performance.now() + seconds * 1_000;
  const worker = async (w: number) => {
    for (let n = 0; performance.now() < deadline; n++) {
      const side = sides[n % sides.length]!;
      side.started++;
      await onePair(side, `${keyPrefix}-${n % sides.length}-${w}-${n}`);
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  await Promise.all(sides.map((side) => side.pool.close()));
  return sides.map((side) => ({
    pairs: side.pair.length,
    started: side.started,
    failures: side.failures,
    failureKinds: side.failureKinds,
    // Σ busy time ≈ workers × elapsed for one protocol alone; with several, each is timed on its own share.
    pairsPerSecond: (side.pair.length * workers * 1_000) / Math.max(1, side.busyMs),
    ...percentiles(side.pair),
    first: percentiles(side.first),
    second: side.protocol.second ? percentiles(side.second) : undefined,
    errors: side.errors,
  }));
}
