import type { z } from 'zod';
import { callJson, type ErrorFamily, type RequestOptions } from '../http/json-call.js';
import { buildPath } from '../http/path.js';
import { ShapeError } from '../http/shape-error.js';
import { createTransport, type TransportOptions } from '../http/transport.js';
import type { AttemptEvent } from '../http/types.js';
import { createNonceSource, gsAuthHeaders } from './auth.js';
import {
  fromGsResponse,
  GsConnectionError,
  type GsError,
  GsNotFoundError,
  GsOutcomeUnknownError,
  GsProtocolError,
  GsRateLimitError,
  GsUnavailableError,
  OPERATOR_TIMEOUT,
} from './errors.js';
import { type GsPayment, type GsQuote, gsPayment, gsQuote } from './schemas.js';

export interface GsClientOptions {
  /** e.g. `https://gs-api.dtone.com/v1.1`. */
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Overall budget of one call, retries included. @default 30000 */
  timeoutMs?: number;
  /** @default 8 */
  connections?: number;
  /** Retries of reads; payments are never retried. @default 3 */
  retries?: number;
  /** @default 'dtone-gateway' */
  userAgent?: string;
  maxBodyBytes?: number;
  backoff?: TransportOptions['backoff'];
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  onAttempt?: (event: AttemptEvent) => void;
  /** Clock for nonces (epoch ms). */
  now?: () => number;
}

export interface GsParty {
  /** Required by G&S for sender and recipient. */
  mobile: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  email?: string;
}

export interface PayVariableValueParams {
  productId: number | string;
  /** The bill or account to pay in full. */
  accountNumber: string;
  /** Our unique reference; G&S documents it as numeric. */
  externalId: string | number;
  /** Simulate only: no debit, no operator call. Defaults to true, as G&S does. */
  simulation?: boolean;
  sender: GsParty;
  recipient: GsParty;
  senderSmsNotification?: boolean;
  /** Up to 30 characters. */
  senderSmsText?: string;
  recipientSmsNotification?: boolean;
  /** Up to 30 characters. */
  recipientSmsText?: string;
  customField1?: string;
  customField2?: string;
  customField3?: string;
}

export interface GsClient {
  /** What paying `accountNumber` in full costs now (amounts in the biller's local currency). */
  quoteVariableValuePayment(
    productId: number | string,
    accountNumber: string,
    options?: RequestOptions,
  ): Promise<GsQuote>;
  /**
   * Pays a bill in full. Sent exactly once: a timeout, reset, unreadable answer or 5xx raises
   * `GsOutcomeUnknownError`; recover with `getVariableValuePaymentByExternalId`. A `status` other than `"0"` in the
   * answer is a failed payment, not an exception.
   */
  payVariableValue(params: PayVariableValueParams, options?: RequestOptions): Promise<GsPayment>;
  getVariableValuePayment(paymentId: string | number, options?: RequestOptions): Promise<GsPayment>;
  /** The payment made with this external id, or null when G&S has none. */
  getVariableValuePaymentByExternalId(
    externalId: string | number,
    options?: RequestOptions,
  ): Promise<GsPayment | null>;
  close(): Promise<void>;
}

export const GS_ERRORS: ErrorFamily<GsError> = {
  fromResponse: fromGsResponse,
  protocol: (reason, init) => new GsProtocolError(reason, init),
  connection: (reason, init) => new GsConnectionError(reason, init),
  outcomeUnknown: (reason, init) => new GsOutcomeUnknownError(reason, init),
  rateLimited: (init) => new GsRateLimitError(init),
  leavesOutcomeOpen: (error) =>
    error.upstreamCode === OPERATOR_TIMEOUT ||
    (!(error instanceof GsRateLimitError || error instanceof GsUnavailableError) &&
      error.status !== undefined &&
      error.status >= 500),
};

const PAYMENTS = '/transactions/variable_value_payments';

/** Client for the legacy Goods & Services API's variable-value (bill) payments, HMAC-authenticated. */
export function createGsClient(options: GsClientOptions): GsClient {
  const transport = createTransport({
    name: 'gs',
    baseUrl: options.baseUrl,
    userAgent: options.userAgent ?? 'dtone-gateway',
    attemptHeaders: gsAuthHeaders(options.apiKey, options.apiSecret, createNonceSource(options.now)),
    connections: options.connections ?? 8,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    maxBodyBytes: options.maxBodyBytes,
    backoff: options.backoff,
    headersTimeoutMs: options.headersTimeoutMs,
    bodyTimeoutMs: options.bodyTimeoutMs,
    onAttempt: options.onAttempt,
  });

  async function read<T>(
    route: string,
    params: Record<string, string | number>,
    query: object,
    decode: (b: unknown) => T,
    requestOptions?: RequestOptions,
  ) {
    const call = {
      method: 'GET' as const,
      route,
      path: buildPath(route, params, query),
      effect: 'read' as const,
      decode,
    };
    return (await callJson(transport, GS_ERRORS, call, requestOptions)).data;
  }

  return {
    quoteVariableValuePayment: (productId, accountNumber, requestOptions) =>
      read(
        '/product/variable_value_payments/{product_id}',
        { product_id: productId },
        { account_number: accountNumber },
        validate(gsQuote),
        requestOptions,
      ),

    async payVariableValue(params, requestOptions) {
      const call = {
        method: 'POST' as const,
        route: PAYMENTS,
        path: PAYMENTS,
        bodyText: JSON.stringify(paymentBody(params)),
        effect: 'money' as const,
        decode: validate(gsPayment),
      };
      return (await callJson(transport, GS_ERRORS, call, requestOptions)).data;
    },

    getVariableValuePayment: (paymentId, requestOptions) =>
      read(`${PAYMENTS}/{payment_id}`, { payment_id: paymentId }, {}, validate(gsPayment), requestOptions),

    async getVariableValuePaymentByExternalId(externalId, requestOptions) {
      const decode = (body: unknown) => {
        const payment = validate(gsPayment)(body);
        // Only an exact match counts: another payment would settle the wrong money.
        if (payment.external_id !== String(externalId))
          throw new ShapeError('external_id differs from the one asked for');
        return payment;
      };
      try {
        return await read(
          `${PAYMENTS}/ext-{external_id}`,
          { external_id: externalId },
          {},
          decode,
          requestOptions,
        );
      } catch (error) {
        if (error instanceof GsNotFoundError) return null;
        throw error;
      }
    },

    close: () => transport.close(),
  };
}

function validate<S extends z.ZodType>(schema: S): (body: unknown) => z.output<S> {
  return (body) => {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    // Paths only: the issues' values could carry account data.
    const where = result.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new ShapeError(`invalid ${where}`);
  };
}

const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? '1' : '0');

function party(p: GsParty) {
  return {
    last_name: p.lastName,
    middle_name: p.middleName,
    first_name: p.firstName,
    email: p.email,
    mobile: p.mobile,
  };
}

/** The documented form: every value as text, flags as "1"/"0" (JSON.stringify drops the absent ones). */
function paymentBody(params: PayVariableValueParams) {
  return {
    account_number: params.accountNumber,
    product_id: String(params.productId),
    external_id: String(params.externalId),
    simulation: flag(params.simulation ?? true),
    sender_sms_notification: flag(params.senderSmsNotification),
    sender_sms_text: params.senderSmsText,
    recipient_sms_notification: flag(params.recipientSmsNotification),
    recipient_sms_text: params.recipientSmsText,
    sender: party(params.sender),
    recipient: party(params.recipient),
    custom_field_1: params.customField1,
    custom_field_2: params.customField2,
    custom_field_3: params.customField3,
  };
}
