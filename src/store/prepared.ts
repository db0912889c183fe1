import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { Backend } from './backend.js';
import type { Database } from './schema.js';

/** What a statement's builder may use of its backend: everything it builds must be the same on every call. */
type BuildBackend = Pick<Backend, 'dialect' | 'clock' | 'clockNow'>;

/** Stands for the named value while the statement is compiled; typed as the value so the builder type-checks. */
type Param<P> = <K extends keyof P & string>(name: K) => P[K];

/** Where each compiled parameter comes from: a named value of the call, or a constant of the builder. */
type Slot = { name: string } | { value: unknown };

interface Compiled {
  sql: string;
  slots: Slot[];
}

const MARK = '\u0000param:';

/**
 * A statement built and compiled once per dialect, then run with each call's values. kysely builds, freezes and
 * compiles every query afresh: on the callback path (about ten statements per recorded status) that was about a sixth
 * of the gateway's CPU. Only for statements whose shape never depends on the values: the builder runs once, with
 * stand-ins for them.
 */
export function prepared<P extends object, O>(
  build: (db: Kysely<Database>, param: Param<P>, backend: BuildBackend) => Compilable<O>,
) {
  const byDialect = new Map<string, Compiled>();
  const compile = (db: Kysely<Database>, backend: BuildBackend): Compiled => {
    const { sql, parameters } = build(db, (name) => `${MARK}${name}` as never, backend).compile();
    if (sql.includes(MARK)) throw new Error(`a prepared statement put a parameter into its SQL text: ${sql}`);
    const slots = parameters.map(
      (value): Slot =>
        typeof value === 'string' && value.startsWith(MARK) ? { name: value.slice(MARK.length) } : { value },
    );
    const compiled = { sql, slots };
    byDialect.set(backend.dialect, compiled);
    return compiled;
  };
  /** Runs it in `db` (the store's handle or a transaction's) and answers its rows. */
  return async (db: Kysely<Database>, backend: BuildBackend, params: P): Promise<O[]> => {
    const { sql, slots } = byDialect.get(backend.dialect) ?? compile(db, backend);
    const values = slots.map((slot) =>
      'name' in slot ? (params as Record<string, unknown>)[slot.name] : slot.value,
    );
    const result: QueryResult<O> = await db.executeQuery<O>(CompiledQuery.raw(sql, values));
    return result.rows;
  };
}
