// The team's conversation list changes a few conversations at a time: each push makes a new list
// from the last with some replaced where they stand and new ones added at the end (session.ts
// applyPush). The step is written down here, so what follows the list (the title index, the
// badges, the waiting count, the next push) looks at those few conversations, not at every chat
// the team has seen: 1,000 on a busy page, with several pushes a second (bench/content.ts).
import type { TeamConversation } from '../team';

type List = TeamConversation[];

/** Per list, the list it was made from and the positions that differ. One step only: the list before is let go. */
const steps = new WeakMap<List, { from: List; at: number[] }>();
/** Per list, where each conversation id stands; handed from a list to the next made from it. */
const positions = new WeakMap<List, Map<string, number>>();
const waiting = new WeakMap<List, number>();

/** Notes that `to` is `from` with the conversations at `at` (no repeats) replaced or added. */
export function noteStep(from: List, to: List, at: number[]): void {
  // Only the newest step is kept: an older list must not be held alive by a chain of them.
  steps.delete(from);
  steps.set(to, { from, at });
}

/** The positions where `to` differs from `from`, when `to` was made from it in one step; null when unknown. */
export function changedPositions(from: List, to: List): number[] | null {
  if (from === to) return [];
  const step = steps.get(to);
  return step && step.from === from ? step.at : null;
}

/**
 * Where each conversation id of `list` stands, to be changed into the next list's (`handOver`).
 * Built by a walk only when the list came from elsewhere (the first push, a whole new team).
 */
export function positionsOf(list: List): Map<string, number> {
  let map = positions.get(list);
  if (!map) positions.set(list, (map = new Map(list.map((c, i) => [c.id, i]))));
  return map;
}

/** Gives `from`'s positions (already changed to match `to`) to `to`; `from` loses them. */
export function handOverPositions(from: List, to: List, map: Map<string, number>): void {
  positions.delete(from);
  positions.set(to, map);
}

const isWaiting = (c: TeamConversation | undefined) => !!c && c.assignee === null && c.status !== 'resolved';

/** How many conversations wait for someone (nobody's, not resolved): the count on the sidebar's tab. */
export function waitingCount(list: List): number {
  let count = waiting.get(list);
  if (count !== undefined) return count;
  const step = steps.get(list);
  const before = step && waiting.get(step.from);
  if (step && before !== undefined) {
    count = before;
    for (const i of step.at) count += (isWaiting(list[i]) ? 1 : 0) - (isWaiting(step.from[i]) ? 1 : 0);
  } else {
    count = 0;
    for (const c of list) if (isWaiting(c)) count++;
  }
  waiting.set(list, count);
  return count;
}
