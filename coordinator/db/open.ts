import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type Db = ReturnType<typeof drizzle<typeof schema>>;

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens (creating if need be) the SQLite database at `path`, or ':memory:', and migrates it. */
export function openDatabase(path: string): { db: Db; sqlite: Database.Database } {
  const sqlite = new Database(path);
  // WAL lets the owner's page read while devices write; NORMAL sync is safe under WAL.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { db, sqlite };
}

/** The query surface shared by the database and a transaction on it. */
export type Store = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;
