import type { IncomingMessage, ServerResponse } from 'node:http';
import { newRequestId } from './request-id.js';

export interface RouterParts {
  /** DT One's callbacks, `/callbacks/dtone/<id>/<token>`. */
  handleCallback(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
  /** Refuses a flooding key before yoga reads the body; resolves true when it answered. */
  earlyRateLimit?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** `/metrics` on the main port (behind METRICS_TOKEN); absent when not served here. */
  metrics?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** `/readyz`: whether this instance can serve (store, pub/sub, DT One). */
  readiness(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Runs a request's handling inside its scope (request id, trace context); plain when unset. */
  scope?: (req: IncomingMessage, requestId: string, next: () => void) => void;
  /** GraphQL, GraphiQL and the SSE streams. */
  graphql(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * Which part answers a request: `/healthz` (cheap liveness), `/readyz`, callbacks, then the rate gate and GraphQL.
 */
export function createRouter(parts: RouterParts) {
  const answer = route(parts);
  return (req: IncomingMessage, res: ServerResponse): void => {
    // One id per request, the client's when well-formed: echoed in the response and seen by the context and errors.
    const requestId = newRequestId(firstHeader(req.headers['x-request-id']));
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    if (parts.scope) parts.scope(req, requestId, () => answer(req, res));
    else answer(req, res);
  };
}

function route({ handleCallback, earlyRateLimit, readiness, metrics, graphql }: RouterParts) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.url === '/healthz') {
      sendText(res, 200, 'ok');
      return;
    }
    if (metrics && req.url === '/metrics') {
      metrics(req, res).catch(() => {
        if (!res.headersSent && !res.destroyed) sendText(res, 500, 'metrics not collected');
      });
      return;
    }
    if (req.url === '/readyz') {
      readiness(req, res).catch(() => {
        if (!res.headersSent && !res.destroyed) sendText(res, 503, 'readiness not checked');
      });
      return;
    }
    if (req.url?.startsWith('/callbacks/')) {
      handleCallback(req, res, req.url.split('?')[0] ?? '').catch(() => {
        if (!res.headersSent && !res.destroyed) sendText(res, 500, 'callback not processed');
      });
      return;
    }
    if (earlyRateLimit && req.url === '/graphql') {
      earlyRateLimit(req, res).then(
        (answered) => {
          if (!answered) graphql(req, res);
        },
        () => graphql(req, res),
      );
      return;
    }
    graphql(req, res);
  };
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
