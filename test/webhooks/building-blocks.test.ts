import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { retrySchedule } from '../../src/webhooks/retry-schedule.js';
import {
  newEndpointSecret,
  previousSecretExpiry,
  SECRET_OVERLAP_MS,
  signedHeaders,
  signingSecrets,
} from '../../src/webhooks/signing.js';
import { checkEndpointUrl, guardedLookup, isPublicAddress } from '../../src/webhooks/url-guard.js';

const STRICT = { allowPrivate: false, allowHttp: false };

describe('endpoint URLs (no SSRF)', () => {
  it('refuses http, credentials, and loopback, link-local and private literal addresses', () => {
    expect(checkEndpointUrl('https://hooks.example.com/dtone', STRICT).hostname).toBe('hooks.example.com');
    for (const bad of [
      'http://hooks.example.com/',
      'https://user:pw@hooks.example.com/',
      'https://localhost/',
      'https://127.0.0.1/',
      'https://169.254.169.254/latest/meta-data',
      'https://10.1.2.3/',
      'https://192.168.0.10/',
      'https://[::1]/',
      'https://[fd00::1]/',
      'https://[::ffff:127.0.0.1]/',
      'not a url',
    ])
      expect(() => checkEndpointUrl(bad, STRICT), bad).toThrow();
    expect(checkEndpointUrl('http://127.0.0.1:9/', { allowPrivate: true, allowHttp: true }).port).toBe('9');
    expect(isPublicAddress('8.8.8.8')).toBe(true);
    expect(isPublicAddress('2001:4860:4860::8888')).toBe(true);
  });

  it('refuses to connect when the name resolves to a blocked address, whatever the URL said when saved', async () => {
    const server = createServer((_req, res) => res.end('reached'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const strict = new Agent({ connect: { lookup: guardedLookup(STRICT) } });
      await expect(request(`http://localhost:${port}/`, { dispatcher: strict })).rejects.toThrow(/blocked/);
      const open = new Agent({ connect: { lookup: guardedLookup({ allowPrivate: true, allowHttp: true }) } });
      const res = await request(`http://localhost:${port}/`, { dispatcher: open });
      expect(await res.body.text()).toBe('reached');
      await Promise.all([strict.close(), open.close()]);
    } finally {
      server.close();
    }
  });
});

describe('signatures', () => {
  it('signs with Standard Webhooks headers that the standardwebhooks library verifies', () => {
    const secret = newEndpointSecret();
    const body = JSON.stringify({ type: 'transaction.status_changed', seq: '1' });
    const headers = signedHeaders([secret], 'evt_1', body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newEndpointSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });

  it('signs with the previous secret too for 24 hours after a rotation, so a receiver with either accepts', () => {
    const [current, previous] = [newEndpointSecret(), newEndpointSecret()];
    const rotatedAt = '2026-01-01T00:00:00.000Z';
    const at = Date.parse(rotatedAt);
    expect(signingSecrets(current, undefined, at)).toEqual([current]);
    const during = signingSecrets(current, { secret: previous, rotatedAt }, at + SECRET_OVERLAP_MS - 1);
    expect(during).toEqual([current, previous]);
    expect(previousSecretExpiry(rotatedAt, at)).toBe('2026-01-02T00:00:00.000Z');
    const body = '{"seq":1}';
    const headers = signedHeaders(during, 'evt_1', body);
    expect(headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    for (const secret of [current, previous])
      expect(new Webhook(secret).verify(body, headers)).toEqual({ seq: 1 });
    expect(() => new Webhook(newEndpointSecret()).verify(body, headers)).toThrow();
    expect(signingSecrets(current, { secret: previous, rotatedAt }, at + SECRET_OVERLAP_MS)).toEqual([
      current,
    ]);
    expect(previousSecretExpiry(rotatedAt, at + SECRET_OVERLAP_MS)).toBeUndefined();
  });
});

describe('retry schedule', () => {
  it('backs off 5 s, 5 min, 30 min, 2 h, 5 h, 10 h (±20 %) and stops at the horizon', () => {
    const schedule = retrySchedule({ random: () => 0.5 });
    const t0 = 0;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => schedule.next(n, t0, t0))).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(schedule.next(8, t0, 3 * 24 * 3_600_000 - 1_000)).toBeUndefined();
    const jittered = retrySchedule({ random: () => 0 }).next(1, 0, 0)!;
    expect(jittered).toBe(4_000);
    expect(retrySchedule({ scale: 0.001, random: () => 0.5 }).next(2, 0, 0)).toBe(300);
  });
});
