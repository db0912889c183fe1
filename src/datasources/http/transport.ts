import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Pool } from 'undici';
import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.js';
import { type UpstreamBudget, UpstreamBudgetExhausted } from './budget.js';
import { createDeadline, type Deadline, sleep } from './deadline.js';
import { createPoolWaitClock } from './pool-wait.js';
import { readBodyText } from './read-body.js';
import { type AttemptOutcome, decideRetry, RETRYABLE_STATUSES } from './retry-policy.js';
import { classifyFailure, UpstreamTransportError } from './transport-error.js';
import type { AttemptEvent, UpstreamRequest, UpstreamResponse } from './types.js';

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface TransportOptions {
  /** Names the upstream in attempt events, e.g. `dvs`. */
  name: string;
  /** Origin plus path prefix, e.g. `https://dvs-api.dtone.com/v1`. */
  baseUrl: string;
  /** Sockets in the upstream's pool. @default 16 */
  connections?: number;
  /** Overall budget of one call, all attempts included. @default 30000 */
  timeoutMs?: number;
  /** undici's wait for response headers, per attempt. @default timeoutMs */
  headersTimeoutMs?: number;
  /** undici's idle wait between body chunks, per attempt. @default timeoutMs */
  bodyTimeoutMs?: number;
  /** @default 10000 */
  connectTimeoutMs?: number;
  /** Larger bodies are aborted and never parsed. @default 10 MiB */
  maxBodyBytes?: number;
  /** Retries after the first attempt, for idempotent requests only. @default 3 */
  retries?: number;
  backoff?: Partial<BackoffOptions>;
  /** Whether an answer is worth retrying. @default status 429, 500, 502, 503 or 504 */
  isRetryableResponse?: (status: number, bodyText: string) => boolean;
  /** Headers computed afresh for every attempt (authentication with a nonce needs that). */
  attemptHeaders?: () => Record<string, string>;
  userAgent?: string;
  onAttempt?: (event: AttemptEvent) => void;
  /** Source of jitter, in [0, 1). */
  random?: () => number;
  /** The account's rate-limit budget: asked before each attempt, told each answer. */
  budget?: UpstreamBudget;
  /** The longest an attempt waits for room in the budget before the call is refused unsent. @default 2000 */
  maxBudgetWaitMs?: number;
}

export interface Transport {
  /**
   * Sends a request and resolves with the upstream's answer, whatever its status, once retries are over.
   * Rejects with `UpstreamTransportError` when no usable answer arrived.
   */
  send(request: UpstreamRequest): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

export function createTransport(options: TransportOptions): Transport {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const policy = { retries: options.retries ?? 3, backoff: { ...DEFAULT_BACKOFF, ...options.backoff } };
  const isRetryableResponse =
    options.isRetryableResponse ?? ((status: number) => RETRYABLE_STATUSES.has(status));
  const random = options.random ?? Math.random;
  const pool = new Pool(base.origin, {
    connections: options.connections ?? 16,
    headersTimeout: options.headersTimeoutMs ?? timeoutMs,
    bodyTimeout: options.bodyTimeoutMs ?? timeoutMs,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
  });

  const poolWait = createPoolWaitClock();
  const maxBudgetWaitMs = options.maxBudgetWaitMs ?? 2_000;
  /** Waits for room in the budget when it comes soon enough; else refuses, and nothing is sent. */
  async function admitted(effect: 'read' | 'money', requestId: string, deadline: Deadline): Promise<void> {
    const { budget } = options;
    if (!budget) return;
    for (;;) {
      const waitMs = await budget.admit(effect);
      if (waitMs <= 0) return;
      if (waitMs > Math.min(maxBudgetWaitMs, deadline.remainingMs())) {
        throw new UpstreamBudgetExhausted(Math.max(1, Math.ceil(waitMs / 1000)), requestId);
      }
      try {
        await sleep(waitMs, deadline.signal);
      } catch (error) {
        throw new UpstreamTransportError(deadline.callerAborted() ? 'aborted' : 'deadline', requestId, {
          cause: error,
        });
      }
    }
  }

  function emit(event: AttemptEvent): void {
    try {
      options.onAttempt?.(event);
    } catch {
      // A broken metrics listener must never fail an upstream call.
    }
  }

  async function attemptOnce(request: UpstreamRequest, requestId: string, deadline: Deadline) {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-request-id': requestId,
      ...(options.userAgent ? { 'user-agent': options.userAgent } : {}),
      ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...request.headers,
      ...options.attemptHeaders?.(),
    };
    let status: number | undefined;
    try {
      poolWait.start(requestId);
      const response = await pool.request({
        method: request.method,
        path: basePath + request.path,
        headers,
        body: request.body,
        signal: deadline.signal,
      });
      status = response.statusCode;
      const responseHeaders = flattenHeaders(response.headers);
      void options.budget?.observe(status, responseHeaders);
      try {
        request.onHeaders?.(status, responseHeaders);
      } catch {
        // A listener's failure is not the upstream's.
      }
      const bodyText = await readBodyText(response.body, maxBodyBytes, responseHeaders['content-length']);
      return { status, headers: responseHeaders, bodyText };
    } catch (error) {
      const kind = classifyFailure(error, status === undefined ? 'before-headers' : 'body', {
        deadlineExpired: deadline.expired(),
        callerAborted: deadline.callerAborted(),
      });
      throw new UpstreamTransportError(kind, requestId, {
        ...(status !== undefined && { status }),
        cause: error,
      });
    }
  }

  async function send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const requestId = request.requestId ?? randomUUID();
    const idempotent = request.idempotent ?? request.method === 'GET';
    const deadline = createDeadline(request.timeoutMs ?? timeoutMs, request.signal);
    for (let attempt = 1; ; attempt++) {
      const queuedAt = performance.now();
      await admitted(idempotent ? 'read' : 'money', requestId, deadline);
      const startedAt = performance.now();
      const budgetWaitMs = startedAt - queuedAt;
      let result: { status: number; headers: Record<string, string>; bodyText: string } | undefined;
      let failure: UpstreamTransportError | undefined;
      try {
        result = await attemptOnce(request, requestId, deadline);
      } catch (error) {
        failure = error as UpstreamTransportError;
      }
      const outcome: AttemptOutcome = result
        ? {
            status: result.status,
            retryable: isRetryableResponse(result.status, result.bodyText),
            retryAfter: result.headers['retry-after'],
          }
        : { failure: failure!.kind };
      const decision = decideRetry(
        { attempt, idempotent, outcome, remainingMs: deadline.remainingMs(), nowMs: Date.now() },
        policy,
        random,
      );
      emit({
        upstream: options.name,
        method: request.method,
        route: request.route,
        requestId,
        attempt,
        durationMs: performance.now() - startedAt,
        queuedMs: budgetWaitMs + poolWait.end(requestId),
        ...(result && { status: result.status }),
        ...(failure && {
          failure: failure.kind,
          ...(failure.status !== undefined && { status: failure.status }),
        }),
        ...(decision.retry && { retryInMs: decision.delayMs }),
      });
      if (!decision.retry) {
        if (failure) throw failure;
        return { ...result!, requestId, attempts: attempt };
      }
      try {
        await sleep(decision.delayMs, deadline.signal);
      } catch (error) {
        throw new UpstreamTransportError(deadline.callerAborted() ? 'aborted' : 'deadline', requestId, {
          cause: error,
        });
      }
    }
  }

  return {
    send,
    close: () => {
      poolWait.close();
      return pool.close();
    },
  };
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
