// The statuses that hold an agent's capacity, as the SQL both a partial index and the routing
// count are written with: SQLite uses a partial index only for a query whose condition is the
// index's own, literally (bound parameters never match), so this is the one place it is spelled.
import { sql } from 'drizzle-orm';

export const HELD = ['open', 'pending'] as const;
export const HELD_SQL = sql.raw(`status in (${HELD.map((s) => `'${s}'`).join(', ')})`);
