/** DVS product `type` → the gateway's GraphQL object type (the one field-name mapping the floors need). */
export const PRODUCT_TYPENAME: Readonly<Record<string, string>> = {
  FIXED_VALUE_RECHARGE: 'FixedValueRechargeProduct',
  RANGED_VALUE_RECHARGE: 'RangedValueRechargeProduct',
  FIXED_VALUE_PIN_PURCHASE: 'FixedValuePinPurchaseProduct',
  RANGED_VALUE_PIN_PURCHASE: 'RangedValuePinPurchaseProduct',
  RANGED_VALUE_PAYMENT: 'RangedValuePaymentProduct',
};

export function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
