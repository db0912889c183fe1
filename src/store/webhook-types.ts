/** Outbound webhook endpoints and their delivery state (see migrations/0006-webhooks.ts). */
export interface WebhookEndpointRecord {
  id: string;
  tenantId: string;
  url: string;
  /** The secret as stored: sealed with the data key ring; the webhooks layer opens it. */
  sealedSecret: string;
  /** The secret the last rotation replaced (sealed), and when: deliveries are signed with both for a while. */
  previousSealedSecret: string | null;
  secretRotatedAt: string | null;
  /** Status classes delivered, or null for every event. */
  eventClasses: string[] | null;
  enabled: boolean;
  disabledReason: string | null;
  /** The last event of the tenant's log this endpoint is done with. */
  cursorSeq: bigint;
  /** The event being retried, if any; nothing after it goes out until it is done. */
  headSeq: bigint | null;
  headReplay: boolean;
  /** Failed attempts of the head event. */
  attempts: number;
  firstAttemptAt: string | null;
  nextAttemptAt: string;
  createdAt: string;
}

/** An endpoint one instance holds the lease of; every write of its delivery state names the token. */
export interface WebhookClaim {
  endpoint: WebhookEndpointRecord;
  leaseToken: string;
}

/** What became of one event sent (or not) to an endpoint. */
export type WebhookOutcome =
  | { kind: 'delivered'; statusCode: number }
  /** Not sent: the endpoint's filter does not take it. */
  | { kind: 'skipped' }
  | { kind: 'retry'; statusCode: number | null; error: string | null; delayMs: number }
  | { kind: 'dead'; statusCode: number | null; error: string | null }
  | { kind: 'disabled'; statusCode: number; reason: string };

/** An event of an endpoint's turn and what became of it. */
export interface WebhookSettlement {
  seq: bigint;
  /** Sent again on an operator's request (queued in the replays), not from the cursor. */
  replay: boolean;
  outcome: WebhookOutcome;
}

export interface WebhookAttemptRecord {
  endpointId: string;
  seq: bigint;
  statusCode: number | null;
  error: string | null;
  outcome: Exclude<WebhookOutcome['kind'], 'skipped'>;
  at: string;
}

export interface WebhookDeadLetterRecord {
  endpointId: string;
  seq: bigint;
  attempts: number;
  lastError: string | null;
  at: string;
}

export interface WebhookStore {
  /** A new endpoint, starting after the tenant's latest event. */
  createEndpoint(input: {
    id: string;
    tenantId: string;
    url: string;
    sealedSecret: string;
    eventClasses: string[] | null;
  }): Promise<WebhookEndpointRecord>;
  getEndpoint(id: string): Promise<WebhookEndpointRecord | undefined>;
  /** Oldest first; every tenant's when `tenantId` is absent. */
  listEndpoints(tenantId?: string): Promise<WebhookEndpointRecord[]>;
  /** Disables (with the reason) or enables; enabling makes it due now. Undefined for an unknown id. */
  setEndpointEnabled(
    id: string,
    enabled: boolean,
    reason?: string,
  ): Promise<WebhookEndpointRecord | undefined>;
  /** The new secret becomes current; the one it replaces is kept as the previous one, with the time of the rotation. */
  replaceEndpointSecret(id: string, sealedSecret: string): Promise<WebhookEndpointRecord | undefined>;
  /**
   * Queues the endpoint's events `fromSeq`..`toSeq` that it is already done with to be sent again (oldest first,
   * before new ones); later events go out anyway. Answers how many were queued (undefined for an unknown id).
   */
  requestReplay(id: string, fromSeq: bigint, toSeq: bigint): Promise<number | undefined>;
  /**
   * Leases up to `limit` enabled endpoints with an event to send whose next attempt is due and whose lease (if any)
   * expired, for `leaseMs` (PostgreSQL `FOR UPDATE SKIP LOCKED`): two instances never hold one endpoint at once.
   */
  claimDueEndpoints(limit: number, leaseMs: number): Promise<WebhookClaim[]>;
  /** Queued replays of the endpoint, oldest first. */
  pendingReplays(endpointId: string, limit: number): Promise<bigint[]>;
  /**
   * Records what became of event `seq` (the head) and moves the endpoint on, while `claim` still holds the lease
   * (extended by `leaseMs`); false when the lease was lost (expired and taken), and nothing was written.
   */
  settleEvent(
    claim: WebhookClaim,
    seq: bigint,
    replay: boolean,
    outcome: WebhookOutcome,
    leaseMs: number,
  ): Promise<boolean>;
  /**
   * Records what became of events sent (or passed over) in turn, as `settleEvent` would one by one, in one write
   * transaction under one check of the lease: a retry or a disable may only come last (it ends the turn and gives the
   * lease back). Otherwise the lease is extended by `leaseMs`, or given back with `release`. False when the lease was
   * lost, and nothing was written.
   */
  settleEvents(
    claim: WebhookClaim,
    settled: readonly WebhookSettlement[],
    leaseMs: number,
    release?: boolean,
  ): Promise<boolean>;
  /** Gives the lease back, the endpoint due again now. */
  releaseEndpoint(claim: WebhookClaim): Promise<void>;
  /** Newest first. */
  listAttempts(endpointId: string, limit: number): Promise<WebhookAttemptRecord[]>;
  /** Oldest first (by event number); `total` counts every dead letter of the endpoint, ignoring the page. */
  listDeadLetters(
    endpointId: string,
    page: { offset: number; limit: number },
  ): Promise<{ items: WebhookDeadLetterRecord[]; total: number }>;
  /**
   * Events enabled endpoints are not yet done with, in all: those after each cursor in its tenant's log, and the
   * replays queued. Filtered-out events count until the worker passes them (a round, not a delivery).
   */
  countBacklog(): Promise<number>;
}
