import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { parseJson, parseJsonLossless } from './json.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 10000);

/** What parseJson must give for a value JSON.stringify wrote: safe integers as numbers, other numbers as text. */
function expectedFromStringified(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value + 0 : JSON.stringify(value);
  if (Array.isArray(value)) return value.map(expectedFromStringified);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, expectedFromStringified(item)]),
    );
  }
  return value;
}

describe('parseJson', () => {
  it('keeps non-integer amounts as their exact text and safe integers as numbers', () => {
    expect(parseJson('{"amount":20.89}')).toEqual({ amount: '20.89' });
    expect(parseJson('{"id":7}')).toEqual({ id: 7 });
    expect(parseJson('{"x":12345678901234567890}')).toEqual({ x: '12345678901234567890' });
    expect(parseJson('[0.30, -4, 1e2, 9007199254740991, 9007199254740992]')).toEqual([
      '0.30',
      -4,
      '1e2',
      9007199254740991,
      '9007199254740992',
    ]);
  });

  it('reads -0 as the number 0', () => {
    expect(Object.is(parseJson('-0'), 0)).toBe(true);
  });

  it('leaves strings, booleans and null alone', () => {
    expect(parseJson('{"a":"20.89","b":true,"c":null,"d":"\\u00e9"}')).toEqual({
      a: '20.89',
      b: true,
      c: null,
      d: 'é',
    });
  });

  it('hands Decimal.fromWire the exact value of an upstream amount', () => {
    const body = parseJson('{"prices":{"retail":{"amount":0.30,"unit":"USD"},"wholesale":{"amount":1e-7}}}');
    expect(body).toMatchObject({ prices: { retail: { amount: '0.30' }, wholesale: { amount: '1e-7' } } });
    expect(Decimal.fromWire('1e-7')).toBe('0.0000001');
  });

  it.each(['{"a":1', 'garbage', '', '{"a":01}', '[1,]', '{"a":NaN}', '{"a":1}x', "{'a':1}", '{"a":1.}'])(
    'throws SyntaxError on the malformed text %j',
    (text) => {
      expect(() => parseJson(text)).toThrow(SyntaxError);
    },
  );

  it('throws SyntaxError on a key repeated with a different value, and accepts an identical repeat', () => {
    expect(() => parseJson('{"amount":1,"amount":1000}')).toThrow(SyntaxError);
    expect(parseJson('{"amount":1,"amount":1}')).toEqual({ amount: 1 });
  });

  it('stores a __proto__ key as an own property without touching any prototype', () => {
    const parsed = parseJson(
      '{"__proto__":{"polluted":true},"nested":{"__proto__":{"polluted":true}}}',
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(parsed.nested)).toBe(Object.prototype);
    expect('polluted' in {}).toBe(false);
    expect('polluted' in parsed).toBe(false);
  });

  it('does not pollute through constructor.prototype keys', () => {
    parseJson('{"constructor":{"prototype":{"polluted":true}}}');
    expect('polluted' in {}).toBe(false);
  });

  it('round-trips anything JSON.stringify writes, with numbers as the lossless parser promises', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(parseJson(text)).toStrictEqual(expectedFromStringified(JSON.parse(text)));
      }),
      { numRuns },
    );
  });

  /** The same answer as the lossless reference, or the same kind of refusal. */
  const agreesWithReference = (text: string) => {
    let expected: unknown;
    let refused = false;
    try {
      expected = parseJsonLossless(text);
    } catch (error) {
      expect(error).toBeInstanceOf(SyntaxError);
      refused = true;
    }
    if (refused) expect(() => parseJson(text)).toThrow(SyntaxError);
    else expect(parseJson(text)).toStrictEqual(expected);
  };

  it.each([
    '{1.5:2}',
    '{12345678901234567890:1}',
    '["abc 1.5]',
    '["a\\"1.5]',
    '[01.5]',
    '[-01.5]',
    '[1.5.5]',
    '{"a":1,"b":{"a":2,"a":2}}',
    '{"a":1,"b":{"a":2,"a":3}}',
    '{"k" : 1.50 , "k":1.50}',
    '[1.5"a"]',
    '{"a"\u00a0:1}',
    '[-0, -0.0, 0e0, 1E+2]',
  ])('decides %j exactly as the lossless reference', (text) => {
    agreesWithReference(text);
  });

  it('agrees with the lossless reference on valid JSON with repeated keys and odd spacing', () => {
    const spaced = fc
      .tuple(fc.jsonValue(), fc.constantFrom(' ', '\n', '\t', '\r\n', ''))
      .map(([value, space]) => JSON.stringify(value, null, space.length > 0 ? space : undefined));
    const repeated = fc
      .tuple(fc.string(), fc.jsonValue(), fc.jsonValue())
      .map(
        ([key, a, b]) =>
          `{${JSON.stringify(key)}:${JSON.stringify(a)},${JSON.stringify(key)}:${JSON.stringify(b)}}`,
      );
    fc.assert(fc.property(fc.oneof(spaced, repeated), agreesWithReference), { numRuns });
  });

  it('agrees with the lossless reference on mangled JSON (characters inserted, deleted or swapped)', () => {
    const mangled = fc
      .tuple(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.nat(),
        fc.constantFrom('"', ':', ',', '.', '-', '1', 'e', '\\', '{', '}', '[', ']', ' ', ''),
        fc.nat(3),
      )
      .map(([text, at, char, cut]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, i) + char + text.slice(i + cut);
      });
    fc.assert(fc.property(mangled, agreesWithReference), { numRuns });
  });
});
