/** Why DT One refused a confirm, from its error code or the transaction's status class as DT One holds it. */
export function confirmReason(code: number | undefined, statusClass: string) {
  if (code === 1007002) return 'ALREADY_CONFIRMED' as const;
  if (code === 1007005 || statusClass === 'CANCELLED') return 'ALREADY_CANCELLED' as const;
  if (code === 1007004) return 'EXPIRED' as const;
  return 'NOT_CONFIRMABLE' as const;
}
