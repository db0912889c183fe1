import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFinal, isForward, StatusClass } from './state.js';

const classes = Object.values(StatusClass);
const PATHS = [
  ['CREATED', 'CONFIRMED', 'SUBMITTED', 'COMPLETED'],
  ['CREATED', 'CONFIRMED', 'SUBMITTED', 'COMPLETED', 'REVERSED'],
  ['CREATED', 'CONFIRMED', 'SUBMITTED', 'DECLINED'],
  ['CREATED', 'CANCELLED'],
  ['CREATED', 'REJECTED'],
];

/** Applies events in any order, keeping only forward moves, as the store does. */
function converge(events: readonly string[]): string {
  let current = 'PENDING';
  for (const e of events) if (isForward(current, e)) current = e;
  return current;
}

describe('transaction state machine', () => {
  it('allows the documented transitions and refuses the rest', () => {
    expect(isForward('CREATED', 'CONFIRMED')).toBe(true);
    expect(isForward('CONFIRMED', 'COMPLETED')).toBe(true);
    expect(isForward('COMPLETED', 'REVERSED')).toBe(true);
    expect(isForward('SUBMITTED', 'CANCELLED')).toBe(false);
    expect(isForward('COMPLETED', 'SUBMITTED')).toBe(false);
    expect(isForward('DECLINED', 'COMPLETED')).toBe(false);
    expect(isForward('REVERSED', 'COMPLETED')).toBe(false);
    expect(isForward('CREATED', 'REVERSED')).toBe(false);
    expect(isForward('COMPLETED', 'COMPLETED')).toBe(false);
  });

  it('never leaves a final class except COMPLETED → REVERSED', () => {
    for (const from of classes.filter(isFinal)) {
      for (const to of classes) {
        expect(isForward(from, to)).toBe(from === 'COMPLETED' && to === 'REVERSED');
      }
    }
  });

  it('stays on the path under any permutation or duplication, and the authoritative re-read settles it', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...PATHS)
          .chain((path) =>
            fc.tuple(
              fc.constant(path),
              fc.shuffledSubarray([...path, ...path, ...path], { minLength: path.length * 3 }),
            ),
          ),
        ([path, events]) => {
          const last = path.at(-1)!;
          // Callbacks are hints in any order; the state never leaves the path, and the re-read of DT One's
          // final status (applied last) always lands on it.
          expect(path).toContain(converge(events));
          expect(converge([...events, last])).toBe(last);
        },
      ),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 10_000) },
    );
  });
});
