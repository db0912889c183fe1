import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';

/** Every migration, by name in the order it runs; static so bundling or a read-only file system cannot lose one. */
export function migrationProvider(dialect: 'sqlite' | 'postgres'): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-initial': initial(dialect),
  };
  return { getMigrations: async () => migrations };
}
