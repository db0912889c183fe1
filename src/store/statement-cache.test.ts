import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './sqlite.js';

describe('SQLite statement cache', () => {
  it('compiles each SQL text once and keeps answering with the reused statement', () => {
    const database = new BetterSqlite3(':memory:');
    const cached = withStatementCache(database);
    try {
      cached.prepare('create table t (v integer)').run();
      const insert = cached.prepare('insert into t (v) values (?)');
      expect(cached.prepare('insert into t (v) values (?)')).toBe(insert);
      for (let v = 1; v <= 3; v++) cached.prepare('insert into t (v) values (?)').run(v);
      expect(cached.prepare('select sum(v) as total from t').get()).toEqual({ total: 6 });
      expect(cached.prepare('select count(*) as n from t')).not.toBe(
        cached.prepare('select sum(v) as total from t'),
      );
    } finally {
      cached.close();
    }
  });
});
