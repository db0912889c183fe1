import type { Selectable } from 'kysely';
import type {
  ApiKeysTable,
  PinReadsTable,
  StatusHistoryTable,
  TransactionEventsTable,
  TransactionsTable,
} from './schema.js';
import type {
  ApiKeyRecord,
  PinReadRecord,
  SendPhase,
  StatusHistoryEntry,
  TransactionEvent,
  TransactionRecord,
  UpstreamApi,
} from './types.js';

const APIS: readonly string[] = ['DVS', 'GS'] satisfies UpstreamApi[];
const PHASES: readonly string[] = ['INTENT', 'SENT', 'OUTCOME_UNKNOWN', 'FAILED'] satisfies SendPhase[];
const SOURCES: readonly string[] = [
  'create',
  'confirm',
  'cancel',
  'callback',
  'poll',
  'recovery',
] satisfies StatusHistoryEntry['source'][];

/** Values a CHECK constraint already guards; a row that breaks one means the database was edited by hand. */
function oneOf<T extends string>(allowed: readonly string[], value: string, column: string): T {
  if (!allowed.includes(value)) throw new Error(`Unexpected ${column} ${JSON.stringify(value)} in the store`);
  return value as T;
}

/** PostgreSQL returns COUNT and BIGINT as strings; SQLite as numbers. */
export function toCount(value: string | number | bigint): number {
  return Number(value);
}

export function toTransactionRecord(row: Selectable<TransactionsTable>): TransactionRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    api: oneOf<UpstreamApi>(APIS, row.api, 'api'),
    idempotencyKey: row.idempotency_key,
    fingerprint: row.fingerprint,
    externalId: row.external_id,
    upstreamId: row.upstream_id,
    productId: Number(row.product_id),
    productSnapshot: row.product_snapshot,
    request: row.request,
    upstream: row.upstream,
    phase: toPhase(row.phase),
    status: row.status,
    statusClass: row.status_class,
    errorCode: row.error_code,
    callbackTokenHash: row.callback_token_hash,
    needsReview: Number(row.needs_review) === 1,
    nextPollAt: row.next_poll_at,
    pollAttempts: Number(row.poll_attempts),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toPhase(value: string): SendPhase {
  return oneOf<SendPhase>(PHASES, value, 'phase');
}

export function toHistoryEntry(row: Selectable<StatusHistoryTable>): StatusHistoryEntry {
  return {
    transactionId: row.transaction_id,
    seq: Number(row.seq),
    status: row.status,
    statusClass: row.status_class,
    source: oneOf<StatusHistoryEntry['source']>(SOURCES, row.source, 'source'),
    at: row.at,
  };
}

export function toTransactionEvent(row: Selectable<TransactionEventsTable>): TransactionEvent {
  return {
    seq: BigInt(String(row.seq)),
    tenantId: row.tenant_id,
    transactionId: row.transaction_id,
    api: oneOf<UpstreamApi>(APIS, row.api, 'api'),
    status: row.status,
    statusClass: row.status_class,
    source: oneOf<StatusHistoryEntry['source']>(SOURCES, row.source, 'source'),
    at: row.at,
  };
}

export function toApiKeyRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  const scopes: unknown = JSON.parse(row.scopes);
  if (!Array.isArray(scopes) || !scopes.every((s): s is string => typeof s === 'string')) {
    throw new Error(`Unexpected scopes in API key ${row.id}`);
  }
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    prefix: row.prefix,
    hash: row.hash,
    scopes,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export function toPinReadRecord(row: Selectable<PinReadsTable>): PinReadRecord {
  return {
    id: row.id,
    transactionId: row.transaction_id,
    tenantId: row.tenant_id,
    apiKeyId: row.api_key_id,
    readAt: row.read_at,
  };
}
