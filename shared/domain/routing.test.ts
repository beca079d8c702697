import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyAssignment,
  chooseAgent,
  drainOrder,
  eligible,
  planDrain,
  reassignDue,
  reasonText,
  ROUTING_MODES,
  type RoutingCandidate,
  type RoutingContext,
  type RoutingRule,
} from './routing';
import { AGENT_STATUSES, type AgentStatus } from './status';

const agent = (id: string, over: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  id,
  status: 'online',
  capacity: 5,
  open: 0,
  skills: [],
  lastAssignedAt: null,
  createdAt: 0,
  ...over,
});
const team = (...ids: string[]) => ids.map((id, i) => agent(id, { createdAt: i }));
const byId = (candidates: RoutingCandidate[], id: string) => candidates.find((c) => c.id === id)!;
const none: RoutingContext = {};
const M = 60_000;

/** mulberry32: a seeded PRNG, so the simulations are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each agent resolves each chat they hold with probability `p`. */
function resolveSome(candidates: RoutingCandidate[], rand: () => number, p: number) {
  for (const c of candidates) {
    let kept = 0;
    for (let i = 0; i < c.open; i++) if (rand() >= p) kept++;
    c.open = kept;
  }
}

const spread = (counts: Map<string, number>, ids: Iterable<string>) => {
  const values = [...ids].map((id) => counts.get(id) ?? 0);
  return Math.max(...values) - Math.min(...values);
};

describe('eligible', () => {
  it('takes online agents under capacity only; capacity 0 takes no automatic chats', () => {
    expect(eligible(agent('a', { open: 4, capacity: 5 }))).toBe(true);
    expect(eligible(agent('a', { open: 5, capacity: 5 }))).toBe(false);
    expect(eligible(agent('a', { open: 0, capacity: 0 }))).toBe(false);
    for (const status of ['away', 'on_break', 'offline'] as const) expect(eligible(agent('a', { status }))).toBe(false);
  });
});

describe('round robin', () => {
  it('goes to the oldest turn: never assigned first, then by last assignment, account age, id', () => {
    const pick = (candidates: RoutingCandidate[]) => chooseAgent('round_robin', 'round_robin', [], candidates, none);
    expect(pick([agent('a', { lastAssignedAt: 5 }), agent('b', { lastAssignedAt: null, createdAt: 9 })])).toEqual({ agentId: 'b', reason: { kind: 'round_robin' } });
    expect(pick([agent('a', { lastAssignedAt: 5 }), agent('b', { lastAssignedAt: 3 })]).agentId).toBe('b');
    expect(pick([agent('a', { createdAt: 2 }), agent('b', { createdAt: 1 })]).agentId).toBe('b');
    expect(pick([agent('b'), agent('a')]).agentId).toBe('a');
    // Turn, not load: the oldest turn wins even holding more chats.
    expect(pick([agent('a', { lastAssignedAt: 1, open: 4 }), agent('b', { lastAssignedAt: 2, open: 0 })]).agentId).toBe('a');
    expect(pick([agent('a', { status: 'away' }), agent('b', { open: 5 })])).toEqual({ agentId: null, why: 'nobody_available' });
  });

  it('is fair over 10,000 assignments: nobody eligible throughout is ever more than one ahead', () => {
    const rand = prng(8);
    const candidates = team('a', 'b', 'c', 'd').map((c) => ({ ...c, capacity: 10 }));
    const counts = new Map<string, number>();
    const throughout = new Set(candidates.map((c) => c.id));
    for (let step = 0; step < 10_000; step++) {
      resolveSome(candidates, rand, 0.3);
      for (const c of candidates) if (!eligible(c)) throughout.delete(c.id);
      const choice = chooseAgent('round_robin', 'round_robin', [], candidates, none);
      expect(choice.agentId).not.toBeNull();
      applyAssignment(candidates, choice.agentId!, step * 1000);
      counts.set(choice.agentId!, (counts.get(choice.agentId!) ?? 0) + 1);
      expect(spread(counts, throughout)).toBeLessThanOrEqual(1);
    }
    // Capacity was enough: the check covered all four the whole run, 2,500 each.
    expect(throughout.size).toBe(4);
    expect([...counts.values()]).toEqual([2500, 2500, 2500, 2500]);
  });

  it('gives an agent nothing while away, and takes them back into the cycle for one turn', () => {
    const rand = prng(42);
    const candidates = team('a', 'b', 'c', 'd').map((c) => ({ ...c, capacity: 10 }));
    const counts = new Map<string, number>();
    const sinceBack = new Map<string, number>();
    const chosen: string[] = [];
    let worstSpreadOthers = 0;
    let worstSpreadSinceBack = 0;
    for (let step = 0; step < 9_000; step++) {
      byId(candidates, 'c').status = step >= 3000 && step < 6000 ? 'away' : 'online';
      resolveSome(candidates, rand, 0.3);
      const id = chooseAgent('round_robin', 'round_robin', [], candidates, none).agentId!;
      applyAssignment(candidates, id, step * 1000);
      chosen.push(id);
      counts.set(id, (counts.get(id) ?? 0) + 1);
      worstSpreadOthers = Math.max(worstSpreadOthers, spread(counts, ['a', 'b', 'd']));
      if (step >= 6000) {
        sinceBack.set(id, (sinceBack.get(id) ?? 0) + 1);
        worstSpreadSinceBack = Math.max(worstSpreadSinceBack, spread(sinceBack, ['a', 'b', 'c', 'd']));
      }
    }
    expect(chosen.slice(3000, 6000)).not.toContain('c');
    // Back from away, c has the oldest turn: the first chat is theirs, then the cycle goes on.
    expect(chosen[6000]).toBe('c');
    expect(worstSpreadSinceBack).toBeLessThanOrEqual(1);
    expect(worstSpreadOthers).toBeLessThanOrEqual(1);
    expect(counts.get('c')).toBe(750 + 750);
  });
});

describe('balanced', () => {
  const pick = (candidates: RoutingCandidate[]) => chooseAgent('balanced', 'round_robin', [], candidates, none);

  it('goes to the lowest share of capacity, ties to who waited longest, then account age, id', () => {
    // 4 of 10 is lighter than 1 of 2.
    expect(pick([agent('a', { capacity: 2, open: 1 }), agent('b', { capacity: 10, open: 4 })])).toEqual({ agentId: 'b', reason: { kind: 'balanced' } });
    expect(pick([agent('a', { open: 1, lastAssignedAt: 7 }), agent('b', { open: 1, lastAssignedAt: 3 })]).agentId).toBe('b');
    expect(pick([agent('a', { open: 1, lastAssignedAt: 7 }), agent('b', { open: 1, lastAssignedAt: null })]).agentId).toBe('b');
    expect(pick([agent('a', { capacity: 4, open: 2, createdAt: 5 }), agent('b', { capacity: 2, open: 1, createdAt: 4 })]).agentId).toBe('b');
    expect(pick([agent('b', { open: 1 }), agent('a', { open: 1 })]).agentId).toBe('a');
    expect(pick([agent('a', { open: 0, status: 'on_break' }), agent('b', { open: 3 })]).agentId).toBe('b');
  });

  it('keeps equal capacities within one conversation of each other (max open − min open ≤ 1)', () => {
    const candidates = team('a', 'b', 'c', 'd');
    for (let i = 0; i < 20; i++) {
      applyAssignment(candidates, pick(candidates).agentId!, i);
      const open = candidates.map((c) => c.open);
      expect(Math.max(...open) - Math.min(...open)).toBeLessThanOrEqual(1);
    }
    expect(candidates.map((c) => c.open)).toEqual([5, 5, 5, 5]);
    expect(pick(candidates)).toEqual({ agentId: null, why: 'nobody_available' });
  });

  /**
   * From empty, without resolutions: for every two agents i and j, (open_i − 1) / cap_i ≤
   * open_j / cap_j — nobody's load before their latest chat is above anyone's load now. (With
   * equal capacities this is max − min ≤ 1.) It holds because each chat goes to a lowest load.
   */
  const levelled = (candidates: RoutingCandidate[]) =>
    candidates.every((i) => candidates.every((j) => (i.open - 1) * j.capacity <= j.open * i.capacity));

  it('levels unequal capacities by share: (open_i − 1)/cap_i ≤ open_j/cap_j after every assignment', () => {
    const candidates = [agent('a', { capacity: 2 }), agent('b', { capacity: 4 }), agent('c', { capacity: 6 }), agent('d', { capacity: 8 })];
    for (let i = 0; i < 20; i++) {
      applyAssignment(candidates, pick(candidates).agentId!, i);
      expect(levelled(candidates)).toBe(true);
    }
    expect(candidates.map((c) => c.open)).toEqual([2, 4, 6, 8]);
  });

  it('has a levelling check that round robin fails on the same agents (so the check can fail)', () => {
    const candidates = [agent('a', { capacity: 2 }), agent('b', { capacity: 4 }), agent('c', { capacity: 6 }), agent('d', { capacity: 8 })];
    let always = true;
    for (let i = 0; i < 20; i++) {
      applyAssignment(candidates, chooseAgent('round_robin', 'round_robin', [], candidates, none).agentId!, i);
      always &&= levelled(candidates);
    }
    expect(always).toBe(false);
  });

  it('with random resolutions, every chat goes to a lowest share among the eligible', () => {
    const rand = prng(7);
    const candidates = [agent('a', { capacity: 3 }), agent('b', { capacity: 5 }), agent('c', { capacity: 5 }), agent('d', { capacity: 8 })];
    let assigned = 0;
    for (let step = 0; step < 5_000; step++) {
      resolveSome(candidates, rand, 0.15);
      const choice = pick(candidates);
      if (choice.agentId === null) continue;
      const chosen = byId(candidates, choice.agentId);
      for (const other of candidates.filter(eligible)) expect(chosen.open * other.capacity).toBeLessThanOrEqual(other.open * chosen.capacity);
      applyAssignment(candidates, chosen.id, step);
      assigned++;
    }
    expect(assigned).toBeGreaterThan(4_000);
  });
});

describe('rules', () => {
  const rules: RoutingRule[] = [
    { id: 'refunds', name: 'Refunds', target: { skill: 'refunds' } },
    { id: 'vip', name: 'VIP', target: { agentId: 'ana' } },
    { id: 'ghost', name: 'Ghost', target: { agentId: 'removed' } },
    { id: 'nobody', name: 'Nobody', target: { skill: 'klingon' } },
  ];
  const staff = () => [
    agent('ana', { createdAt: 1 }),
    agent('bea', { createdAt: 2, skills: ['refunds'], lastAssignedAt: 20, open: 1 }),
    agent('cid', { createdAt: 3, skills: ['refunds', 'sales'], lastAssignedAt: 10, open: 3 }),
    agent('dan', { createdAt: 4, skills: ['sales'], lastAssignedAt: 5 }),
  ];
  const rr = (candidates: RoutingCandidate[], context: RoutingContext) => chooseAgent('rules', 'round_robin', rules, candidates, context);

  it('sends a returning customer back to their last agent before any rule, if that agent can take it', () => {
    const back = { backToLastAgent: true, lastAgentId: 'dan', ruleId: 'vip' };
    expect(rr(staff(), back)).toEqual({ agentId: 'dan', reason: { kind: 'last_agent' } });
    const busy = staff();
    byId(busy, 'dan').status = 'away';
    expect(rr(busy, back)).toEqual({ agentId: 'ana', reason: { kind: 'rule', ruleId: 'vip', ruleName: 'VIP' } });
    expect(rr(staff(), { ...back, backToLastAgent: false }).agentId).toBe('ana');
    // Only rules mode goes back to the last agent.
    expect(chooseAgent('round_robin', 'round_robin', rules, staff(), back).agentId).toBe('ana');
  });

  it('sends a rule’s chat to its agent, or waits for them when they exist but cannot take it', () => {
    expect(rr(staff(), { ruleId: 'vip' })).toEqual({ agentId: 'ana', reason: { kind: 'rule', ruleId: 'vip', ruleName: 'VIP' } });
    for (const over of [{ status: 'away' }, { status: 'offline' }, { open: 5 }] as const) {
      const candidates = staff();
      Object.assign(byId(candidates, 'ana'), over);
      expect(rr(candidates, { ruleId: 'vip', menuSkill: 'sales' })).toEqual({ agentId: null, why: 'target_unavailable' });
    }
  });

  it('picks within a skill group by `then`, not among everyone', () => {
    // Round robin: bea (turn 20) and cid (turn 10) have the skill; ana and dan wait longer but do not.
    expect(rr(staff(), { ruleId: 'refunds' })).toEqual({ agentId: 'cid', reason: { kind: 'rule', ruleId: 'refunds', ruleName: 'Refunds' } });
    // Balanced: bea holds 1 of 5, cid 3 of 5.
    expect(chooseAgent('rules', 'balanced', rules, staff(), { ruleId: 'refunds' }).agentId).toBe('bea');
  });

  it('waits when the skill group’s agents are all busy or away', () => {
    const candidates = staff();
    byId(candidates, 'bea').status = 'on_break';
    byId(candidates, 'cid').open = 5;
    expect(rr(candidates, { ruleId: 'refunds', menuSkill: 'sales' })).toEqual({ agentId: null, why: 'target_unavailable' });
  });

  it('falls through a target with nobody in it: a removed agent, an unknown skill, capacity 0, a deleted rule', () => {
    expect(rr(staff(), { ruleId: 'ghost', menuSkill: 'sales' })).toEqual({ agentId: 'dan', reason: { kind: 'menu', skill: 'sales' } });
    expect(rr(staff(), { ruleId: 'nobody', menuSkill: 'sales' }).agentId).toBe('dan');
    expect(rr(staff(), { ruleId: 'deleted', menuSkill: 'sales' }).agentId).toBe('dan');
    const noAutomatic = staff();
    byId(noAutomatic, 'ana').capacity = 0;
    expect(rr(noAutomatic, { ruleId: 'vip' })).toEqual({ agentId: 'dan', reason: { kind: 'round_robin' } });
  });

  it('sends a menu answer to its skill group, waiting for it the same way', () => {
    expect(rr(staff(), { menuSkill: 'sales' })).toEqual({ agentId: 'dan', reason: { kind: 'menu', skill: 'sales' } });
    const candidates = staff();
    byId(candidates, 'dan').status = 'offline';
    byId(candidates, 'cid').status = 'away';
    expect(rr(candidates, { menuSkill: 'sales' })).toEqual({ agentId: null, why: 'target_unavailable' });
    expect(rr(staff(), { menuSkill: 'klingon' })).toEqual({ agentId: 'ana', reason: { kind: 'round_robin' } });
  });

  it('routes whatever nothing sends by `then` over everyone', () => {
    // Ana never had a chat (round robin's first) but holds 2; Dan holds none (balanced's first).
    const loaded = staff();
    byId(loaded, 'ana').open = 2;
    expect(rr(loaded, none)).toEqual({ agentId: 'ana', reason: { kind: 'round_robin' } });
    expect(chooseAgent('rules', 'balanced', rules, loaded, none)).toEqual({ agentId: 'dan', reason: { kind: 'balanced' } });
    const away = staff().map((c) => ({ ...c, status: 'away' as const }));
    expect(rr(away, { ruleId: 'nobody' })).toEqual({ agentId: null, why: 'nobody_available' });
  });

  it('assigns nothing in manual mode', () => {
    expect(chooseAgent('manual', 'round_robin', rules, staff(), { ruleId: 'vip' })).toEqual({ agentId: null, why: 'manual' });
    expect(planDrain('manual', 'round_robin', rules, staff(), [{ id: 'x' }], () => none, 0)).toEqual([]);
  });
});

describe('applyAssignment', () => {
  it('counts the chat and stamps the turn, strictly after every earlier stamp', () => {
    const candidates = [agent('a', { lastAssignedAt: 100 }), agent('b')];
    expect(applyAssignment(candidates, 'b', 500)).toBe(500);
    expect(byId(candidates, 'b')).toMatchObject({ open: 1, lastAssignedAt: 500 });
    // Same millisecond, or a clock stepped back: just after the newest stamp.
    expect(applyAssignment(candidates, 'a', 500)).toBe(501);
    expect(applyAssignment(candidates, 'b', 300)).toBe(502);
    expect(() => applyAssignment(candidates, 'zed', 600)).toThrow(/zed/);
  });
});

describe('backlog drain', () => {
  it('orders after-hours chats first, then the oldest wait (none last), then age, then id', () => {
    const waiting = [
      { id: 'no-clock', waitingSince: null, createdAt: 0 },
      { id: 'old', waitingSince: 100, createdAt: 9 },
      { id: 'night', waitingSince: 900, createdAt: 9, afterHours: true },
      { id: 'newer', waitingSince: 200, createdAt: 1 },
      { id: 'tie-b', waitingSince: 300, createdAt: 5 },
      { id: 'tie-a', waitingSince: 300, createdAt: 5 },
      { id: 'tie-young', waitingSince: 300, createdAt: 6 },
      { id: 'night-early', waitingSince: 800, createdAt: 9, afterHours: true },
    ];
    const copy = [...waiting];
    expect(drainOrder(waiting).map((w) => w.id)).toEqual(['night-early', 'night', 'old', 'newer', 'tie-a', 'tie-b', 'tie-young', 'no-clock']);
    expect(waiting).toEqual(copy);
  });

  it('never goes past capacity: 50 new chats over 3 agents of capacity 5 assign 15, oldest first', () => {
    const waiting = drainOrder(Array.from({ length: 50 }, (_, i) => ({ id: `c${String(i).padStart(2, '0')}`, waitingSince: 1000 - i, createdAt: 0 })));
    for (const mode of ['round_robin', 'balanced'] as const) {
      const candidates = team('a', 'b', 'c');
      const plan = planDrain(mode, 'round_robin', [], candidates, waiting, () => none, 5000);
      expect(plan).toHaveLength(15);
      expect(plan.map((p) => p.conversationId)).toEqual(waiting.slice(0, 15).map((w) => w.id));
      for (const id of ['a', 'b', 'c']) expect(plan.filter((p) => p.agentId === id)).toHaveLength(5);
      expect(plan.slice(0, 3).map((p) => p.agentId)).toEqual(['a', 'b', 'c']);
      expect(plan.map((p) => p.at)).toEqual(Array.from({ length: 15 }, (_, i) => 5000 + i));
      // The caller's candidates are untouched: it writes the plan.
      expect(candidates.map((c) => c.open)).toEqual([0, 0, 0]);
    }
  });

  it('drains after-hours chats first and skips a chat whose target is busy, leaving it waiting', () => {
    const waiting = drainOrder([
      { id: 'day', waitingSince: 100, createdAt: 0 },
      { id: 'refund', waitingSince: 50, createdAt: 0 },
      { id: 'night', waitingSince: 300, createdAt: 0, afterHours: true },
      { id: 'late', waitingSince: 400, createdAt: 0 },
    ]);
    const rules: RoutingRule[] = [{ id: 'r', name: 'Refunds', target: { skill: 'refunds' } }];
    const candidates = [agent('a', { capacity: 2 }), agent('r', { skills: ['refunds'], status: 'away' })];
    const plan = planDrain('rules', 'round_robin', rules, candidates, waiting, (w) => ({ ruleId: w.id === 'refund' ? 'r' : null }), 0);
    expect(plan.map((p) => [p.conversationId, p.agentId])).toEqual([
      ['night', 'a'],
      ['day', 'a'],
    ]);
  });
});

describe('reassignDue', () => {
  it('counts the silence from the later of the assignment and the start of the wait', () => {
    expect(reassignDue(0, null, null, 10, 60 * M)).toBe(false);
    expect(reassignDue(0, null, 0, 10, 10 * M - 1)).toBe(false);
    expect(reassignDue(0, null, 0, 10, 10 * M)).toBe(true);
    // Waiting since before the assignment: the new assignee gets the full N minutes.
    expect(reassignDue(5 * M, null, 0, 10, 14 * M)).toBe(false);
    expect(reassignDue(5 * M, null, 0, 10, 15 * M)).toBe(true);
    // The customer began waiting after the assignment.
    expect(reassignDue(0, null, 20 * M, 10, 29 * M)).toBe(false);
    expect(reassignDue(0, null, 20 * M, 10, 30 * M)).toBe(true);
  });

  it('is not due after a reply since that start; an older reply does not count', () => {
    expect(reassignDue(0, 3 * M, 2 * M, 10, 60 * M)).toBe(false);
    expect(reassignDue(0, 2 * M, 2 * M, 10, 60 * M)).toBe(false);
    expect(reassignDue(0, 1 * M, 2 * M, 10, 12 * M)).toBe(true);
    expect(reassignDue(5 * M, 4 * M, 0, 10, 15 * M)).toBe(true);
  });
});

describe('reasonText', () => {
  it('puts each reason in the timeline’s words', () => {
    expect(reasonText({ kind: 'round_robin' })).toBe('round robin');
    expect(reasonText({ kind: 'balanced' })).toBe('balanced');
    expect(reasonText({ kind: 'rule', ruleId: 'r1', ruleName: 'Refunds' })).toBe('rule Refunds');
    expect(reasonText({ kind: 'menu', skill: 'Sales' })).toBe('menu: Sales');
    expect(reasonText({ kind: 'last_agent' })).toBe('back to last agent');
    expect(reasonText({ kind: 'reassigned', afterMinutes: 10 })).toBe('reassigned: no reply in 10 min');
    expect(reasonText({ kind: 'rerouted_owner_offline' })).toBe('rerouted: owner offline');
  });
});

describe('properties', () => {
  const ids = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'];
  const skill = fc.constantFrom('sales', 'refunds', 'vip');
  const candidatesArb = fc.uniqueArray(
    fc.record({
      id: fc.constantFrom(...ids),
      status: fc.constantFrom<AgentStatus>(...AGENT_STATUSES),
      capacity: fc.integer({ min: 0, max: 4 }),
      open: fc.integer({ min: 0, max: 5 }),
      skills: fc.uniqueArray(skill, { maxLength: 3 }),
      lastAssignedAt: fc.option(fc.integer({ min: 0, max: 100 })),
      createdAt: fc.integer({ min: 0, max: 10 }),
    }),
    { selector: (c) => c.id, maxLength: 6 },
  );
  const rulesArb = fc.array(
    fc.record({
      id: fc.constantFrom('r0', 'r1', 'r2'),
      name: fc.constant('Rule'),
      target: fc.oneof(fc.record({ agentId: fc.constantFrom(...ids, 'gone') }), fc.record({ skill: fc.oneof(skill, fc.constant('none')) })),
    }),
    { maxLength: 3 },
  );
  const contextArb = fc.record({
    ruleId: fc.option(fc.constantFrom('r0', 'r1', 'r2', 'r9')),
    menuSkill: fc.option(fc.oneof(skill, fc.constant('none'))),
    lastAgentId: fc.option(fc.constantFrom(...ids)),
    backToLastAgent: fc.boolean(),
  });
  const modeArb = fc.constantFrom(...ROUTING_MODES);
  const thenArb = fc.constantFrom('round_robin' as const, 'balanced' as const);

  it('never chooses an agent who is away, on a break, offline or full', () => {
    expect(() =>
      fc.assert(
        fc.property(modeArb, thenArb, rulesArb, candidatesArb, contextArb, (mode, then, rules, candidates, context) => {
          const choice = chooseAgent(mode, then, rules, candidates, context);
          if (choice.agentId === null) return true;
          const chosen = candidates.find((c) => c.id === choice.agentId);
          return chosen !== undefined && eligible(chosen);
        }),
        { numRuns: 2000 },
      ),
    ).not.toThrow();
  });

  it('never plans a chat past capacity or for an agent who is not online', () => {
    expect(() =>
      fc.assert(
        fc.property(modeArb, thenArb, rulesArb, candidatesArb, fc.array(contextArb, { maxLength: 30 }), (mode, then, rules, candidates, contexts) => {
          const waiting = contexts.map((context, i) => ({ id: `w${i}`, context }));
          const plan = planDrain(mode, then, rules, candidates, waiting, (w) => w.context, 1000);
          return candidates.every((c) => {
            const given = plan.filter((p) => p.agentId === c.id).length;
            return given === 0 || (c.status === 'online' && c.open + given <= c.capacity);
          });
        }),
        { numRuns: 1000 },
      ),
    ).not.toThrow();
  });

  it('round robin and balanced pick the best eligible agent by their own order', () => {
    expect(() =>
      fc.assert(
        fc.property(candidatesArb, (candidates) => {
          const free = candidates.filter(eligible);
          const rr = chooseAgent('round_robin', 'round_robin', [], candidates, none);
          const bal = chooseAgent('balanced', 'round_robin', [], candidates, none);
          if (free.length === 0) return rr.agentId === null && bal.agentId === null;
          const turn = (c: RoutingCandidate) => c.lastAssignedAt ?? -1;
          const first = byId(candidates, rr.agentId!);
          const lightest = byId(candidates, bal.agentId!);
          return free.every((c) => turn(first) <= turn(c) && lightest.open * c.capacity <= c.open * lightest.capacity);
        }),
        { numRuns: 2000 },
      ),
    ).not.toThrow();
  });
});

describe('speed', () => {
  it('chooses among 4 agents in far under a millisecond', () => {
    const candidates = team('a', 'b', 'c', 'd').map((c, i) => ({ ...c, skills: ['sales'], open: i, lastAssignedAt: 10 - i }));
    const rules: RoutingRule[] = [{ id: 'r', name: 'Sales', target: { skill: 'sales' } }];
    const context: RoutingContext = { ruleId: 'r', backToLastAgent: true, lastAgentId: 'zed' };
    const runs = 20_000;
    const start = performance.now();
    for (let i = 0; i < runs; i++) {
      chooseAgent('rules', 'balanced', rules, candidates, context);
      chooseAgent('round_robin', 'round_robin', rules, candidates, none);
    }
    const perCall = (performance.now() - start) / (2 * runs);
    expect(perCall).toBeLessThan(0.01);
  });
});
