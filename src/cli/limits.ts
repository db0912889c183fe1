import { isCurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import { TENANT_ID_PATTERN } from '../store/api-key-material.js';
import type { Store } from '../store/types.js';
import { fromMicros, toMicros } from '../transactions/spend.js';
import { columns } from './table.js';
import { type CliIo, UsageError } from './usage-error.js';

function checkTenant(tenant: string): string {
  if (!TENANT_ID_PATTERN.test(tenant)) {
    throw new UsageError(
      `Invalid tenant ${JSON.stringify(tenant)}: use 1-40 lowercase letters, digits or hyphens (e.g. acme-shop)`,
    );
  }
  return tenant;
}

function checkCurrency(currency: string): string {
  const code = currency.trim().toUpperCase();
  if (!isCurrencyCode(code)) {
    throw new UsageError(
      `Invalid currency ${JSON.stringify(currency)}: use an ISO 4217 code, e.g. USD or EUR`,
    );
  }
  return code;
}

/** A positive decimal amount, exactly as written (no float on the way). */
function checkAmount(text: string): Decimal {
  const trimmed = text.trim();
  if (!/^\d{1,15}(\.\d{1,6})?$/.test(trimmed) || Decimal.isZero(Decimal.parse(trimmed))) {
    throw new UsageError(
      `Invalid --daily ${JSON.stringify(text)}: a positive amount with at most 6 decimals, e.g. 250.00`,
    );
  }
  return Decimal.parse(trimmed);
}

/** `limits set-spend-cap`: the tenant's daily cap in one currency, checked before every create from then on. */
export async function setSpendCap(
  values: { tenant: string; currency: string; daily: string },
  store: Store,
  io: CliIo,
): Promise<number> {
  const tenantId = checkTenant(values.tenant);
  const unit = checkCurrency(values.currency);
  const daily = checkAmount(values.daily);
  const record = await store.setSpendCap({ tenantId, unit, daily, dailyMicros: toMicros(daily) });
  const spent = fromMicros(await store.spentToday(tenantId, unit), unit);
  io.err(
    `Tenant ${record.tenantId} may spend up to ${record.daily} ${record.unit} a day (UTC); spent today: ${spent.amount} ${unit}.`,
  );
  return 0;
}

/** `limits list`: every cap (or a tenant's), with what was spent against it today. */
export async function listSpendCaps(values: { tenant?: string }, store: Store, io: CliIo): Promise<number> {
  const caps = await store.listSpendCaps(
    values.tenant === undefined ? undefined : checkTenant(values.tenant),
  );
  if (caps.length === 0) {
    io.err(values.tenant === undefined ? 'No spend caps set.' : `No spend caps for tenant ${values.tenant}.`);
    return 0;
  }
  const rows = await Promise.all(
    caps.map(async (cap) => [
      cap.tenantId,
      cap.unit,
      cap.daily,
      fromMicros(await store.spentToday(cap.tenantId, cap.unit), cap.unit).amount,
      cap.updatedAt,
    ]),
  );
  for (const line of columns(['TENANT', 'CURRENCY', 'DAILY CAP', 'SPENT TODAY', 'SET'], rows)) io.out(line);
  return 0;
}

/** `limits clear-spend-cap`: the tenant's spend in that currency is no longer capped. */
export async function clearSpendCap(
  values: { tenant: string; currency: string },
  store: Store,
  io: CliIo,
): Promise<number> {
  const tenantId = checkTenant(values.tenant);
  const unit = checkCurrency(values.currency);
  if (await store.clearSpendCap(tenantId, unit)) {
    io.err(`Tenant ${tenantId}'s spend in ${unit} is no longer capped.`);
    return 0;
  }
  io.err(`Tenant ${tenantId} has no spend cap in ${unit}.`);
  return 1;
}
