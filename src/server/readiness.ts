import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ReadinessParts {
  /** Answers when the store does (a trivial query). */
  store: { now(): Promise<unknown> };
  /** Whether pub/sub can reach other instances (Redis up); always true for the in-process one. */
  pubsubReady(): boolean;
  /** When DT One last answered a call (any answer but a 5xx), in ms since the epoch; 0 when never. */
  upstreamAnsweredAt(): number;
  /** One cheap real call to DT One (its balances); its answer updates `upstreamAnsweredAt`. */
  probeUpstream(): Promise<unknown>;
  /** How old DT One's last answer may be for the gateway to be ready. */
  upstreamMaxAgeMs: number;
  /** How long each check may take. @default 2_000 */
  checkTimeoutMs?: number;
}

interface Check {
  ok: boolean;
  detail?: string;
}

/**
 * `/readyz`: 200 only when the store answers, pub/sub is connected (Redis, when configured) and DT One answered
 * within `upstreamMaxAgeMs`, judged from the calls requests make; when there were none lately, one probe (the
 * balances) is made and shared by every check meanwhile, so a probe never costs one DT One call per request.
 */
export function createReadiness(parts: ReadinessParts) {
  const timeoutMs = parts.checkTimeoutMs ?? 2_000;
  let probing: Promise<unknown> | undefined;

  const within = <T>(work: Promise<T>): Promise<T> =>
    Promise.race([
      work,
      new Promise<never>((_, reject) => {
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref();
      }),
    ]);

  async function storeCheck(): Promise<Check> {
    try {
      await within(parts.store.now());
      return { ok: true };
    } catch {
      return { ok: false, detail: 'the store does not answer' };
    }
  }

  async function upstreamCheck(): Promise<Check> {
    const fresh = () => Date.now() - parts.upstreamAnsweredAt() <= parts.upstreamMaxAgeMs;
    if (!fresh()) {
      probing ??= within(parts.probeUpstream())
        .catch(() => undefined)
        .finally(() => {
          probing = undefined;
        });
      await probing;
    }
    if (fresh()) return { ok: true };
    const at = parts.upstreamAnsweredAt();
    return {
      ok: false,
      detail: at === 0 ? 'DT One has not answered yet' : `DT One last answered ${Date.now() - at} ms ago`,
    };
  }

  async function check() {
    const [store, upstream] = await Promise.all([storeCheck(), upstreamCheck()]);
    const pubsub: Check = parts.pubsubReady()
      ? { ok: true }
      : { ok: false, detail: 'Redis pub/sub is not connected' };
    const checks = { store, pubsub, upstream };
    return { ready: Object.values(checks).every((c) => c.ok), checks };
  }

  return {
    check,
    /** Answers `/readyz` with the checks as JSON: 200 when ready, else 503. */
    async handle(_req: IncomingMessage, res: ServerResponse): Promise<void> {
      const result = await check();
      const body = JSON.stringify(result);
      res.writeHead(result.ready ? 200 : 503, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
      });
      res.end(body);
    },
  };
}
