/**
 * Runs `work` as one change of the sandbox's state. A durable sandbox (`createSandbox({ dataDir })`) commits
 * everything `work` writes together, or nothing if it throws or the process dies half-way; changes nest.
 *
 * Each module says what it keeps through a journal of its own (`LedgerJournal`, `TransactionJournal`,
 * `GsJournal`, `CallbackJournal`), whose writes come inside the module's changes; `sqlite.ts` implements them all.
 * Without a journal the module keeps its state in memory only and a change is just a call.
 */
export type Atomic = <T>(work: () => T) => T;

/** The in-memory sandbox's change: nothing to commit. */
export const inMemory: Atomic = (work) => work();
