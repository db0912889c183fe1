import type { Store, TransactionRecord } from '../store/types.js';
import type { TransactionService } from './service.js';
import { isFinal } from './state.js';

export interface ReconcilerOptions {
  store: Store;
  service: Pick<TransactionService, 'settle'>;
  /** How often due transactions are looked for. @default 1_000 */
  intervalMs?: number;
  /** Transactions claimed per round. @default 25 */
  batch?: number;
  /** How long a claimed transaction is this process's to poll. @default 60_000 */
  leaseMs?: number;
  /** Delays between polls of one transaction, by attempt; the last repeats. */
  schedule?: readonly number[];
  /** After this long a transaction that is still not final is flagged for a person to review. @default 72 h */
  horizonMs?: number;
  onError?: (error: unknown, record: TransactionRecord) => void;
  /** Told of every step that changed the transaction (its status or phase) or flagged it for review. */
  onStep?: (step: ReconcileStep) => void;
  /** Told of each round and how many transactions it claimed. */
  onRound?: (claimed: number) => void;
}

/** One transaction the reconciler looked at: where it stood before and after. */
export interface ReconcileStep {
  id: string;
  before: Pick<TransactionRecord, 'status' | 'phase'>;
  after: Pick<TransactionRecord, 'status' | 'phase'>;
  needsReview: boolean;
}

const DEFAULT_SCHEDULE = [5_000, 15_000, 60_000, 5 * 60_000, 30 * 60_000, 60 * 60_000];

/**
 * Polls every transaction that is not final (and every intent whose sender may have died) on a backoff schedule,
 * at start and then every `intervalMs`. Polls are leased in the store, so with several processes each transaction
 * is polled by one of them; after the horizon it is flagged `needsReview` and left alone.
 */
export function createReconciler({
  store,
  service,
  intervalMs = 1_000,
  batch = 25,
  leaseMs = 60_000,
  schedule = DEFAULT_SCHEDULE,
  horizonMs = 72 * 60 * 60_000,
  onError,
  onStep,
  onRound,
}: ReconcilerOptions) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function pollOne(record: TransactionRecord): Promise<ReconcileStep> {
    let current = record;
    const step = (needsReview = false): ReconcileStep => {
      const taken: ReconcileStep = {
        id: record.id,
        before: { status: record.status, phase: record.phase },
        after: { status: current.status, phase: current.phase },
        needsReview,
      };
      const changed = record.status !== current.status || record.phase !== current.phase;
      if (changed || needsReview) onStep?.(taken);
      return taken;
    };
    try {
      current = await service.settle(record);
    } catch (error) {
      onError?.(error, record);
    }
    if (isFinal(current.statusClass) || current.phase === 'FAILED') {
      await store.recordPoll(record.id, { pollAfterMs: null });
      return step();
    }
    const age = Date.now() - Date.parse(record.createdAt);
    if (age > horizonMs) {
      await store.recordPoll(record.id, { pollAfterMs: null, needsReview: true });
      return step(true);
    }
    const delay = schedule[Math.min(record.pollAttempts, schedule.length - 1)] ?? 60_000;
    await store.recordPoll(record.id, { pollAfterMs: delay });
    return step();
  }

  /** One round: the due transactions, each settled and rescheduled; what each step found. */
  async function runOnce(): Promise<ReconcileStep[]> {
    const due = await store.claimDuePolls(batch, leaseMs);
    onRound?.(due.length);
    const steps = await Promise.all(
      due.map((record) =>
        pollOne(record).catch((error) => {
          onError?.(error, record);
          return undefined;
        }),
      ),
    );
    return steps.filter((step): step is ReconcileStep => step !== undefined);
  }

  return {
    runOnce,
    start(): void {
      const tick = () => {
        running = runOnce().catch(() => []);
        void running.finally(() => {
          if (timer !== undefined) timer = setTimeout(tick, intervalMs).unref();
        });
      };
      timer = setTimeout(tick, 0).unref();
    },
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
