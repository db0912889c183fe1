import { stringify } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { airtime, engineUnderTest, failure } from '../../../test/fixtures/sandbox-engine.js';
import { callbackReceiver as receiver } from '../../../test/helpers/callback-receiver.js';
import { createSpecValidator } from '../../../test/helpers/spec-validator.js';
import { waitFor } from '../../../test/helpers/wait.js';
import type { JsonObject } from '../catalogue/types.js';
import { seededRandom } from './random.js';

/** Engine with DT One's delays and retry waits scaled down 1000×, driven by the sandbox clock. */
function fastEngine(options: Parameters<typeof engineUnderTest>[0] = {}) {
  return engineUnderTest({ timeScale: 0.001, ...options });
}

const idOf = (tx: JsonObject) => tx.id as number;

describe('transaction callbacks', () => {
  it('posts the transaction exactly as GET shows it, as JSON, once it is COMPLETED', async () => {
    const { url, received } = await receiver();
    const { engine, clock } = fastEngine();
    const tx = await engine.create(
      airtime('cb-1', '+6595123100', { auto_confirm: true, callback_url: url }),
      'async',
    );
    clock.advance(3_000);
    await engine.callbacksIdle();
    expect(received).toHaveLength(1);
    const [callback] = received;
    expect(callback?.method).toBe('POST');
    expect(callback?.headers['content-type']).toBe('application/json');
    expect(callback?.headers.authorization).toBeUndefined();
    expect(callback?.text).toBe(stringify(engine.get(idOf(tx))));
    expect(createSpecValidator().validateSchema('transaction', JSON.parse(callback?.text ?? ''))).toEqual([]);
    expect(engine.deliveries()).toEqual([
      { transactionId: idOf(tx), status: 'COMPLETED', attempt: 1, httpStatus: 204, at: expect.any(Number) },
    ]);
  });

  it('calls back on every final status: DECLINED, CANCELLED, REJECTED and a later REVERSED', async () => {
    const { url, received } = await receiver();
    const { engine, clock } = fastEngine();
    const body = (id: string, mobile: string, extra: JsonObject = {}) =>
      airtime(id, mobile, { callback_url: url, ...extra });
    await engine.create(body('f-1', '+6595123105', { auto_confirm: true }), 'async');
    const completed = await engine.create(body('f-2', '+6595123100', { auto_confirm: true }), 'async');
    engine.cancel(idOf(await engine.create(body('f-3', '+6595123100'), 'async')));
    engine.reject(idOf(await engine.create(body('f-4', '+6595123100'), 'async')));
    clock.advance(3_000);
    engine.reverse(idOf(completed));
    await engine.callbacksIdle();
    expect(received.map((r) => r.status).sort()).toEqual([
      'CANCELLED',
      'COMPLETED',
      'DECLINED-DUPLICATED-TRANSACTION',
      'REJECTED',
      'REVERSED',
    ]);
  });

  it('does not call back without a callback_url, nor for a sync create that sent one', async () => {
    const { url, received } = await receiver();
    const { engine, clock } = fastEngine();
    await engine.create(airtime('n-1', '+6595123100', { auto_confirm: true }), 'async');
    const pending = engine.create(
      airtime('n-2', '+6595123100', { auto_confirm: true, callback_url: url }),
      'sync',
    );
    clock.advance(3_000);
    await pending;
    await engine.callbacksIdle();
    expect(received).toEqual([]);
    expect(engine.deliveries()).toEqual([]);
  });

  it('sends the configured callback credentials as HTTP Basic', async () => {
    const { url, received } = await receiver();
    const { engine, clock } = fastEngine({
      callbackCredentials: { username: 'partner', password: 's3cret:x' },
    });
    await engine.create(airtime('auth-1', '+6595123100', { auto_confirm: true, callback_url: url }), 'async');
    clock.advance(3_000);
    await engine.callbacksIdle();
    expect(received[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('partner:s3cret:x').toString('base64')}`,
    );
  });

  it('retries after a 500 until the receiver answers 2xx', async () => {
    const { url, received } = await receiver((n) => (n === 1 ? 500 : 200));
    const { engine, clock } = fastEngine();
    const tx = await engine.create(
      airtime('r-1', '+6595123100', { auto_confirm: true, callback_url: url }),
      'async',
    );
    clock.advance(3_000);
    await engine.callbacksIdle();
    expect(received.map((r) => r.status)).toEqual(['COMPLETED', 'COMPLETED']);
    expect(engine.deliveries().map(({ attempt, httpStatus }) => ({ attempt, httpStatus }))).toEqual([
      { attempt: 1, httpStatus: 500 },
      { attempt: 2, httpStatus: 200 },
    ]);
    expect(engine.deliveries().every((d) => d.transactionId === idOf(tx))).toBe(true);
  });

  it('gives up after five attempts when the receiver keeps failing', async () => {
    const { url, received } = await receiver(() => 503);
    const { engine, clock } = fastEngine();
    await engine.create(airtime('r-2', '+6595123100', { auto_confirm: true, callback_url: url }), 'async');
    clock.advance(3_000);
    await engine.callbacksIdle();
    expect(received).toHaveLength(5);
    expect(engine.deliveries().map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5]);
  });

  it('retries when the receiver cannot be reached and logs the network error', async () => {
    const { url, close } = await receiver();
    await close();
    const { engine, clock } = fastEngine();
    await engine.create(airtime('r-3', '+6595123100', { auto_confirm: true, callback_url: url }), 'async');
    clock.advance(3_000);
    await engine.callbacksIdle();
    expect(engine.deliveries()).toHaveLength(5);
    for (const delivery of engine.deliveries()) {
      expect(delivery.httpStatus).toBeUndefined();
      expect(delivery.error).toMatch(/ECONNREFUSED|connect/i);
    }
  });

  it('sends extra copies of each callback when asked to duplicate', async () => {
    const { url, received } = await receiver();
    const { engine, clock } = fastEngine();
    engine.setCallbackFaults({ duplicate: 3 });
    await engine.create(airtime('d-1', '+6595123100', { auto_confirm: true, callback_url: url }), 'async');
    clock.advance(3_000);
    await engine.callbacksIdle();
    expect(received).toHaveLength(4);
    expect(new Set(received.map((r) => r.text)).size).toBe(1);
  });

  it('loses every callback with drop 1 and only the next ones with dropNext', async () => {
    const { url, received } = await receiver();
    const { engine, clock } = fastEngine();
    engine.setCallbackFaults({ drop: 1 });
    await engine.create(airtime('x-1', '+6595123100', { auto_confirm: true, callback_url: url }), 'async');
    clock.advance(3_000);
    await engine.callbacksIdle();
    expect(received).toEqual([]);
    expect(engine.deliveries()).toMatchObject([{ status: 'COMPLETED', attempt: 1, error: 'dropped' }]);

    engine.setCallbackFaults({ drop: 0, dropNext: 1 });
    await engine.create(airtime('x-2', '+6595123100', { auto_confirm: true, callback_url: url }), 'async');
    await engine.create(airtime('x-3', '+6595123102', { auto_confirm: true, callback_url: url }), 'async');
    clock.advance(3_000);
    await engine.callbacksIdle();
    expect(received.map((r) => r.status)).toEqual(['DECLINED-INVALID-CREDIT-PARTY']);
  });

  it('drops the same callbacks for the same seed when dropping a share of them', async () => {
    const run = async () => {
      const { url, received } = await receiver();
      const { engine, clock } = fastEngine({ random: seededRandom(11) });
      engine.setCallbackFaults({ drop: 0.5 });
      for (let i = 0; i < 12; i++) {
        await engine.create(
          airtime(`s-${i}`, '+6595123100', { auto_confirm: true, callback_url: url }),
          'async',
        );
      }
      clock.advance(3_000);
      await engine.callbacksIdle();
      return received.map((r) => (JSON.parse(r.text) as { external_id: string }).external_id).sort();
    };
    const first = await run();
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(12);
    expect(await run()).toEqual(first);
  });

  it('sends the newest state first, then an older copy, when asked to reorder', async () => {
    const { url, received } = await receiver();
    const { engine, clock } = fastEngine();
    engine.setCallbackFaults({ reorder: true });
    await engine.create(airtime('o-1', '+6595123100', { auto_confirm: true, callback_url: url }), 'async');
    clock.advance(3_000);
    await engine.callbacksIdle();
    expect(received.map((r) => r.status)).toEqual(['COMPLETED', 'SUBMITTED']);
  });

  it('holds callbacks for delayMs of sandbox time', async () => {
    const { url, received } = await receiver();
    const { engine, clock } = fastEngine();
    engine.setCallbackFaults({ delayMs: 60_000 });
    await engine.create(airtime('l-1', '+6595123100', { auto_confirm: true, callback_url: url }), 'async');
    clock.advance(3_000);
    expect(engine.deliveries()).toEqual([]);
    clock.advance(60_000);
    await engine.callbacksIdle();
    expect(received.map((r) => r.status)).toEqual(['COMPLETED']);
  });

  it('gives each callback one fault of the mix, by its shares, and sends the rest clean', async () => {
    const { url } = await receiver();
    const { engine, clock } = fastEngine({ random: seededRandom(7) });
    engine.setCallbackFaults({
      mix: { drop: 0.3, duplicate: 0.3, reorder: 0.2, delay: 0.1 },
      delayMs: 60_000,
    });
    const count = 200;
    for (let i = 0; i < count; i++) {
      await engine.create(
        airtime(`m-${i}`, '+6595123100', { auto_confirm: true, callback_url: url }),
        'async',
      );
    }
    const start = clock.now();
    clock.advance(3_000);
    // Every transaction final means every callback is sent, dropped or held; then the held ones fall due.
    await waitFor(
      'every transaction final',
      () => engine.all().map((tx) => (tx.status as { class: { message: string } }).class.message),
      (classes) => classes.every((c) => c === 'COMPLETED'),
    );
    clock.advance(60_000);
    await engine.callbacksIdle();
    const perTx = new Map<number, { status: string; late: boolean; dropped: boolean }[]>();
    for (const d of engine.deliveries()) {
      const sent = { status: d.status, late: d.at >= start + 60_000, dropped: d.error === 'dropped' };
      perTx.set(d.transactionId, [...(perTx.get(d.transactionId) ?? []), sent]);
    }
    const kinds = { dropped: 0, duplicated: 0, reordered: 0, delayed: 0, clean: 0 };
    for (const sent of perTx.values()) {
      const statuses = sent.map((d) => d.status).join();
      if (sent.some((d) => d.dropped)) kinds.dropped++;
      else if (statuses === 'COMPLETED,COMPLETED,COMPLETED,COMPLETED') kinds.duplicated++;
      else if (statuses === 'COMPLETED,SUBMITTED') kinds.reordered++;
      else if (statuses === 'COMPLETED' && sent[0]!.late) kinds.delayed++;
      else if (statuses === 'COMPLETED') kinds.clean++;
    }
    expect(Object.values(kinds).reduce((a, b) => a + b)).toBe(count);
    expect(kinds.dropped).toBeGreaterThan(count * 0.2);
    expect(kinds.duplicated).toBeGreaterThan(count * 0.2);
    expect(kinds.reordered).toBeGreaterThan(count * 0.1);
    expect(kinds.delayed).toBeGreaterThan(count * 0.03);
    expect(kinds.clean).toBeGreaterThan(count * 0.03);
  });

  it('pushes the current state again on resend', async () => {
    const { url, received } = await receiver();
    const { engine, clock } = fastEngine();
    const tx = await engine.create(airtime('re-1', '+6595123100', { callback_url: url }), 'async');
    engine.resend(idOf(tx));
    await engine.callbacksIdle();
    await engine.confirm(idOf(tx), 'async');
    clock.advance(3_000);
    await engine.callbacksIdle();
    engine.resend(idOf(tx));
    await engine.callbacksIdle();
    expect(received.map((r) => r.status)).toEqual(['CREATED', 'COMPLETED', 'COMPLETED']);
    const withoutUrl = await engine.create(airtime('re-2'), 'async');
    expect((await failure(() => engine.resend(idOf(withoutUrl)))).code).toBe(1000400);
  });

  it.each([
    [{ drop: 2 }],
    [{ duplicate: -1 }],
    [{ dropNext: 1.5 }],
    [{ reorder: 'yes' }],
    [{ delay: 10 }],
    [{ mix: { drop: 0.6, duplicate: 0.6 } }],
    [{ mix: { lose: 0.1 } }],
    [{ mix: [0.1] }],
  ])('refuses the invalid callback fault %o', (faults) => {
    const { engine } = fastEngine();
    expect(() => engine.setCallbackFaults(faults)).toThrow(TypeError);
  });
});
