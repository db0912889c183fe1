/** What a transaction will spend against its tenant's daily cap, in the currency DT One debits. */
export interface Spend {
  unit: string;
  /** The amount in millionths of a unit, rounded up. */
  micros: bigint;
}

/** A tenant's daily cap in one currency. */
export interface SpendCapRecord {
  tenantId: string;
  unit: string;
  /** Decimal text, as it was set. */
  daily: string;
  updatedAt: string;
}

/** Why an intent was not recorded: it would take the tenant's spend today past its cap (amounts in millionths). */
export interface SpendRefusal {
  unit: string;
  capMicros: bigint;
  spentMicros: bigint;
  requestedMicros: bigint;
}
