import { headerOf, readErrorBody } from './error-body.js';
import { parseRetryAfter } from './retry-after.js';

export interface UpstreamErrorInit {
  /** HTTP status of the upstream's answer; absent when no answer arrived. */
  status?: number | undefined;
  upstreamCode?: number | undefined;
  requestId?: string | undefined;
  retryAfterSeconds?: number | undefined;
  /** The upstream's body text, kept for logs only (non-enumerable, never in `message`). */
  rawBody?: string | undefined;
  /** The upstream's own error message, kept for logs only (non-enumerable, never in `message`). */
  upstreamMessage?: string | undefined;
  cause?: unknown;
}

/** What went wrong, the same words for every upstream: each upstream's codes are its prefix plus one of these. */
export type UpstreamFailure =
  | 'INVALID_REQUEST'
  | 'AUTHENTICATION_FAILED'
  | 'NOT_FOUND'
  | 'EXTERNAL_ID_CONFLICT'
  | 'INVALID_STATE'
  | 'INSUFFICIENT_BALANCE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'API_ERROR'
  | 'PROTOCOL_ERROR'
  | 'CONNECTION_ERROR'
  | 'OUTCOME_UNKNOWN';

/**
 * The base of every failure of DT One's APIs (DVS and Goods & Services alike). `message` is always our own wording:
 * upstream text can carry customer data and must not reach a client, so it stays in the non-enumerable
 * `rawBody`/`upstreamMessage` for logs.
 */
export abstract class UpstreamError extends Error {
  abstract readonly code: `${string}_${UpstreamFailure}`;
  /** The upstream's name for our own messages: `DT One`, `Goods & Services`. */
  abstract readonly upstream: string;
  /** True when sending the same call again later may succeed. */
  abstract readonly retryable: boolean;
  readonly status: number | undefined;
  readonly upstreamCode: number | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  declare readonly rawBody: string | undefined;
  declare readonly upstreamMessage: string | undefined;

  /** `label` names the upstream in the code suffix of the message, e.g. `DT One` → `[DT One code 1003001]`. */
  constructor(label: string, message: string, init: UpstreamErrorInit) {
    const suffix = init.upstreamCode === undefined ? '' : ` [${label} code ${init.upstreamCode}]`;
    super(message + suffix, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.status = init.status;
    this.upstreamCode = init.upstreamCode;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    Object.defineProperty(this, 'rawBody', { value: init.rawBody, enumerable: false });
    Object.defineProperty(this, 'upstreamMessage', { value: init.upstreamMessage, enumerable: false });
  }

  /** The code without the upstream's prefix: one condition, one word, whichever upstream failed. */
  get failure(): UpstreamFailure {
    return this.code.slice(this.code.indexOf('_') + 1) as UpstreamFailure;
  }
}

export type BuildUpstreamError<E extends UpstreamError> = (init: UpstreamErrorInit) => E;

/**
 * The error for an answer that is not a success. The upstream's own code decides when it is known; otherwise the
 * HTTP status does (so an HTML 502 from a proxy still becomes the API's generic failure).
 */
export function upstreamErrorFromResponse<E extends UpstreamError>(
  byCode: Readonly<Record<number, BuildUpstreamError<E>>>,
  byStatus: (status: number) => BuildUpstreamError<E>,
  response: {
    status: number;
    bodyText: string;
    headers: Record<string, string | string[] | undefined>;
    requestId?: string | undefined;
  },
): E {
  const { status, bodyText, headers, requestId } = response;
  const detail = readErrorBody(bodyText);
  const build = (detail.code !== undefined && byCode[detail.code]) || byStatus(status);
  return build({
    status,
    upstreamCode: detail.code,
    upstreamMessage: detail.message,
    requestId,
    retryAfterSeconds: parseRetryAfter(headerOf(headers, 'retry-after'), Date.now()),
    rawBody: bodyText,
  });
}
