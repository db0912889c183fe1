import type { TenantAccountTables } from './account-types.js';
import type { WebhookTables } from './webhook-schema.js';

/**
 * The tables as kysely sees them, the same on SQLite and PostgreSQL. Timestamps are TEXT in ISO 8601 UTC with
 * milliseconds (`2024-05-01T12:00:00.123Z`), written from the database clock, so they sort and compare as text.
 * Flags are INTEGER 0/1, because SQLite has no boolean and better-sqlite3 cannot bind one.
 */
export interface TransactionsTable {
  id: string;
  tenant_id: string;
  api: string;
  idempotency_key: string;
  fingerprint: string;
  external_id: string;
  upstream_id: string | null;
  product_id: number;
  product_snapshot: string;
  request: string;
  upstream: string | null;
  phase: string;
  status: string;
  status_class: string;
  error_code: string | null;
  callback_token_hash: string;
  needs_review: number;
  next_poll_at: string | null;
  poll_attempts: number;
  created_at: string;
  updated_at: string;
  /** What the transaction spends against its tenant's cap: currency, millionths (PostgreSQL bigint as text), UTC day. */
  spend_unit: string | null;
  spend_micros: string | number | bigint | null;
  spend_day: string | null;
}

/** A tenant's daily cap in one currency: as set (decimal text) and in millionths for exact sums. */
export interface SpendCapsTable {
  tenant_id: string;
  unit: string;
  daily: string;
  daily_micros: string | number | bigint;
  updated_at: string;
}

export interface StatusHistoryTable {
  transaction_id: string;
  seq: number;
  status: string;
  status_class: string;
  source: string;
  at: string;
}

/** The tenant event log (migration 0004); `seq` is PostgreSQL bigint (text) or SQLite integer. */
export interface TransactionEventsTable {
  tenant_id: string;
  seq: string | number | bigint;
  transaction_id: string;
  api: string;
  status: string;
  status_class: string;
  source: string;
  at: string;
}

/** Each tenant's last event number, locked by the writer that increments it until it commits. */
export interface TransactionEventCountersTable {
  tenant_id: string;
  last_seq: string | number | bigint;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  name: string;
  prefix: string;
  hash: string;
  /** JSON array of scope names. */
  scopes: string;
  created_at: string;
  revoked_at: string | null;
}

/** One PIN shown to a client: the audit of bearer value leaving the gateway. */
export interface PinReadsTable {
  id: string;
  transaction_id: string;
  tenant_id: string;
  /** Null for embedded mode's keyless sandbox caller. */
  api_key_id: string | null;
  read_at: string;
}

export interface Database extends WebhookTables, TenantAccountTables {
  transactions: TransactionsTable;
  transaction_status_history: StatusHistoryTable;
  api_keys: ApiKeysTable;
  pin_reads: PinReadsTable;
  spend_caps: SpendCapsTable;
  transaction_events: TransactionEventsTable;
  transaction_event_counters: TransactionEventCountersTable;
}
