import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../context.js';
import { bucketOwner, type RateGate } from '../limits/rate-gate.js';
import { readBody } from './read-body.js';

export interface EarlyRateLimitOptions {
  gate: RateGate;
  authenticate: (authorization: string | null) => Promise<Caller>;
  /** Larger bodies are left to yoga, which refuses them. @default 64 KiB */
  maxBytes?: number;
  /**
   * How long a refusal is held before it is sent: a random time up to this. A flooding client waits for its answers
   * before it sends more, so this bounds its request rate per connection at almost no cost here (a timer); the
   * randomness keeps its connections from coming back all at once. @default 200
   */
  holdRefusalMs?: number;
}

/**
 * The rate limit for a plain JSON POST to `/graphql`, before yoga builds a fetch Request, a context or anything
 * else: a key flooding the gateway is refused for the cost of reading its body, so its neighbours keep their
 * latency. Resolves `true` when it answered (429); otherwise the body read is left on `req.body`, where yoga's
 * server adapter takes it from. Browser requests (with an `Origin`) go through yoga, which adds CORS headers.
 */
export function createEarlyRateLimit({
  gate,
  authenticate,
  maxBytes = 64 * 1024,
  holdRefusalMs = 200,
}: EarlyRateLimitOptions) {
  return async function earlyRateLimit(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const length = Number(req.headers['content-length']);
    if (
      req.method !== 'POST' ||
      req.headers.origin !== undefined ||
      !req.headers['content-type']?.includes('json') ||
      !(length > 0 && length <= maxBytes)
    ) {
      return false;
    }
    const text = await readBody(req, maxBytes);
    if (text === 'aborted') return true;
    if (text === 'too-large') return false;
    (req as IncomingMessage & { body?: string }).body = text;
    let params: { query?: unknown; operationName?: unknown };
    try {
      params = JSON.parse(text) as typeof params;
    } catch {
      return false;
    }
    if (typeof params?.query !== 'string') return false;
    const kind = gate.kindOf(
      params.query,
      typeof params.operationName === 'string' ? params.operationName : null,
    );
    if (!kind) return false;
    let caller: Caller;
    try {
      caller = await authenticate(req.headers.authorization ?? null);
    } catch {
      return false; // yoga answers a bad key with its own error.
    }
    const refusal = await gate.charge(req, kind, bucketOwner(caller, req.socket.remoteAddress));
    if (!refusal) return false;
    const { retryAfterSeconds } = refusal.extensions;
    const body = JSON.stringify({
      errors: [{ message: refusal.message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds } }],
    });
    await new Promise((resolve) => setTimeout(resolve, holdRefusalMs * (0.5 + Math.random() / 2)));
    if (res.destroyed) return true;
    res.writeHead(429, {
      'content-type': req.headers.accept?.includes('application/graphql-response+json')
        ? 'application/graphql-response+json; charset=utf-8'
        : 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'retry-after': String(retryAfterSeconds),
    });
    res.end(body);
    return true;
  };
}
