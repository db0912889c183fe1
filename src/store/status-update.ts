import type { Kysely, Selectable } from 'kysely';
import { type Backend, checkDelay } from './backend.js';
import { prepared } from './prepared.js';
import type { Database, TransactionsTable } from './schema.js';
import type { StatusChange } from './types.js';

type Row = Selectable<TransactionsTable>;
type ClockBackend = Pick<Backend, 'dialect' | 'clock' | 'clockNow'>;

/** The values of one status update, whichever of the optional columns its change writes. */
interface UpdateValues {
  id: string;
  status: string;
  statusClass: string;
  upstream: string | null;
  upstreamId: string | null;
  phase: string;
  errorCode: string | null;
  needsReview: number;
}

/** The optional columns, in a fixed order: which of them a change writes is its statement's shape. */
const OPTIONAL = ['upstream', 'upstreamId', 'phase', 'errorCode', 'needsReview', 'pollAfterMs'] as const;

/**
 * The update of `applyStatus`, with its columns set from `value` (the call's values, or a prepared statement's
 * stand-ins for them) and `pollAt` (the next poll's time, when the change reschedules it).
 */
function build(
  db: Kysely<Database>,
  change: StatusChange,
  value: <K extends keyof UpdateValues>(name: K) => UpdateValues[K],
  backend: ClockBackend,
  pollAt: ReturnType<Backend['clock']> | null,
) {
  return db
    .updateTable('transactions')
    .set({
      status: value('status'),
      status_class: value('statusClass'),
      updated_at: backend.clock(),
      ...(change.upstream !== undefined && { upstream: value('upstream') }),
      ...(change.upstreamId !== undefined && { upstream_id: value('upstreamId') }),
      ...(change.phase !== undefined && { phase: value('phase') }),
      ...(change.errorCode !== undefined && { error_code: value('errorCode') }),
      ...(change.needsReview !== undefined && { needs_review: value('needsReview') }),
      ...(change.pollAfterMs !== undefined && { next_poll_at: pollAt }),
      ...(typeof change.pollAfterMs === 'number' && { poll_attempts: 0 }),
    })
    .where('id', '=', value('id'))
    .returningAll();
}

/** One prepared statement per shape; the builder's `change` only decides which columns it sets. */
const byShape = new Map<string, ReturnType<typeof prepared<UpdateValues, Row>>>();

function shapeOf(change: StatusChange): string {
  return OPTIONAL.map((name) => (change[name] === undefined ? '-' : '+')).join('');
}

/**
 * Writes a recorded status to the transaction row and answers the row after it. A change that reschedules the next
 * poll (a number of ms) is built afresh, since its time is an expression of the delay; every other shape is prepared.
 */
export async function updateStatus(
  trx: Kysely<Database>,
  backend: ClockBackend,
  id: string,
  change: StatusChange,
): Promise<Row> {
  const values: UpdateValues = {
    id,
    status: change.status,
    statusClass: change.statusClass,
    upstream: change.upstream ?? null,
    upstreamId: change.upstreamId ?? null,
    phase: change.phase ?? '',
    errorCode: change.errorCode ?? null,
    needsReview: change.needsReview ? 1 : 0,
  };
  if (typeof change.pollAfterMs === 'number') {
    const pollAt = backend.clock(checkDelay('pollAfterMs', change.pollAfterMs));
    return build(trx, change, (name) => values[name], backend, pollAt).executeTakeFirstOrThrow();
  }
  const shape = shapeOf(change);
  let statement = byShape.get(shape);
  if (!statement) {
    // Only which columns the change writes shapes the statement; its values are not kept.
    const shaped: StatusChange = { status: '', statusClass: '', source: change.source };
    for (const name of OPTIONAL) if (change[name] !== undefined) Object.assign(shaped, { [name]: null });
    statement = prepared<UpdateValues, Row>((db, p, clocks) => build(db, shaped, p, clocks, null));
    byShape.set(shape, statement);
  }
  const [row] = await statement(trx, backend, values);
  if (!row) throw new Error(`transaction ${id} was not there to update`);
  return row;
}
