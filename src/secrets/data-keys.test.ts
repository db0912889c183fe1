import { describe, expect, it } from 'vitest';
import { createKeyRing, DataKeyError, dataKeyId, isSealed, keyIdOf } from './data-keys.js';

const k1 = Buffer.alloc(32, 1).toString('base64');
const k2 = Buffer.alloc(32, 2).toString('base64');

describe('data keys', () => {
  it('seals under the current key, tagged with its id, and opens in the same context', () => {
    const ring = createKeyRing({ current: k1 });
    const sealed = ring.seal('1234-5678', 'tx-1/pin.code');
    expect(isSealed(sealed)).toBe(true);
    expect(keyIdOf(sealed)).toBe(dataKeyId(Buffer.from(k1, 'base64')));
    expect(sealed).not.toContain('1234');
    expect(ring.open(sealed, 'tx-1/pin.code')).toBe('1234-5678');
    expect(ring.seal('1234-5678', 'tx-1/pin.code')).not.toBe(sealed);
  });

  it('refuses a value moved to another row or field, altered, or cut short', () => {
    const ring = createKeyRing({ current: k1 });
    const sealed = ring.seal('secret', 'tx-1/pin.code');
    expect(() => ring.open(sealed, 'tx-2/pin.code')).toThrow(DataKeyError);
    expect(() => ring.open(sealed, 'tx-1/pin.serial')).toThrow(DataKeyError);
    const flipped = sealed.slice(0, -3) + (sealed.at(-3) === 'A' ? 'B' : 'A') + sealed.slice(-2);
    expect(() => ring.open(flipped, 'tx-1/pin.code')).toThrow(/altered or moved/);
    expect(() => ring.open(`enc:v1:${keyIdOf(sealed)}:AAAA`, 'tx-1/pin.code')).toThrow(/cut short/);
  });

  it('opens what an old key sealed, and names the key it lacks', () => {
    const before = createKeyRing({ current: k1 }).seal('old pin', 'ctx');
    const rotated = createKeyRing({ current: k2, old: [k1] });
    expect(rotated.open(before, 'ctx')).toBe('old pin');
    expect(keyIdOf(rotated.seal('new pin', 'ctx'))).toBe(dataKeyId(Buffer.from(k2, 'base64')));
    expect(() => createKeyRing({ current: k2 }).open(before, 'ctx')).toThrow(
      new RegExp(`data key ${keyIdOf(before)} .* DATA_ENCRYPTION_OLD_KEYS`),
    );
  });
});
