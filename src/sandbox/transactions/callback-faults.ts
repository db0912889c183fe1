/** Test faults on callbacks; each may be changed at any time. */
export interface CallbackFaults {
  /** Share (0..1) of callbacks silently lost: never sent, never retried. */
  drop?: number;
  /** Lose the next N callbacks. */
  dropNext?: number;
  /** Send each callback this many extra times. */
  duplicate?: number;
  /** Hold each callback this long (sandbox-clock ms, not scaled) before sending it. */
  delayMs?: number;
  /** Send the newest state first, then a copy of the state before it (e.g. COMPLETED, then SUBMITTED). */
  reorder?: boolean;
  /**
   * Shares (summing to at most 1) of callbacks that each draw one fault: dropped, duplicated (`duplicate` extra
   * copies, 3 when unset), reordered, or delayed (`delayMs`); the rest are sent clean. With `mix` set, `drop`,
   * `duplicate`, `reorder` and `delayMs` no longer apply to every callback: they only parameterise the draw.
   */
  mix?: { drop?: number; duplicate?: number; reorder?: number; delay?: number };
}

type MixedFault = keyof NonNullable<CallbackFaults['mix']>;

/** What one callback suffers. */
export interface DrawnFaults {
  drop: boolean;
  duplicate: number;
  reorder: boolean;
  delayMs: number;
}

/** The faults in force, changed by control calls, drawn once per callback. */
export function createCallbackFaults(random: () => number) {
  let faults: CallbackFaults & Required<Omit<CallbackFaults, 'mix'>> = {
    drop: 0,
    dropNext: 0,
    duplicate: 0,
    delayMs: 0,
    reorder: false,
  };
  return {
    /** Merges `next` into the current faults; throws a `TypeError` naming a bad or unknown fault. */
    set(next: Record<string, unknown>): void {
      faults = { ...faults, ...validFaults(next) };
    },
    /** True (and one fewer left) while `dropNext` callbacks remain to be lost. */
    takeDropNext(): boolean {
      if (faults.dropNext <= 0) return false;
      faults.dropNext -= 1;
      return true;
    },
    /** What one callback suffers: the mix's draw when there is a mix, every fault set otherwise. */
    draw(): DrawnFaults {
      if (!faults.mix) return { ...faults, drop: faults.drop > 0 && random() < faults.drop };
      let draw = random();
      let picked: MixedFault | undefined;
      for (const [fault, share] of Object.entries(faults.mix) as [MixedFault, number][]) {
        if (draw < share) {
          picked = fault;
          break;
        }
        draw -= share;
      }
      return {
        drop: picked === 'drop',
        duplicate: picked === 'duplicate' ? faults.duplicate || 3 : 0,
        reorder: picked === 'reorder',
        delayMs: picked === 'delay' ? faults.delayMs : 0,
      };
    },
  };
}

/** Checks faults that may come from an HTTP control call. */
function validFaults(input: Record<string, unknown>): CallbackFaults {
  const out: CallbackFaults = {};
  for (const key of Object.keys(input)) {
    if (!['drop', 'dropNext', 'duplicate', 'delayMs', 'reorder', 'mix'].includes(key)) {
      throw new TypeError(`unknown callback fault ${key}`);
    }
  }
  const count = (name: 'dropNext' | 'duplicate' | 'delayMs', value: unknown) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new TypeError(`callback fault ${name} must be a non-negative integer`);
    }
    out[name] = value;
  };
  if (input.drop !== undefined) {
    if (typeof input.drop !== 'number' || !(input.drop >= 0 && input.drop <= 1)) {
      throw new TypeError('callback fault drop must be a number between 0 and 1');
    }
    out.drop = input.drop;
  }
  if (input.dropNext !== undefined) count('dropNext', input.dropNext);
  if (input.duplicate !== undefined) count('duplicate', input.duplicate);
  if (input.delayMs !== undefined) count('delayMs', input.delayMs);
  if (input.reorder !== undefined) {
    if (typeof input.reorder !== 'boolean') throw new TypeError('callback fault reorder must be a boolean');
    out.reorder = input.reorder;
  }
  if (input.mix !== undefined) out.mix = validMix(input.mix);
  return out;
}

function validMix(input: unknown): NonNullable<CallbackFaults['mix']> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('callback fault mix must be an object of shares');
  }
  const mix: Record<string, number> = {};
  for (const [fault, share] of Object.entries(input)) {
    if (!['drop', 'duplicate', 'reorder', 'delay'].includes(fault)) {
      throw new TypeError(`unknown mixed callback fault ${fault}`);
    }
    if (typeof share !== 'number' || !(share >= 0 && share <= 1)) {
      throw new TypeError(`callback fault mix.${fault} must be a number between 0 and 1`);
    }
    mix[fault] = share;
  }
  if (Object.values(mix).reduce((sum, share) => sum + share, 0) > 1 + 1e-9) {
    throw new TypeError('callback fault mix shares must sum to at most 1');
  }
  return mix;
}
