import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestGateway } from './gateway.js';
import { mobileTopUp } from './sandbox.js';
import { waitFor } from './wait.js';

/** One `TransactionEvent` as a client receives it. */
export interface FeedEvent {
  cursor: string;
  transactionId: string;
  api: string;
  status: string;
  statusClass: string;
  source: string;
  at: string;
}

export const EVENT_FIELDS = 'cursor transactionId api status statusClass source at';
const SUBSCRIBE = `subscription ($after: String) { transactionEvents(after: $after) { ${EVENT_FIELDS} } }`;
const PAGE = `query ($after: String, $first: Int) {
  transactionEvents(after: $after, first: $first) {
    edges { cursor node { ${EVENT_FIELDS} } } pageInfo { endCursor hasNextPage hasPreviousPage }
  }
}`;

/** A live `transactionEvents` subscription: what it delivered so far, and the errors it answered. */
export interface Follower {
  events: FeedEvent[];
  errors: { message: string; extensions?: Record<string, unknown> }[];
  /** Resolves with the events once `done` holds for them (deadline: `waitFor`'s). */
  until(what: string, done: (events: FeedEvent[]) => boolean): Promise<FeedEvent[]>;
  /** Goes away as a client does: the socket or the HTTP response is dropped, nothing more is read. */
  close(): Promise<void>;
}

function follower(close: () => Promise<void>): Follower {
  const events: FeedEvent[] = [];
  const errors: Follower['errors'] = [];
  return {
    events,
    errors,
    close,
    until: (what, done) =>
      waitFor(
        what,
        () => {
          if (errors.length > 0) throw new Error(`the feed answered errors: ${JSON.stringify(errors)}`);
          return events;
        },
        done,
      ),
  };
}

/** Follows the caller's feed over server-sent events (POST, `accept: text/event-stream`). */
export function followSse(url: string, key: string, after?: string): Follower {
  const abort = new AbortController();
  let reading: Promise<void> = Promise.resolve();
  const feed = follower(async () => {
    abort.abort();
    await reading;
  });
  reading = (async () => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${key}`,
      },
      body: JSON.stringify({ query: SUBSCRIBE, variables: { after } }),
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('data: ')) continue;
        const payload = JSON.parse(line.slice(6)) as {
          data?: { transactionEvents: FeedEvent } | null;
          errors?: Follower['errors'];
        };
        if (payload.errors) feed.errors.push(...payload.errors);
        if (payload.data) feed.events.push(payload.data.transactionEvents);
      }
    }
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) feed.errors.push({ message: String(error) });
  });
  return feed;
}

/** Follows the caller's feed over graphql-ws, on a socket of its own. */
export function followWs(url: string, key: string, after?: string): Follower {
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${key}` },
  });
  const feed = follower(async () => {
    await client.dispose();
  });
  client.subscribe<{ transactionEvents: FeedEvent }>(
    { query: SUBSCRIBE, variables: { after } },
    {
      next: (result) => {
        if (result.errors) feed.errors.push(...result.errors);
        if (result.data) feed.events.push(result.data.transactionEvents);
      },
      error: (error) => {
        feed.errors.push(...(Array.isArray(error) ? error : [{ message: String(error) }]));
      },
      complete: () => {},
    },
  );
  return feed;
}

/** The caller's whole feed, read page by page through the `transactionEvents` query. */
export async function readFeed(url: string, key: string, first = 100): Promise<FeedEvent[]> {
  const events: FeedEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: PAGE, variables: { after, first } }),
    });
    const body = (await res.json()) as {
      data?: {
        transactionEvents: {
          edges: { cursor: string; node: FeedEvent }[];
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
        };
      };
      errors?: unknown[];
    };
    if (!body.data) throw new Error(`transactionEvents failed: ${JSON.stringify(body.errors)}`);
    const { edges, pageInfo } = body.data.transactionEvents;
    events.push(...edges.map((edge) => edge.node));
    if (!pageInfo.hasNextPage) return events;
    after = pageInfo.endCursor!;
  }
}

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) { ... on CreateTransactionSuccess { transaction { id } } }
  }
`;

/** Creates a mobile top-up (as `key`, by default the gateway's own) and answers its id: the writes feeds watch. */
export async function createTopUp(
  t: TestGateway,
  { key = t.apiKey, autoConfirm = false }: { key?: string; autoConfirm?: boolean } = {},
): Promise<string> {
  const res = await t.gql<{ createTransaction: { transaction: { id: string } } }>(
    CREATE,
    {
      input: {
        idempotencyKey: randomUUID(),
        productId: mobileTopUp(t.sandbox).id,
        creditParty: { mobileNumber: '+6591234100' },
        autoConfirm,
      },
    },
    { authorization: `Bearer ${key}` },
  );
  const id = res.data?.createTransaction.transaction.id;
  if (!id) throw new Error(`create failed: ${res.text}`);
  return id;
}
