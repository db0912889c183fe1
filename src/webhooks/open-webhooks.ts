import type { Config } from '../config.js';
import type { KeyRing } from '../secrets/data-keys.js';
import type { Store } from '../store/types.js';
import { createDeliverer } from './deliver.js';
import { endpointPolicy } from './endpoints.js';
import { retrySchedule } from './retry-schedule.js';
import { createWebhookWorker, type WebhookObserver } from './worker.js';

/**
 * The webhook worker of one gateway, from its configuration: deliveries bounded by WEBHOOK_TIMEOUT_MS, retried on the
 * (WEBHOOK_RETRY_SCALE-scaled) schedule to WEBHOOK_RETRY_HORIZON_MS. The lease is twice the timeout plus a second:
 * a live holder always writes its outcome before the lease ends, and a killed one holds its endpoints no longer.
 * Every instance runs one (a lease gives an endpoint to one of them at a time); the gateway wakes it on each change it
 * records, and it polls for the rest (changes recorded by other instances, retries coming due).
 */
export function openWebhookWorker(
  config: Pick<Config, 'webhooks'>,
  store: Pick<Store, 'webhooks' | 'listEvents'>,
  keys: KeyRing,
  observer?: WebhookObserver,
) {
  const { timeoutMs, retryHorizonMs, retryScale } = config.webhooks;
  return createWebhookWorker({
    store,
    keys,
    deliverer: createDeliverer({ policy: endpointPolicy(config), timeoutMs }),
    schedule: retrySchedule({ horizonMs: retryHorizonMs, scale: retryScale }),
    leaseMs: 2 * timeoutMs + 1_000,
    ...(observer && { observer }),
  });
}
