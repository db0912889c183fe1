/** A seeded generator whose position can be kept, to carry on with the same sequence in a later run. */
export interface SeededRandom {
  (): number;
  /** Where the sequence stands: `seededRandom(seed, position)` continues exactly from here. */
  position(): number;
}

/**
 * A small seeded PRNG (mulberry32): the sandbox's invented references and fault dice repeat run after run.
 * `position` (from `.position()`) resumes a sequence instead of starting it from `seed`.
 */
export function seededRandom(seed: number, position = seed): SeededRandom {
  let state = position >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return Object.assign(next, { position: () => state });
}

/** `length` random decimal digits. */
export function randomDigits(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 10).toString();
  return out;
}
