/**
 * The orchestrator's side of scenario (g)'s webhook receiver (bench/entries/webhook-receiver.ts), and what is
 * checked on what it received: each event once by webhook-id, in the endpoint's order, every signature valid.
 */
import { Webhook } from 'standardwebhooks';
import { controlCall } from './subscriber-control.js';

/** One delivery from the gateway, as received. */
export interface HookArrival {
  at: number;
  id: string;
  timestamp: string;
  signature: string;
  text: string;
}

/** One bare POST of the floor: its item index. */
export interface FloorArrival {
  at: number;
  i: number;
}

export interface Arrivals {
  hooks: HookArrival[];
  floors: FloorArrival[];
}

/** The thin body the gateway sends (src/webhooks/deliver.ts `webhookBody`), the fields the bench reads. */
export interface HookBody {
  id: string;
  seq: number;
  transactionId: string;
  statusClass: string;
}

export function webhookReceiverControl(baseUrl: string) {
  // Every wait is bounded by the receiver's own deadline; this timeout only catches a receiver that died.
  const call = controlCall(baseUrl, 'receiver', 120_000);
  return {
    baseUrl,
    hookUrl: `${baseUrl}/hook`,
    /** Waits until `hooks` deliveries and `floors` bare POSTs arrived since the last drain, or `timeoutMs` passed. */
    awaitArrivals: (want: { hooks?: number; floors?: number }, timeoutMs: number) =>
      call<{ hooks: number; floors: number }>('/__control/await', {
        hooks: want.hooks ?? 0,
        floors: want.floors ?? 0,
        timeoutMs,
      }),
    /** Everything since the last drain, and forgets it. */
    drain: () => call<Arrivals>('/__control/drain', {}),
  };
}

/** Deliveries whose Standard Webhooks signature does not verify with `secret` (the library receivers use). */
export function badSignatures(secret: string, hooks: readonly HookArrival[]): number {
  const wh = new Webhook(secret);
  let bad = 0;
  for (const h of hooks) {
    try {
      wh.verify(h.text, {
        'webhook-id': h.id,
        'webhook-timestamp': h.timestamp,
        'webhook-signature': h.signature,
      });
    } catch {
      bad++;
    }
  }
  return bad;
}

/**
 * Counts over every delivery of the run, in arrival order: ids received more than once, and deliveries whose event
 * number is not the one after the previous delivery's (one endpoint gets its tenant's events in order, without gaps).
 * A body whose `id` differs from its webhook-id header counts as out of order too.
 */
export function deliveryOrder(hooks: readonly HookArrival[]): {
  bodies: HookBody[];
  duplicates: number;
  outOfOrder: number;
} {
  const bodies = hooks.map((h) => JSON.parse(h.text) as HookBody);
  const duplicates = hooks.length - new Set(hooks.map((h) => h.id)).size;
  let outOfOrder = 0;
  for (const [i, b] of bodies.entries()) {
    if (b.id !== hooks[i]!.id) outOfOrder++;
    else if (i > 0 && b.seq !== bodies[i - 1]!.seq + 1) outOfOrder++;
  }
  return { bodies, duplicates, outOfOrder };
}
