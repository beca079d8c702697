// A workspace's routing, hours, SLA policies and automatic messages (issue #8), with the defaults
// of shared/settings.ts for whatever the owner has not set. Read inside the transaction that
// uses them, so a decision and the settings it was made with are one snapshot.
import { and, desc, eq, lte } from 'drizzle-orm';
import { ALWAYS_OPEN, type BusinessHours } from '../shared/domain/hours';
import { DEFAULT_AUTOMATIC, DEFAULT_ROUTING, DEFAULT_SLA, withAutomaticDefaults, type AutomaticSettings, type RoutingSettings, type SlaSettings } from '../shared/settings';
import type { Store } from './db/open';
import { workspaceHours, workspaces } from './db/schema';

export interface WorkspaceSettings {
  routing: RoutingSettings;
  sla: SlaSettings;
  automatic: AutomaticSettings;
}

/** The workspace's settings, the defaults standing in for what the owner has not set. */
export function settingsOf(tx: Store, workspaceId: string): WorkspaceSettings {
  const row = tx
    .select({ routing: workspaces.routing, sla: workspaces.sla, automatic: workspaces.automatic })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .get();
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
export function hoursAt(tx: Store, workspaceId: string, at: number): BusinessHours {
  const row = tx
    .select({ hours: workspaceHours.hours })
    .from(workspaceHours)
    .where(and(eq(workspaceHours.workspaceId, workspaceId), lte(workspaceHours.effectiveFrom, at)))
    .orderBy(desc(workspaceHours.effectiveFrom))
    .limit(1)
    .get();
  return row?.hours ?? ALWAYS_OPEN;
}
