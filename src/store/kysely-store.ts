import { accountQueries } from './account-queries.js';
import { apiKeyQueries } from './api-key-queries.js';
import type { Backend } from './backend.js';
import { StoreUnavailableError } from './errors.js';
import { eventQueries } from './event-queries.js';
import { pinReadQueries } from './pin-read-queries.js';
import { pollQueries } from './poll-queries.js';
import { spendQueries } from './spend-queries.js';
import { transactionQueries } from './transaction-queries.js';
import type { Store } from './types.js';
import { unsettledQueries } from './unsettled-queries.js';
import { upstreamQueries } from './upstream-queries.js';
import { guardAll, webhookQueries } from './webhook-queries.js';

/** The one `Store` implementation; `backend` supplies what SQLite and PostgreSQL do differently. */
export function createKyselyStore(backend: Backend): Store {
  const transactions = transactionQueries(backend);
  const polls = pollQueries(backend);
  const keys = apiKeyQueries(backend);
  const pinReads = pinReadQueries(backend);
  const upstreams = upstreamQueries(backend);
  const spend = spendQueries(backend);
  const events = eventQueries(backend);

  // Callers tell "the database is gone" from every other failure by class, without knowing the driver.
  const guard =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await method(...args);
      } catch (error) {
        throw backend.isUnavailable(error) ? new StoreUnavailableError(error) : error;
      }
    };

  return {
    migrate: guard(() => backend.migrate()),
    insertIntent: guard(transactions.insertIntent),
    insertIntentWithinCap: guard(transactions.insertIntentWithinCap),
    reclaimFailedIntent: guard(transactions.reclaimFailedIntent),
    setSpendCap: guard(spend.setSpendCap),
    listSpendCaps: guard(spend.listSpendCaps),
    clearSpendCap: guard(spend.clearSpendCap),
    spentToday: guard(spend.spentToday),
    countUnsettledByAge: guard(unsettledQueries(backend).countUnsettledByAge),
    getTransaction: guard(transactions.getTransaction),
    getTransactionById: guard(transactions.getTransactionById),
    getByIdempotencyKey: guard(transactions.getByIdempotencyKey),
    listTransactions: guard(transactions.listTransactions),
    applyStatus: guard(transactions.applyStatus),
    history: guard(transactions.history),
    listEvents: guard(events.listEvents),
    claimDuePolls: guard(polls.claimDuePolls),
    recordPoll: guard(polls.recordPoll),
    createApiKey: guard(keys.createApiKey),
    findApiKeyByHash: guard(keys.findApiKeyByHash),
    listApiKeys: guard(keys.listApiKeys),
    revokeApiKey: guard(keys.revokeApiKey),
    countApiKeys: guard(keys.countApiKeys),
    listPinsToSeal: guard(upstreams.listPinsToSeal),
    replaceUpstream: guard(upstreams.replaceUpstream),
    recordPinRead: guard(pinReads.recordPinRead),
    listPinReads: guard(pinReads.listPinReads),
    webhooks: guardAll(webhookQueries(backend), guard),
    ...accountQueries(backend, guard),
    now: guard(async () => {
      const { now } = await backend.db.selectNoFrom(backend.clock().as('now')).executeTakeFirstOrThrow();
      return now;
    }),
    close: () => backend.close(),
  };
}
