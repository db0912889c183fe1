/**
 * The fault script: tests tell the sandbox to misbehave on the next N matching requests, the way a real
 * upstream or the network between us would. Faults that only corrupt delivery (hang, drip, reset, truncate,
 * malformed JSON, extra headers) let the request be processed first, so the caller's outcome is unknown while
 * DT One's side did act; faults that replace the answer (`status`/`body`) are answered before any processing.
 */
export interface FaultRule {
  /** `METHOD /template` as calls are counted (e.g. `POST /v1/async/transactions`), or `*` for every route. */
  route: string;
  /** How many matching requests this rule hits. Default 1. */
  times?: number;
  /** Let this many matching requests through untouched first. Default 0. */
  skip?: number;
  /** Only requests whose raw body contains this text (e.g. an MSISDN suffix). */
  bodyContains?: string;
  /** Replace the answer with this status (without processing the request). */
  status?: number;
  /** Replace the answer body: a string is sent as is, an object as JSON. Implies `status` 500 when unset. */
  body?: string | object;
  /** Extra response headers, e.g. `{ 'Retry-After': '2' }`. */
  headers?: Record<string, string>;
  contentType?: string;
  /** Wait this long before sending headers; `Infinity` (or -1 over HTTP) waits until the client gives up. */
  hangMs?: number;
  /** Send the body `bytes` at a time, every `intervalMs`. */
  drip?: { bytes: number; intervalMs: number };
  /** Send headers and this many body bytes, then reset the connection (TCP RST). */
  resetAfterBytes?: number;
  /** Announce the full length, send this many body bytes, then close the connection. */
  truncateAt?: number;
  /** Answer 200 with a body that is not valid JSON. */
  malformedJson?: boolean;
}

export interface ActiveFault extends FaultRule {
  id: number;
  remaining: number;
  skipped: number;
}

export function createFaultScript() {
  let nextId = 1;
  let rules: ActiveFault[] = [];

  return {
    add(rule: FaultRule): number {
      validateRule(rule);
      const id = nextId++;
      rules.push({ ...rule, id, remaining: rule.times ?? 1, skipped: 0 });
      return id;
    },
    clear(): void {
      rules = [];
    },
    list(): readonly ActiveFault[] {
      return rules;
    },
    /** Consumes and returns the first rule that hits this request, if any. */
    take(routeKey: string, rawBody: string): ActiveFault | undefined {
      for (const rule of rules) {
        if (rule.route !== '*' && rule.route !== routeKey) continue;
        if (rule.bodyContains !== undefined && !rawBody.includes(rule.bodyContains)) continue;
        if (rule.skipped < (rule.skip ?? 0)) {
          rule.skipped++;
          continue;
        }
        rule.remaining--;
        if (rule.remaining <= 0) rules = rules.filter((r) => r !== rule);
        return rule;
      }
      return undefined;
    },
  };
}

export type FaultScript = ReturnType<typeof createFaultScript>;

function validateRule(rule: FaultRule): void {
  if (typeof rule.route !== 'string' || !(rule.route === '*' || /^(GET|POST|DELETE) \//.test(rule.route))) {
    throw new TypeError("fault rule needs route: 'METHOD /template' (e.g. 'GET /v1/products') or '*'");
  }
  for (const key of ['times', 'skip', 'status', 'resetAfterBytes', 'truncateAt'] as const) {
    const v = rule[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0))
      throw new TypeError(`fault rule ${key} must be a non-negative integer`);
  }
  if (rule.hangMs !== undefined && !(rule.hangMs >= 0))
    throw new TypeError('fault rule hangMs must be >= 0 or Infinity');
  if (rule.drip && !(rule.drip.bytes >= 1 && rule.drip.intervalMs >= 0)) {
    throw new TypeError('fault rule drip needs { bytes >= 1, intervalMs >= 0 }');
  }
}

/** True when the fault replaces the answer, so the request must not be processed. */
export function replacesAnswer(fault: FaultRule): boolean {
  return fault.status !== undefined || fault.body !== undefined;
}
