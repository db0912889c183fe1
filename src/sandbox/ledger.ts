import { Decimal } from 'decimal.js';
import type { BalanceSeed, JsonObject } from './catalogue/types.js';
import { SandboxError } from './errors.js';
import type { Atomic } from './persistence/atomic.js';
import { Money, readDecimal, wireAmount } from './transactions/amounts.js';

/**
 * The account's balances, one per currency, in exact decimals. Money only moves as DT One's "Balances"
 * table says: authorize (available → holding), void (holding → available), capture (holding → captured),
 * reverse (captured → available), plus `debit` (available → captured at once, for G&S payments) and `set`
 * (a test control that replaces the available amount). So `available + holding + captured` only changes on `set`.
 */
export interface Ledger {
  /** Holds `amount` in `unit`; `1006009` when no balance has that unit, `1006001` when available + credit limit is short. */
  authorize(unit: string, amount: Decimal.Value): string;
  void(holdId: string): void;
  capture(holdId: string): void;
  reverse(holdId: string): void;
  debit(unit: string, amount: Decimal.Value): void;
  set(unit: string, available: Decimal.Value): void;
  /** Spec `Balance` objects (`id`, `unit_type`, `unit`, `available`, `holding`, `credit_limit`), by id. */
  list(filter?: { unit?: string }): JsonObject[];
  /** Exact totals of one currency, as decimal text. */
  totals(unit: string): { available: string; holding: string; captured: string; creditLimit: string };
  hold(holdId: string): { unit: string; amount: string; state: HoldState } | undefined;
  entries(): readonly LedgerEntry[];
}

export type HoldState = 'held' | 'voided' | 'captured' | 'reversed';

export interface LedgerEntry {
  seq: number;
  kind: 'authorize' | 'void' | 'capture' | 'reverse' | 'debit' | 'set';
  unit: string;
  /** Exact decimal text of the amount moved (for `set`, the new available amount). */
  amount: string;
  holdId: string | null;
  /** Balance after the movement, exact decimal text. */
  available: string;
  holding: string;
}

/** A balance's moving amounts, as exact decimal text (its id and credit limit come from the catalogue seed). */
export interface BalanceAmounts {
  available: string;
  holding: string;
  captured: string;
}

export interface SavedHold {
  unit: string;
  amount: string;
  state: HoldState;
}

/** What a durable ledger left: every balance that moved, every hold, every movement. */
export interface SavedLedger {
  balances: ReadonlyArray<BalanceAmounts & { unit: string }>;
  holds: ReadonlyArray<SavedHold & { id: string }>;
  entries: readonly LedgerEntry[];
}

/** Where a durable ledger keeps each movement: the balance after it, its hold, the entry, in one change. */
export interface LedgerJournal {
  atomic: Atomic;
  balance(unit: string, amounts: BalanceAmounts): void;
  hold(holdId: string, hold: SavedHold): void;
  entry(entry: LedgerEntry): void;
}

/** A hold moved in a way the balance table does not allow (e.g. capturing a voided hold): a sandbox bug. */
export class LedgerStateError extends Error {
  override name = 'LedgerStateError';
}

interface Balance {
  id: number;
  unit: string;
  available: Money;
  holding: Money;
  captured: Money;
  creditLimit: Money;
}

interface Hold {
  unit: string;
  amount: Money;
  state: HoldState;
}

/** An in-memory ledger from the catalogue's seeds; with `durable`, one that resumes `saved` and journals every movement. */
export function createLedger(
  seeds: readonly BalanceSeed[],
  durable?: { journal: LedgerJournal; saved: SavedLedger },
): Ledger {
  const balances = new Map<string, Balance>();
  for (const seed of seeds) {
    balances.set(seed.unit, {
      id: seed.id,
      unit: seed.unit,
      available: exact(seed.available, `balance ${seed.unit} available`),
      holding: new Money(0),
      captured: new Money(0),
      creditLimit: exact(seed.creditLimit, `balance ${seed.unit} credit limit`),
    });
  }
  const holds = new Map<string, Hold>();
  const log: LedgerEntry[] = [];
  let nextHold = 1;
  const journal = durable?.journal;
  if (durable) nextHold = restore(durable.saved, balances, holds, log);

  const balanceOf = (unit: string): Balance => {
    const balance = balances.get(unit);
    if (!balance) throw new SandboxError(1006009);
    return balance;
  };

  const record = (kind: LedgerEntry['kind'], balance: Balance, amount: Money, holdId: string | null) => {
    const entry: LedgerEntry = {
      seq: log.length + 1,
      kind,
      unit: balance.unit,
      amount: amount.toFixed(),
      holdId,
      available: balance.available.toFixed(),
      holding: balance.holding.toFixed(),
    };
    log.push(entry);
    if (journal) keep(journal, entry, balance);
  };

  /** Journals a movement: the balance after it, its hold and the entry, as one change. */
  const keep = (journal: LedgerJournal, entry: LedgerEntry, balance: Balance) =>
    journal.atomic(() => {
      journal.balance(balance.unit, {
        available: entry.available,
        holding: entry.holding,
        captured: balance.captured.toFixed(),
      });
      const hold = entry.holdId === null ? undefined : holds.get(entry.holdId);
      if (hold && entry.holdId !== null) {
        journal.hold(entry.holdId, { unit: hold.unit, amount: hold.amount.toFixed(), state: hold.state });
      }
      journal.entry(entry);
    });

  const ensureCovered = (balance: Balance, amount: Money) => {
    if (balance.available.plus(balance.creditLimit).lessThan(amount)) throw new SandboxError(1006001);
  };

  const move = (
    holdId: string,
    from: HoldState,
    to: HoldState,
    apply: (balance: Balance, amount: Money) => void,
  ) => {
    const hold = holds.get(holdId);
    if (!hold) throw new LedgerStateError(`unknown hold ${holdId}`);
    if (hold.state !== from) throw new LedgerStateError(`hold ${holdId} is ${hold.state}, not ${from}`);
    const balance = balanceOf(hold.unit);
    apply(balance, hold.amount);
    hold.state = to;
    return { balance, hold };
  };

  return {
    authorize(unit, value) {
      const amount = nonNegative(value);
      const balance = balanceOf(unit);
      ensureCovered(balance, amount);
      const holdId = `hold-${nextHold++}`;
      balance.available = balance.available.minus(amount);
      balance.holding = balance.holding.plus(amount);
      holds.set(holdId, { unit, amount, state: 'held' });
      record('authorize', balance, amount, holdId);
      return holdId;
    },
    void(holdId) {
      const { balance, hold } = move(holdId, 'held', 'voided', (b, amount) => {
        b.holding = b.holding.minus(amount);
        b.available = b.available.plus(amount);
      });
      record('void', balance, hold.amount, holdId);
    },
    capture(holdId) {
      const { balance, hold } = move(holdId, 'held', 'captured', (b, amount) => {
        b.holding = b.holding.minus(amount);
        b.captured = b.captured.plus(amount);
      });
      record('capture', balance, hold.amount, holdId);
    },
    reverse(holdId) {
      const { balance, hold } = move(holdId, 'captured', 'reversed', (b, amount) => {
        b.captured = b.captured.minus(amount);
        b.available = b.available.plus(amount);
      });
      record('reverse', balance, hold.amount, holdId);
    },
    debit(unit, value) {
      const amount = nonNegative(value);
      const balance = balanceOf(unit);
      ensureCovered(balance, amount);
      balance.available = balance.available.minus(amount);
      balance.captured = balance.captured.plus(amount);
      record('debit', balance, amount, null);
    },
    set(unit, value) {
      const balance = balanceOf(unit);
      balance.available = exact(value, 'available');
      record('set', balance, balance.available, null);
    },
    list(filter = {}) {
      return [...balances.values()]
        .filter((b) => filter.unit === undefined || b.unit === filter.unit)
        .sort((a, b) => a.id - b.id)
        .map((b) => ({
          id: b.id,
          unit_type: 'CURRENCY',
          unit: b.unit,
          available: wireAmount(b.unit, b.available),
          holding: wireAmount(b.unit, b.holding),
          credit_limit: wireAmount(b.unit, b.creditLimit),
        }));
    },
    totals(unit) {
      const b = balanceOf(unit);
      return {
        available: b.available.toFixed(),
        holding: b.holding.toFixed(),
        captured: b.captured.toFixed(),
        creditLimit: b.creditLimit.toFixed(),
      };
    },
    hold(holdId) {
      const hold = holds.get(holdId);
      return hold && { unit: hold.unit, amount: hold.amount.toFixed(), state: hold.state };
    },
    entries: () => log,
  };
}

/** Puts back what a durable ledger saved; answers the number of the next hold. */
function restore(
  saved: SavedLedger,
  balances: Map<string, Balance>,
  holds: Map<string, Hold>,
  log: LedgerEntry[],
): number {
  for (const { unit, available, holding, captured } of saved.balances) {
    const balance = balances.get(unit);
    if (!balance) throw new LedgerStateError(`saved balance ${unit} is not in this catalogue's balances`);
    balance.available = exact(available, `saved ${unit} available`);
    balance.holding = exact(holding, `saved ${unit} holding`);
    balance.captured = exact(captured, `saved ${unit} captured`);
  }
  let lastHold = 0;
  for (const { id, unit, amount, state } of saved.holds) {
    holds.set(id, { unit, amount: exact(amount, `saved ${id} amount`), state });
    lastHold = Math.max(lastHold, Number(id.slice('hold-'.length)));
  }
  for (const entry of saved.entries) log.push(entry);
  return lastHold + 1;
}

function exact(value: Decimal.Value, what: string): Money {
  const amount = Decimal.isDecimal(value) ? new Money(value) : readDecimal(value);
  if (amount === undefined) throw new TypeError(`${what} must be an exact decimal, got ${String(value)}`);
  return new Money(amount);
}

function nonNegative(value: Decimal.Value): Money {
  const amount = exact(value, 'amount');
  if (amount.isNegative()) throw new RangeError(`amount must not be negative, got ${amount.toFixed()}`);
  return amount;
}
