// A workspace's routing, hours, SLA policies and automatic messages (issue #8), with the defaults
// of shared/settings.ts for whatever the owner has not set. Read inside the transaction that
// uses them, so a decision and the settings it was made with are one snapshot.
import { ALWAYS_OPEN, type BusinessHours } from '../shared/domain/hours';
import { DEFAULT_AUTOMATIC, DEFAULT_ROUTING, DEFAULT_SLA, withAutomaticDefaults, type AutomaticSettings, type RoutingSettings, type SlaSettings } from '../shared/settings';
import type { Db } from './db/open';
import { prepared } from './db/prepared';

export interface WorkspaceSettings {
  routing: RoutingSettings;
  sla: SlaSettings;
  automatic: AutomaticSettings;
}

// Both read with prepared statements on the database: inside a transaction too (one connection,
// so the same snapshot as the transaction's own reads).

/** The workspace's settings, the defaults standing in for what the owner has not set. */
export function settingsOf(db: Db, workspaceId: string): WorkspaceSettings {
  const row = prepared(db).workspaceSettings.get({ workspaceId });
  return {
    routing: row?.routing ?? DEFAULT_ROUTING,
    sla: row?.sla ?? DEFAULT_SLA,
    automatic: row?.automatic ? withAutomaticDefaults(row.automatic) : DEFAULT_AUTOMATIC,
  };
}

/**
 * The business hours in force at `at`: the last schedule that started at or before it. What was
 * computed for a past event keeps the schedule of its time, whatever the owner changes later.
 */
export function hoursAt(db: Db, workspaceId: string, at: number): BusinessHours {
  const row = prepared(db).hoursAt.get({ workspaceId, at });
  return row?.hours ?? ALWAYS_OPEN;
}
