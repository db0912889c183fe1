import type { JsonValue } from '../catalogue/types.js';
import type { SandboxClock } from '../clock.js';
import type { ApiCredentials } from '../http/auth.js';
import type { Route } from '../http/types.js';
import type { createLedger } from '../ledger.js';
import type { createTransactionEngine } from '../transactions/engine.js';
import type { FaultRule } from './faults.js';

interface Control {
  calls(routeKey?: string): number;
  callCounts(): Record<string, number>;
  callLog(): readonly unknown[];
  waterfallDepth(): number;
  resetCalls(): void;
  faults: { add(rule: FaultRule): number; clear(): void; list(): readonly unknown[] };
  rateLimit(next: { limit: number; windowMs: number } | undefined): void;
  engine: ReturnType<typeof createTransactionEngine>;
  ledger: ReturnType<typeof createLedger>;
  clock: SandboxClock;
  accounts: { add(): { id: string; credentials: { dvs: ApiCredentials; gs: ApiCredentials } } };
}

/**
 * The test control surface over HTTP, under `/__sandbox/` (a path DT One does not use). It mirrors the
 * programmatic `sandbox.control` so that tests in other processes can steer the sandbox too.
 */
export function controlRoutes(control: Control): Route[] {
  const ok = (body: unknown = { ok: true }) => ({ status: 200, body: body as JsonValue });
  const object = (body: unknown): Record<string, unknown> => {
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw new TypeError('body must be a JSON object');
    return body as Record<string, unknown>;
  };

  return [
    {
      method: 'GET',
      template: '/__sandbox/calls',
      api: 'control',
      handler: () =>
        ok({
          total: control.calls(),
          counts: control.callCounts(),
          waterfallDepth: control.waterfallDepth(),
          log: control.callLog(),
        }),
    },
    {
      method: 'DELETE',
      template: '/__sandbox/calls',
      api: 'control',
      handler: () => {
        control.resetCalls();
        return ok();
      },
    },
    {
      method: 'POST',
      template: '/__sandbox/faults',
      api: 'control',
      handler: ({ body }) => {
        const rule = object(body) as unknown as FaultRule;
        if ((rule.hangMs as number | undefined) === -1) rule.hangMs = Number.POSITIVE_INFINITY;
        return ok({ id: control.faults.add(rule) });
      },
    },
    {
      method: 'GET',
      template: '/__sandbox/faults',
      api: 'control',
      handler: () => ok(control.faults.list()),
    },
    {
      method: 'DELETE',
      template: '/__sandbox/faults',
      api: 'control',
      handler: () => {
        control.faults.clear();
        return ok();
      },
    },
    {
      method: 'POST',
      template: '/__sandbox/callback-faults',
      api: 'control',
      handler: ({ body }) => {
        control.engine.setCallbackFaults(object(body));
        return ok();
      },
    },
    {
      method: 'GET',
      template: '/__sandbox/callbacks',
      api: 'control',
      handler: () => ok(control.engine.deliveries()),
    },
    {
      method: 'POST',
      template: '/__sandbox/transactions/{transaction_id}/reverse',
      api: 'control',
      handler: ({ params }) => ok(control.engine.reverse(params.transaction_id ?? '')),
    },
    {
      method: 'GET',
      template: '/__sandbox/transactions',
      api: 'control',
      handler: () => ok(control.engine.all()),
    },
    {
      method: 'POST',
      template: '/__sandbox/clock/advance',
      api: 'control',
      handler: ({ body }) => {
        const ms = Number(object(body).ms);
        control.clock.advance(ms);
        return ok({ now: new Date(control.clock.now()).toISOString() });
      },
    },
    {
      method: 'POST',
      template: '/__sandbox/balances',
      api: 'control',
      handler: ({ body }) => {
        const { unit, available } = object(body);
        if (typeof unit !== 'string' || typeof available !== 'string') {
          throw new TypeError(
            'balances needs { unit: "USD", available: "100.00" } (available as exact decimal text)',
          );
        }
        control.ledger.set(unit, available);
        return ok(control.ledger.list());
      },
    },
    {
      // Another partner's account: its own key pairs, balances and transactions (credentials shown once, here).
      method: 'POST',
      template: '/__sandbox/accounts',
      api: 'control',
      handler: () => {
        const { id, credentials } = control.accounts.add();
        return ok({ id, credentials });
      },
    },
    {
      method: 'POST',
      template: '/__sandbox/rate-limit',
      api: 'control',
      handler: ({ body }) => {
        const next = body === null ? undefined : object(body);
        control.rateLimit(next ? { limit: Number(next.limit), windowMs: Number(next.windowMs) } : undefined);
        return ok();
      },
    },
  ];
}
