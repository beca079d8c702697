// SLA clocks (issue #8): which policy a conversation follows, when each of its targets falls
// due, and how close that is. Times are ms since the epoch; targets are minutes, counted on the
// wall clock or in business hours (./hours).
import { tryAddBusinessTime, type BusinessHours } from './hours';

export const SLA_KINDS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

/** Response and resolution targets in minutes; a policy with a `tag` applies to conversations carrying it. */
export interface SlaPolicy {
  /** Absent (or empty): the workspace's default policy. */
  tag?: string;
  firstResponseMinutes?: number;
  nextResponseMinutes?: number;
  resolutionMinutes?: number;
  /** Count the targets in business hours (true) or on the wall clock (false). */
  businessHours: boolean;
}

/** A target is at risk during this last share of the time it allows (wall-clock share, see slaState). */
export const SLA_AT_RISK_SHARE = 0.2;

const MINUTE = 60_000;

const TARGETS = {
  first_response: 'firstResponseMinutes',
  next_response: 'nextResponseMinutes',
  resolution: 'resolutionMinutes',
} as const satisfies Record<SlaKind, keyof SlaPolicy>;

/**
 * The policy a conversation with these tags follows. Policies whose tag it carries (exact match)
 * win over the untagged default, whole: a kind none of them sets has no target, even when the
 * default sets one. Several of them merge into the tightest: per kind the smallest target, and
 * wall clock unless every policy that supplied a chosen target counts business hours (wall time
 * never runs slower than open time, so the merged deadline is never later than any of theirs;
 * on equal minutes the wall-clock one is chosen). The merged policy's tag joins theirs with "+".
 * No tagged match: the first untagged policy; none either: null.
 */
export function policyFor(policies: SlaPolicy[], tags: string[]): SlaPolicy | null {
  const tagged = policies.filter((policy) => policy.tag && tags.includes(policy.tag));
  if (tagged.length === 0) return policies.find((policy) => !policy.tag) ?? null;
  if (tagged.length === 1) return tagged[0] ?? null;
  const merged: SlaPolicy = { tag: [...new Set(tagged.map((policy) => policy.tag))].join('+'), businessHours: true };
  const suppliers = new Set<SlaPolicy>();
  for (const kind of SLA_KINDS) {
    const field = TARGETS[kind];
    let best: SlaPolicy | undefined;
    for (const policy of tagged) {
      const minutes = policy[field];
      if (minutes === undefined) continue;
      const bestMinutes = best?.[field];
      if (best === undefined || bestMinutes === undefined || minutes < bestMinutes || (minutes === bestMinutes && best.businessHours && !policy.businessHours)) best = policy;
    }
    if (best === undefined) continue;
    merged[field] = best[field];
    suppliers.add(best);
  }
  merged.businessHours = [...(suppliers.size > 0 ? suppliers : tagged)].every((policy) => policy.businessHours);
  return merged;
}

/**
 * When a target started at `startedAt` falls due: null when the policy sets no target of that
 * kind, or when it counts business hours that do not give that much open time within 400 days.
 */
export function slaDeadline(policy: SlaPolicy, kind: SlaKind, startedAt: number, hours: BusinessHours): number | null {
  const minutes = policy[TARGETS[kind]];
  if (minutes === undefined) return null;
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`An SLA target must be a non-negative number of minutes, not ${minutes}`);
  return policy.businessHours ? tryAddBusinessTime(hours, startedAt, minutes * MINUTE) : startedAt + minutes * MINUTE;
}

/**
 * Where a target stands at `now`: breached at or after `dueAt`, at risk in the last
 * SLA_AT_RISK_SHARE of [startedAt, dueAt) by the wall clock (also for business-hours targets:
 * a Friday-evening start due Monday morning turns at risk on Sunday evening), else ok.
 */
export function slaState(now: number, startedAt: number, dueAt: number): 'ok' | 'at_risk' | 'breached' {
  if (now >= dueAt) return 'breached';
  return dueAt - now <= SLA_AT_RISK_SHARE * (dueAt - startedAt) ? 'at_risk' : 'ok';
}
