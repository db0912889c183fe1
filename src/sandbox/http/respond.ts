import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'lossless-json';
import type { FaultRule } from '../control/faults.js';
import type { Reply } from './types.js';

/** Serialises a reply; JSON numbers held as `LosslessNumber` are written exactly as their text. */
export function encodeReply(reply: Reply): { status: number; headers: Record<string, string>; body: Buffer } {
  const headers: Record<string, string> = { ...reply.headers };
  let body = Buffer.alloc(0);
  if (reply.body !== undefined) {
    body = Buffer.from(stringify(reply.body) ?? 'null', 'utf8');
    headers['Content-Type'] ??= 'application/json';
  }
  return { status: reply.status, headers, body };
}

/** Applies the answer-replacing part of a fault: its status, body, content type and headers. */
export function faultReply(fault: FaultRule): {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
} {
  const body =
    fault.body === undefined ? '' : typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
  return {
    status: fault.status ?? 500,
    headers: {
      'Content-Type':
        fault.contentType ?? (typeof fault.body === 'object' ? 'application/json' : 'text/plain'),
      ...fault.headers,
    },
    body: Buffer.from(body, 'utf8'),
  };
}

/** Writes an encoded answer, corrupting its delivery as the fault (if any) says. */
export async function send(
  res: ServerResponse,
  answer: { status: number; headers: Record<string, string>; body: Buffer },
  fault: FaultRule | undefined,
  stopped: AbortSignal,
): Promise<void> {
  let { status, headers, body } = answer;
  if (fault) {
    headers = { ...headers, ...fault.headers };
    if (fault.contentType) headers['Content-Type'] = fault.contentType;
    if (fault.malformedJson) {
      status = 200;
      headers['Content-Type'] = 'application/json';
      body = Buffer.concat([
        body.subarray(0, Math.max(1, Math.floor(body.length / 2))),
        Buffer.from('}{"x":,]'),
      ]);
    }
    if (fault.hangMs !== undefined && fault.hangMs > 0) {
      const hung = await hang(res, fault.hangMs, stopped);
      if (!hung) return;
    }
  }
  if (res.destroyed) return;
  const socket = res.socket;
  headers['Content-Length'] = String(body.length);
  res.writeHead(status, headers);

  if (fault?.resetAfterBytes !== undefined) {
    res.write(body.subarray(0, fault.resetAfterBytes));
    await flush(res);
    socket?.resetAndDestroy();
    return;
  }
  if (fault?.truncateAt !== undefined) {
    res.write(body.subarray(0, fault.truncateAt));
    await flush(res);
    socket?.destroy();
    return;
  }
  if (fault?.drip) {
    const { bytes, intervalMs } = fault.drip;
    for (let i = 0; i < body.length; i += bytes) {
      if (res.destroyed || stopped.aborted) return;
      res.write(body.subarray(i, i + bytes));
      await sleep(intervalMs, undefined, { signal: stopped }).catch(() => undefined);
    }
    res.end();
    return;
  }
  res.end(body);
}

/** Waits before headers; resolves false when the client went away or the sandbox stopped meanwhile. */
async function hang(res: ServerResponse, ms: number, stopped: AbortSignal): Promise<boolean> {
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.on('close', onClose);
  const signal = AbortSignal.any([gone.signal, stopped]);
  try {
    if (Number.isFinite(ms)) await sleep(ms, undefined, { signal });
    else await new Promise((_, reject) => signal.addEventListener('abort', reject, { once: true }));
    return true;
  } catch {
    return false;
  } finally {
    res.off('close', onClose);
  }
}

function flush(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.writableNeedDrain) res.once('drain', () => resolve());
    else setImmediate(resolve);
  });
}
