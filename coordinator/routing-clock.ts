// What routing and the SLA clocks must do because time passed (issue #8), run by housekeeping
// every few seconds: the day starts, a rules outcome did not come, an assignee did not reply,
// a deadline ran out. One transaction per workspace, so a failure in one touches no other.
import type { Deps } from './deps';
import { recordBreaches } from './clocks';
import { mutate } from './events';
import { checkNoReply, drainBacklog, openTheDay, routeOverdue, RoutingScope, workspacesToTend } from './routing';

export function tendRouting(deps: Deps) {
  const now = deps.now();
  const totals = { dayStarted: 0, routed: 0, reassigned: 0, ownerTold: 0, slaBreaches: 0 };
  for (const workspaceId of workspacesToTend(deps.db, now)) {
    mutate(deps, { workspaceId, agentId: null, deviceId: null }, (tx, emit) => {
      const scope = new RoutingScope(deps.db, tx, emit, workspaceId, now);
      totals.dayStarted += openTheDay(scope);
      totals.routed += routeOverdue(scope);
      totals.routed += drainBacklog(scope);
      const noReply = checkNoReply(scope);
      totals.reassigned += noReply.reassigned;
      totals.ownerTold += noReply.notified;
      totals.slaBreaches += recordBreaches(scope);
    });
  }
  return totals;
}
