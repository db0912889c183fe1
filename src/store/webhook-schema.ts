/** The webhook tables (migration 0006) as kysely sees them; `seq` columns are PostgreSQL bigint (text) or integer. */
type Seq = string | number | bigint;

export interface WebhookEndpointsTable {
  id: string;
  tenant_id: string;
  url: string;
  /** Sealed with the data key ring (context `webhook/<id>/secret`). */
  secret: string;
  /** The secret the last rotation replaced, sealed the same way (migration 0007); null until a rotation. */
  previous_secret: string | null;
  secret_rotated_at: string | null;
  /** JSON array of status classes, or null for every event. */
  event_classes: string | null;
  enabled: number;
  disabled_reason: string | null;
  cursor_seq: Seq;
  head_seq: Seq | null;
  head_replay: number;
  attempts: number;
  first_attempt_at: string | null;
  next_attempt_at: string;
  lease_until: string | null;
  lease_token: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookReplaysTable {
  endpoint_id: string;
  seq: Seq;
}

export interface WebhookAttemptsTable {
  id: string;
  endpoint_id: string;
  seq: Seq;
  status_code: number | null;
  error: string | null;
  outcome: string;
  at: string;
}

export interface WebhookDeadLettersTable {
  endpoint_id: string;
  seq: Seq;
  attempts: number;
  last_error: string | null;
  at: string;
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_replays: WebhookReplaysTable;
  webhook_attempts: WebhookAttemptsTable;
  webhook_dead_letters: WebhookDeadLettersTable;
}
