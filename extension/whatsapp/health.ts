// Knows, per landmark, whether the adapter can read it, and calls a landmark missing only after
// it has stayed missing for a while: WhatsApp re-renders (and #main is re-created) all the time.
import type { LandmarkId } from '../../shared/domain/landmarks';
import type { Landmarks } from './landmarks';

export const MISSING_AFTER_MS = 4000;

export interface HealthState {
  /** Required landmarks missing for longer than MISSING_AFTER_MS. */
  missing: LandmarkId[];
  /** Per landmark read so far, the selector that matched, or null. */
  matched: Partial<Record<LandmarkId, string | null>>;
  /** Messages of the open chat whose direction no clue has told yet (they wait, unreported). */
  undirected?: number;
}

/**
 * Which landmarks must match right now, given what did: the chat list always once the app is
 * there; rows and their titles when the list has children; the title and compose box when a
 * chat is open.
 */
function required(landmarks: Landmarks, context: { listHasChildren: boolean }): LandmarkId[] {
  const m = landmarks.matched;
  const ids: LandmarkId[] = [];
  if (m.app === undefined || m.app >= 0) ids.push('chatList');
  if (m.chatList !== undefined && m.chatList >= 0 && context.listHasChildren) ids.push('chatRow');
  if (m.chatRow !== undefined && m.chatRow >= 0) ids.push('rowTitle');
  if (m.main !== undefined && m.main >= 0) ids.push('headerTitle', 'compose');
  return ids;
}

export class HealthMonitor {
  private missingSince = new Map<LandmarkId, number>();
  // Null until the first verdict: "nothing missing" on the first read is news too, or a healthy
  // device would never report (the owner's table said "Not reported yet" forever).
  private last: string | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Updates from the latest read; returns the state when it changed, else null. */
  update(landmarks: Landmarks, context: { listHasChildren: boolean }): HealthState | null {
    const now = this.now();
    const needed = required(landmarks, context);
    for (const id of needed) {
      const ok = (landmarks.matched[id] ?? -1) >= 0;
      if (ok) this.missingSince.delete(id);
      else if (!this.missingSince.has(id)) this.missingSince.set(id, now);
    }
    for (const id of [...this.missingSince.keys()]) if (!needed.includes(id)) this.missingSince.delete(id);
    const missing = [...this.missingSince].filter(([, since]) => now - since >= MISSING_AFTER_MS).map(([id]) => id).sort();
    const key = missing.join();
    if (key === this.last) return null;
    this.last = key;
    // Asked after every read of the page: what matched is told only with a new verdict.
    const matched: HealthState['matched'] = {};
    for (const id of Object.keys(landmarks.matched) as LandmarkId[]) matched[id] = landmarks.describe(id)?.css ?? null;
    return { missing, matched };
  }

  /** When the next check could change the verdict (a landmark about to pass the grace period). */
  nextDeadline(): number | null {
    const pending = [...this.missingSince.values()].map((since) => since + MISSING_AFTER_MS).filter((t) => t > this.now());
    return pending.length ? Math.min(...pending) : null;
  }
}
