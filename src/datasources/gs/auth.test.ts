import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNonceSource, gsAuthHeaders, signGs } from './auth.js';

describe('signGs', () => {
  it('matches a vector computed with openssl', () => {
    // echo -n "demo-key-11700000000000" | openssl dgst -sha256 -hmac "demo-secret" -binary | base64
    expect(signGs('demo-key-1', 'demo-secret', '1700000000000')).toBe(
      's0k3D+UsM3j5RmmN+nO4q5N7iIMI5A9DQ6avMfjfwsA=',
    );
  });

  it('is Base64(HMAC-SHA256(key = secret, message = apiKey + nonce)) for any input', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ minLength: 1 }),
        fc.stringMatching(/^\d{1,20}$/),
        (key, secret, nonce) => {
          const expected = createHmac('sha256', secret)
            .update(key + nonce)
            .digest('base64');
          expect(signGs(key, secret, nonce)).toBe(expected);
        },
      ),
    );
  });
});

describe('createNonceSource', () => {
  it('uses epoch milliseconds and bumps by one within a millisecond', () => {
    const next = createNonceSource(() => 1_700_000_000_000);
    expect([next(), next(), next()]).toEqual(['1700000000000', '1700000000001', '1700000000002']);
  });

  it('never repeats or goes back, even when the clock does', () => {
    const clock = [5000, 5000, 4000, 6000, 6000, 1];
    const next = createNonceSource(() => clock.shift() ?? 0);
    const nonces = Array.from({ length: 6 }, () => Number(next()));
    expect(nonces).toEqual([5000, 5001, 5002, 6000, 6001, 6002]);
  });
});

describe('gsAuthHeaders', () => {
  it('signs each call with a fresh nonce', () => {
    let t = 1_700_000_000_000;
    const headers = gsAuthHeaders(
      'k',
      's',
      createNonceSource(() => t++),
    );
    const first = headers();
    const second = headers();
    expect(first['x-transferto-apikey']).toBe('k');
    expect(first['x-transferto-nonce']).not.toBe(second['x-transferto-nonce']);
    expect(first['x-transferto-hmac']).toBe(
      createHmac('sha256', 's').update(`k${first['x-transferto-nonce']}`).digest('base64'),
    );
  });
});
