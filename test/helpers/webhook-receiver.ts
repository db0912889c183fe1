import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach } from 'vitest';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The body exactly as sent. */
  text: string;
  body: { id: string; seq: number; tenant: string; statusClass: string; status: string };
}

/** What the n-th request (from 1) gets: an HTTP status, or `hang` (never answered until the receiver closes). */
export type Answer = number | 'hang';

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

/**
 * A real webhook receiver on an ephemeral port, closed after the test. It records every request, the most requests it
 * ever held at once (`maxInFlight`), and answers by `answer(n)`, which a test may change between events.
 */
export async function webhookReceiver(answer: (n: number) => Answer = () => 204) {
  const received: ReceivedWebhook[] = [];
  const hanging: ServerResponse[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const receiver = {
    answer,
    received,
    url: '',
    get maxInFlight() {
      return maxInFlight;
    },
    /** Webhook ids in the order received. */
    ids: () => received.map((r) => r.body.id),
    /** Verifies every request's Standard Webhooks signature with the library receivers use; throws on a bad one. */
    verifyAll(secret: string) {
      const wh = new Webhook(secret);
      for (const r of received) wh.verify(r.text, r.headers as Record<string, string>);
    },
    /** Answers every request held so far with `status`. */
    release(status = 200) {
      for (const res of hanging.splice(0)) {
        res.statusCode = status;
        res.end();
      }
    },
    close: (): Promise<void> => Promise.resolve(),
  };
  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => inFlight--);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, text, body: JSON.parse(text) as ReceivedWebhook['body'] });
      const verdict = receiver.answer(received.length);
      if (verdict === 'hang') {
        hanging.push(res);
        return;
      }
      // A short hold, so two senders at once would overlap here and show in maxInFlight.
      setTimeout(() => {
        res.statusCode = verdict;
        res.end();
      }, 5);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let closed: Promise<void> | undefined;
  receiver.close = () => {
    closed ??= new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
    return closed;
  };
  open.push(receiver.close);
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
