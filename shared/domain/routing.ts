// Routing (issue #8): who gets a new conversation, in what order waiting chats go out when
// capacity frees, and when a silent assignee loses a chat. Pure decisions: the coordinator makes
// them inside the write transaction that records the assignment, so two devices reporting the
// same first message cannot both assign it. Times are ms since the epoch.
import type { AgentStatus } from './status';

/** How a workspace hands out new conversations. */
export const ROUTING_MODES = ['manual', 'round_robin', 'balanced', 'rules'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** How to choose among several agents: the mode itself, or `then` in rules mode. */
export type RoutingStrategy = 'round_robin' | 'balanced';

/** Where a rule sends a conversation: one agent, or the agents with a skill. */
export type RuleTarget = { agentId: string } | { skill: string };

export interface RoutingRule {
  id: string;
  name: string;
  /** Its conditions are evaluated in the browser; the coordinator only learns which rule matched. */
  target: RuleTarget;
}

/**
 * An agent as routing sees them. The caller passes every agent of the workspace who has not
 * been removed, whatever their status: an agent missing from the list counts as gone, while an
 * agent who is away is someone a rule's chat can wait for.
 */
export interface RoutingCandidate {
  id: string;
  status: AgentStatus;
  /** Most open and pending chats routing gives them; 0: they take no automatic chats. */
  capacity: number;
  /** Open and pending conversations assigned to them now. */
  open: number;
  skills: string[];
  /** Their last assignment, automatic or manual: round robin's turn. */
  lastAssignedAt: number | null;
  createdAt: number;
}

export interface RoutingContext {
  /** The rule the first device matched (in the browser), if any. */
  ruleId?: string | null;
  /** The option of the triage menu the customer chose, mapped by the caller to a skill. */
  menuSkill?: string | null;
  /** The agent who last handled this customer (a returning customer), if the workspace's rules ask for it. */
  lastAgentId?: string | null;
  backToLastAgent?: boolean;
}

/** Why a conversation went to an agent, for its timeline (`reasonText` puts it in words). */
export type RoutingReason =
  | { kind: 'round_robin' }
  | { kind: 'balanced' }
  | { kind: 'rule'; ruleId: string; ruleName: string }
  | { kind: 'menu'; skill: string }
  | { kind: 'last_agent' }
  | { kind: 'reassigned'; afterMinutes: number }
  | { kind: 'rerouted_owner_offline' };

/**
 * The outcome: an agent and why, or nobody and why. `target_unavailable`: the rule's or menu's
 * agents exist but none can take it now; the chat waits in the queue for them.
 */
export type RoutingChoice = { agentId: string; reason: RoutingReason } | { agentId: null; why: 'manual' | 'nobody_available' | 'target_unavailable' };

/** One step of a backlog drain; `at` is the instant to record as the agent's `lastAssignedAt`. */
export interface PlannedAssignment {
  conversationId: string;
  agentId: string;
  reason: RoutingReason;
  at: number;
}

/** True when routing may give the agent a chat now: online and under capacity (0 takes none). */
export function eligible(c: RoutingCandidate): boolean {
  return c.status === 'online' && c.open < c.capacity;
}

// Frozen outcomes that carry no data: chooseAgent runs per new chat and per waiting chat in a
// drain, and returning these allocates nothing.
const MANUAL: RoutingChoice = Object.freeze({ agentId: null, why: 'manual' });
const NOBODY: RoutingChoice = Object.freeze({ agentId: null, why: 'nobody_available' });
const TARGET_UNAVAILABLE: RoutingChoice = Object.freeze({ agentId: null, why: 'target_unavailable' });
const REASONS = Object.freeze({
  round_robin: Object.freeze({ kind: 'round_robin' }),
  balanced: Object.freeze({ kind: 'balanced' }),
  last_agent: Object.freeze({ kind: 'last_agent' }),
} satisfies Record<string, RoutingReason>);

/**
 * True when `a` has waited longer for a chat than `b`: never assigned before anyone assigned,
 * then the older last assignment, then the older account, then the smaller id (code-unit order,
 * not the locale's: the same on every machine).
 */
function waitedLonger(a: RoutingCandidate, b: RoutingCandidate): boolean {
  if (a.lastAssignedAt !== b.lastAssignedAt) {
    if (a.lastAssignedAt === null) return true;
    if (b.lastAssignedAt === null) return false;
    return a.lastAssignedAt < b.lastAssignedAt;
  }
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  return a.id < b.id;
}

/** True when `a` carries less of their capacity than `b` (ties: who waited longer). */
function lighter(a: RoutingCandidate, b: RoutingCandidate): boolean {
  // open/capacity compared by cross-multiplying: exact in integers. Both capacities are > 0,
  // since only eligible agents are compared.
  const left = a.open * b.capacity;
  const right = b.open * a.capacity;
  return left === right ? waitedLonger(a, b) : left < right;
}

/**
 * Round robin is "whoever's last assignment is oldest". Each assignment stamps the agent, which
 * sends them to the back of the line, so eligible agents take turns in a fixed cycle. Nothing
 * but the stamps is kept: no pointer into a list that goes stale when agents come online, go
 * away, join or leave. An agent back from a break has the oldest stamp, so takes the next chat
 * and then rejoins the cycle (one turn, no burst to "catch up": levelling load is `balanced`).
 * An agent skipped while full keeps their old stamp and has the next turn once they have room.
 */
const better: Record<RoutingStrategy, (a: RoutingCandidate, b: RoutingCandidate) => boolean> = {
  round_robin: waitedLonger,
  balanced: lighter,
};

/** A member of a group: takes automatic chats at all, and has the skill (any when null). */
const member = (c: RoutingCandidate, skill: string | null) => c.capacity > 0 && (skill === null || c.skills.includes(skill));

/**
 * The best eligible member of a group by `strategy`; null when the group has members but none
 * can take a chat now; undefined when it has none (nobody with the skill takes automatic chats).
 */
function pick(strategy: RoutingStrategy, candidates: readonly RoutingCandidate[], skill: string | null): RoutingCandidate | null | undefined {
  const isBetter = better[strategy];
  let best: RoutingCandidate | null | undefined;
  for (const c of candidates) {
    if (!member(c, skill)) continue;
    if (!eligible(c)) {
      best ??= null;
      continue;
    }
    if (!best || isBetter(c, best)) best = c;
  }
  return best;
}

/** A rule's agent, in pick's terms: the agent, null (exists, cannot take it now), undefined (gone). */
function pickAgent(candidates: readonly RoutingCandidate[], agentId: string): RoutingCandidate | null | undefined {
  const c = find(candidates, agentId);
  if (!c || c.capacity === 0) return undefined;
  return eligible(c) ? c : null;
}

function find(candidates: readonly RoutingCandidate[], id: string): RoutingCandidate | undefined {
  for (const c of candidates) if (c.id === id) return c;
  return undefined;
}

function findRule(rules: readonly RoutingRule[], id: string): RoutingRule | undefined {
  for (const r of rules) if (r.id === id) return r;
  return undefined;
}

/**
 * Who gets a conversation. `round_robin` and `balanced` choose among everyone and ignore the
 * context; `then` is rules mode's strategy (for skill groups and for what no rule sends).
 *
 * Rules mode, in order of precedence:
 * 1. Back to the last agent, when `backToLastAgent` is on and that agent is eligible. This is a
 *    preference, not a destination: when they cannot take it, the next step decides.
 * 2. The matched rule's target: its agent, or the best of its skill group by `then`.
 * 3. The menu skill: the best of that skill group by `then`.
 * 4. `then` over everyone.
 * A target (step 2 or 3) whose agents exist but are all busy, away, on a break or offline
 * returns `target_unavailable`: the chat waits in the queue for them, because a rule or a menu
 * answer says who must answer it (a refund goes to who handles refunds, not to whoever is free).
 * A target that has nobody — a removed agent, a skill no agent has, agents of capacity 0 (who
 * never take automatic chats, so would never take this one) — falls through to the next step,
 * as does a rule id the rules no longer hold (deleted since a device matched it).
 */
export function chooseAgent(
  mode: RoutingMode,
  then: RoutingStrategy,
  rules: readonly RoutingRule[],
  candidates: readonly RoutingCandidate[],
  context: RoutingContext,
): RoutingChoice {
  if (mode === 'manual') return MANUAL;
  if (mode !== 'rules') {
    const to = pick(mode, candidates, null);
    return to ? { agentId: to.id, reason: REASONS[mode] } : NOBODY;
  }
  if (context.backToLastAgent && context.lastAgentId) {
    const last = find(candidates, context.lastAgentId);
    if (last && eligible(last)) return { agentId: last.id, reason: REASONS.last_agent };
  }
  const rule = context.ruleId ? findRule(rules, context.ruleId) : undefined;
  if (rule) {
    const target = rule.target;
    const to = 'agentId' in target ? pickAgent(candidates, target.agentId) : pick(then, candidates, target.skill);
    if (to) return { agentId: to.id, reason: { kind: 'rule', ruleId: rule.id, ruleName: rule.name } };
    if (to === null) return TARGET_UNAVAILABLE;
  }
  if (context.menuSkill) {
    const to = pick(then, candidates, context.menuSkill);
    if (to) return { agentId: to.id, reason: { kind: 'menu', skill: context.menuSkill } };
    if (to === null) return TARGET_UNAVAILABLE;
  }
  const to = pick(then, candidates, null);
  return to ? { agentId: to.id, reason: REASONS[then] } : NOBODY;
}

/**
 * Records an assignment on the candidates, in place: the agent holds one more chat, and their
 * turn is stamped. Returns the stamp, to be written as their `lastAssignedAt`: `now`, or just
 * after the newest stamp when the clock has not moved past it (several assignments in one ms,
 * a clock stepped back). Stamps then strictly increase, and round robin's cycle never ties
 * (with equal stamps, the tie-break would hand one agent every chat of a drain).
 * In place because the coordinator's single assignment and planDrain's simulation both walk
 * one list; planDrain works on a copy, so callers' lists change only when they call this.
 */
export function applyAssignment(candidates: RoutingCandidate[], agentId: string, now: number): number {
  let at = now;
  let agent: RoutingCandidate | undefined;
  for (const c of candidates) {
    if (c.lastAssignedAt !== null && c.lastAssignedAt >= at) at = c.lastAssignedAt + 1;
    if (c.id === agentId) agent = c;
  }
  if (!agent) throw new Error(`applyAssignment: no candidate ${agentId}`);
  agent.open++;
  agent.lastAssignedAt = at;
  return at;
}

/**
 * The order waiting chats go out in when capacity frees: after-hours chats first — the away
 * message promised them the opening, and they were held back by the hours, not by a lack of
 * agents (normally they waited longest anyway) — then the oldest `waitingSince` (a chat with no
 * clock last), then the older conversation, then the id. Returns a new array.
 */
export function drainOrder<T extends { id: string; waitingSince: number | null; createdAt: number; afterHours?: boolean }>(waiting: readonly T[]): T[] {
  return [...waiting].sort((a, b) => {
    if (Boolean(a.afterHours) !== Boolean(b.afterHours)) return a.afterHours ? -1 : 1;
    if (a.waitingSince !== b.waitingSince) {
      if (a.waitingSince === null) return 1;
      if (b.waitingSince === null) return -1;
      return a.waitingSince - b.waitingSince;
    }
    if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * Plans a backlog drain: walks `waiting` (already in `drainOrder`) and gives each chat to the
 * agent `chooseAgent` picks, counting every planned chat against that agent's capacity and
 * stamping their turn (from `now`, strictly increasing) as it goes. A chat whose target cannot
 * take it now is skipped and stays waiting; later chats may still go to others. Stops when
 * nobody has room. Pure: the candidates are copied; the caller writes the plan.
 */
export function planDrain<W extends { id: string }>(
  mode: RoutingMode,
  then: RoutingStrategy,
  rules: readonly RoutingRule[],
  candidates: readonly RoutingCandidate[],
  waiting: readonly W[],
  contextOf: (w: W) => RoutingContext,
  now: number,
): PlannedAssignment[] {
  const plan: PlannedAssignment[] = [];
  if (mode === 'manual') return plan;
  const pool = candidates.map((c) => ({ ...c }));
  for (const w of waiting) {
    if (!pool.some(eligible)) break;
    const choice = chooseAgent(mode, then, rules, pool, contextOf(w));
    if (choice.agentId === null) continue;
    const at = applyAssignment(pool, choice.agentId, now);
    plan.push({ conversationId: w.id, agentId: choice.agentId, reason: choice.reason, at });
  }
  return plan;
}

const MINUTE = 60_000;

/**
 * The no-reply timer: true when the customer is waiting and the assignee has been silent for
 * `afterMinutes` since the later of the assignment and the start of the wait. A reply after
 * that start means the customer was answered: the wait is the waiting clock's business.
 */
export function reassignDue(assignedAt: number, lastReplyAt: number | null, customerWaitingSince: number | null, afterMinutes: number, now: number): boolean {
  if (customerWaitingSince === null) return false;
  const since = Math.max(assignedAt, customerWaitingSince);
  if (lastReplyAt !== null && lastReplyAt >= since) return false;
  return now - since >= afterMinutes * MINUTE;
}

/** The routing reason in English words, for the timeline ("rule Refunds", "menu: Sales"). */
export function reasonText(reason: RoutingReason): string {
  switch (reason.kind) {
    case 'round_robin':
      return 'round robin';
    case 'balanced':
      return 'balanced';
    case 'rule':
      return `rule ${reason.ruleName}`;
    case 'menu':
      return `menu: ${reason.skill}`;
    case 'last_agent':
      return 'back to last agent';
    case 'reassigned':
      return `reassigned: no reply in ${reason.afterMinutes} min`;
    case 'rerouted_owner_offline':
      return 'rerouted: owner offline';
  }
}
