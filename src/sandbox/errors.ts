/**
 * DVS error codes exactly as the spec's "API Error Codes" table gives them (code, message, HTTP status).
 * The sandbox answers every failure as `{ "errors": [{ "code", "message" }] }` with that status.
 */
export const DVS_ERRORS = {
  1000400: ['Bad Request', 400],
  1000401: ['Unauthorized', 401],
  1000404: ['Resource not found', 404],
  1000429: ['Too many requests', 429],
  1003001: ['Product is not available in your account', 404],
  1003002: ['Requested product amount is out of range', 400],
  1003003: ['Requested product unit is invalid', 400],
  1003101: ['Benefits not defined for available products', 404],
  1003201: ['Promotion not found', 404],
  1003301: ['Campaign not found', 404],
  1005003: ['Credit party mobile number is invalid', 400],
  1005004: ['Service not found', 404],
  1005005: ['Country not found', 404],
  1005006: ['Operator not found', 404],
  1005503: ['Sender mobile number is invalid', 400],
  1006001: ['Insufficient balance', 400],
  1006003: ['Debit party mobile number is invalid', 400],
  1006009: ['Account balance not found', 404],
  1006503: ['Beneficiary mobile number is invalid', 400],
  1007001: ['Transaction external ID has already been used', 400],
  1007002: ['Transaction has already been confirmed', 400],
  1007004: ['Transaction can no longer be confirmed', 400],
  1007005: ['Transaction has already been cancelled', 400],
  1007007: ['Transaction can no longer be cancelled', 400],
  1007500: ['Method not supported by operator', 400],
  1008004: ['Transaction not found', 404],
  1009001: ['Unexpected error, please contact our support team', 500],
  1009503: ['Service unavailable, please retry later', 503],
} as const satisfies Record<number, readonly [string, number]>;

export type DvsErrorCode = keyof typeof DVS_ERRORS;

/** An error body both APIs use: `{ "errors": [{ "code", "message" }] }` with the table's HTTP status. */
abstract class TableError<C extends number> extends Error {
  readonly code: C;
  readonly status: number;

  protected constructor(code: C, [message, status]: readonly [string, number], detail?: string) {
    super(detail ?? message);
    this.code = code;
    this.status = status;
  }

  toBody(): { errors: { code: number; message: string }[] } {
    return { errors: [{ code: this.code, message: this.message }] };
  }
}

/**
 * A failure the sandbox answers with DT One's error body. `detail` replaces the table's message when DT One
 * is known to say more (e.g. which field of a 1000400 is wrong); the code and status never change.
 */
export class SandboxError extends TableError<DvsErrorCode> {
  constructor(code: DvsErrorCode, detail?: string) {
    super(code, DVS_ERRORS[code], detail);
    this.name = 'SandboxError';
  }
}

/**
 * Goods & Services errors (legacy TransferTo API). Same body shape; codes from DT One's G&S docs and the
 * recorded responses summarised in FACTS §12.
 */
export const GS_ERRORS = {
  1000204: ['Account number incorrect', 400],
  1000212: ['Bill already paid', 400],
  1000301: ['Product not available', 400],
  1000303: ['Wrong product type', 400],
  1000401: ['Unauthorized', 401],
  1000404: ['Transaction not found', 404],
  1000500: ['Internal server error', 500],
  1000777: ['Insufficient balance', 400],
  1000990: ['External ID already used', 400],
  1000999: ['Invalid parameter', 400],
} as const satisfies Record<number, readonly [string, number]>;

export type GsErrorCode = keyof typeof GS_ERRORS;

export class GsSandboxError extends TableError<GsErrorCode> {
  constructor(code: GsErrorCode, detail?: string) {
    super(code, GS_ERRORS[code], detail);
    this.name = 'GsSandboxError';
  }
}
