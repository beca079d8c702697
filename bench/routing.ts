// `npx tsx bench/routing.ts`: the routing goals of issue #8, measured in Node on this machine,
// in-process (no child processes, no sockets), on the coordinator's own code and database.
//   1. One new chat routed among 4 agents while the workspace holds 500 open conversations
//      (goal: p99 under 1 ms for the routing decision as the coordinator applies it), in layers:
//      a. the pure decision, chooseAgent (shared/domain/routing.ts), over 4 candidates;
//      b. the coordinator's applied step, on a database file opened and migrated by
//         coordinator/db/open.ts: a device's signal for a new chat runs the transaction of
//         coordinator/routes/signals.ts, and inside it `afterCustomerWrote` -> `routeWaiting`
//         (routingCandidates, chooseAgent, assignAutomatically) is timed alone, the RoutingScope's
//         settings and hours reads apart, and the whole transaction around them. Baseline in the
//         same run, on the same file: one bare prepared SELECT of the agents' open counts.
//   2. A 1,000-chat backlog drained: nobody online, then 4 agents of capacity 250 come online,
//      one after another as presence.ts drains (each sign-in drains in its transaction), and
//      all at once as one drainWorkspace (what the routing clock or a capacity change runs).
//      Median over fresh databases; the order (oldest first) and capacity are checked and
//      printed, not asserted.
//   3. For context, end to end through the Hono app in-process (coordinator/test/harness.ts,
//      in-memory SQLite): POST /api/v1/signals for a new chat in round_robin mode with 500 open,
//      against a bare authenticated GET /api/v1/me.
// Every timed new chat is deleted afterwards (untimed), so each sample sees exactly the seeded
// open conversations: a growing history would lengthen the count's index scan (see --history).
// Figures, not assertions: a MISS never fails anything.
// Options: --samples=N (routed chats timed in 1, default 3000), --warmup=N (default 300),
// --open=N (open conversations seeded, default 500), --history=N (resolved conversations seeded
// besides, default 0), --backlog=N (default 1000), --reps=N (fresh databases per drain, default 5),
// --http-samples=N (default 1500).
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterSignal } from '../shared/domain/waiting';
import { applyAssignment, chooseAgent, drainOrder, planDrain, type RoutingCandidate, type RoutingMode, type RoutingRule, type RoutingStrategy } from '../shared/domain/routing';
import { createApp, createDeps } from '../coordinator/app';
import { queueAutomatic } from '../coordinator/automatic';
import { clocksAfter } from '../coordinator/clocks';
import { getConversation, upsertConversation, workspaceConversations } from '../coordinator/conversations';
import { openDatabase, type Db } from '../coordinator/db/open';
import { agents, conversationAliases, conversations, events } from '../coordinator/db/schema';
import type { Deps } from '../coordinator/deps';
import { mutate, type Actor } from '../coordinator/events';
import { conversationView } from '../coordinator/lib/views';
import { setAgentStatus } from '../coordinator/presence';
import { afterCustomerWrote, drainWorkspace, routingCandidates, RoutingScope } from '../coordinator/routing';
import { changeStatus } from '../coordinator/routes/conversations';
import { T0, testCoordinator, type TestCoordinator } from '../coordinator/test/harness';
import { int, ms, summarize, table } from './stats';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SAMPLES = arg('samples', 3000);
const WARMUP = arg('warmup', 300);
const OPEN = arg('open', 500);
const HISTORY = arg('history', 0);
const BACKLOG = arg('backlog', 1000);
const REPS = arg('reps', 5);
const HTTP_SAMPLES = arg('http-samples', 1500);
const AGENTS = 4;
const DRAIN_CAPACITY = 250;
// High enough that nobody is ever full in section 1: the seeded chats plus the one being routed.
const ROUTING_CAPACITY = 10_000;
const GOALS = { routingP99Ms: 1 };

// Production-like stores: database files in WAL mode (openDatabase), removed however the run ends.
const dir = mkdtempSync(join(tmpdir(), 'baton-routing-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let databases = 0;
const freshPath = () => join(dir, `routing-${++databases}.sqlite`);

// ---- A coordinator in-process, on a database file ------------------------------------------

type Call = TestCoordinator['call'];

/**
 * What testCoordinator gives (app, deps, call, injected time), on a file: the harness opens
 * ':memory:' only, and section 1's figures should include a file's journal writes.
 */
function fileCoordinator(file: string) {
  let now = T0;
  const { db, sqlite } = openDatabase(file);
  const deps = createDeps(db, () => now);
  const app = createApp(deps);
  const call: Call = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(`/api/v1${path}`, { method, headers, body: options.body === undefined ? options.raw : JSON.stringify(options.body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  };
  return { deps, db, sqlite, call, advance: (by: number) => (now += by), close: () => sqlite.close() };
}

interface Team {
  ownerToken: string;
  workspaceId: string;
  /** Who reports the chats: the owner, as a device reporting what it sees would. */
  actor: Actor;
  agentIds: string[];
}

async function expectStatus(what: string, res: Promise<{ status: number; body: unknown }>, status = 200) {
  const r = await res;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

/**
 * A workspace through the API: the owner away (not a candidate: they only watch), four agents
 * signed in (signing in puts them online) or then offline, round_robin routing.
 */
async function team(call: Call, online: boolean): Promise<Team> {
  const setup = await expectStatus('setup', call('POST', '/setup', { body: { workspace: 'Bench Bakery', name: 'Olga Owner', email: 'owner@bench.test', password: 'owner-pass-1' } }), 201);
  const ownerToken = setup.token as string;
  const ownerId = (setup.agent as { id: string }).id;
  const workspaceId = (setup.workspace as { id: string }).id;
  await expectStatus('owner away', call('PUT', '/me/status', { token: ownerToken, body: { status: 'away' } }));
  const agentIds: string[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const email = `agent${i}@bench.test`;
    const agent = await expectStatus('add agent', call('POST', '/agents', { token: ownerToken, body: { name: `Agent ${'ABCD'[i]}`, email, password: 'agent-pass-1', role: 'agent' } }), 201);
    const session = await expectStatus('sign in', call('POST', '/sessions', { body: { email, password: 'agent-pass-1' } }), 201);
    if (!online) await expectStatus('agent offline', call('PUT', '/me/status', { token: session.token as string, body: { status: 'offline' } }));
    agentIds.push(agent.id as string);
  }
  await expectStatus('routing', call('PUT', '/workspace/routing', { token: ownerToken, body: { mode: 'round_robin' } }));
  return { ownerToken, workspaceId, actor: { workspaceId, agentId: ownerId, deviceId: null }, agentIds };
}

/** Written to the column: the API caps capacity at 100 (shared/api.ts), below what these loads need. */
function setCapacity(db: Db, agentIds: string[], capacity: number) {
  for (const id of agentIds) db.update(agents).set({ capacity }).where(eq(agents.id, id)).run();
}

// ---- The coordinator's steps, called as its routes call them ---------------------------------

let chats = 0;

/** A chat a device reports for the first time, as POST /conversations records it. */
function newChat(deps: Deps, actor: Actor): string {
  const k = ++chats;
  const { conversation } = mutate(deps, actor, (tx, emit) => upsertConversation(tx, emit, actor.workspaceId, deps.now(), { jid: `5511${String(900000000 + k)}@c.us`, title: `Customer ${k}` }));
  return conversation.id;
}

interface SignalTimes {
  /** RoutingScope's settings and business-hours reads (lazy; clocksAfter would do them first). */
  scopeMs: number;
  /** afterCustomerWrote: routeWaiting -> routingCandidates, chooseAgent, assignAutomatically. */
  routingMs: number;
  assigneeId: string | null;
}

/**
 * The transaction of POST /signals for one signal without a triage outcome: the body of
 * coordinator/routes/signals.ts, step for step (keep the two in step), with the routing call
 * timed inside it. The scope's reads are forced first only to time them apart: the same reads,
 * in the same transaction, that clocksAfter would make.
 */
function signalTransaction(deps: Deps, actor: Actor, conversationId: string, at: number): SignalTimes {
  return mutate(deps, actor, (tx, emit) => {
    const found = workspaceConversations(tx, actor.workspaceId, [conversationId]);
    const now = deps.now();
    const scope = new RoutingScope(deps.db, tx, emit, actor.workspaceId, now);
    const t0 = performance.now();
    const loaded = scope.settings.routing.mode !== 'manual' && scope.hoursNow !== null;
    const scopeMs = performance.now() - t0;
    const before = found.get(conversationId)!;
    const clock = afterSignal(before, Math.min(at, now));
    if (!clock || !loaded) throw new Error('bench: the signal should start the clock, in round_robin mode');
    const { status, waitingSince, waitingSource, lastInboundAt } = clock;
    const reopened = status !== before.status;
    const after = changeStatus(tx, emit, before, status, now, { waitingSince, waitingSource, lastInboundAt, ...(reopened ? { snoozedUntil: null } : {}) }, 'customer_wrote');
    if (!reopened) emit({ type: 'conversation.updated', conversationId: after.id, data: { conversation: conversationView(after), reason: 'inbound_signal' } });
    // Automatic messages are off here: nothing is queued, and nothing holds the chat.
    const { conversation: clocked } = queueAutomatic(scope, before, clocksAfter(scope, before, after));
    const t1 = performance.now();
    const routed = afterCustomerWrote(scope, before, clocked);
    return { scopeMs, routingMs: performance.now() - t1, assigneeId: routed.assigneeId };
  });
}

/** Deletes a timed chat (its alias first: a foreign key), so the next sample sees the same workspace. */
function forget(db: Db, conversationId: string) {
  db.delete(conversationAliases).where(eq(conversationAliases.conversationId, conversationId)).run();
  db.delete(conversations).where(eq(conversations.id, conversationId)).run();
}

/** The workspace's load: `open` chats routed to the agents as the coordinator routes them, and `history` resolved. */
function seedLoad(c: ReturnType<typeof fileCoordinator>, t: Team, open: number, history: number) {
  for (let i = 0; i < open + history; i++) {
    const id = newChat(c.deps, t.actor);
    signalTransaction(c.deps, t.actor, id, c.deps.now());
    if (i >= open) mutate(c.deps, t.actor, (tx, emit) => changeStatus(tx, emit, getConversation(c.deps.db, t.workspaceId, id), 'resolved', c.deps.now()));
    c.advance(1000);
  }
}

// ---- Printing ----------------------------------------------------------------------------------

const section = (title: string) => console.log(`\n== ${title}`);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const HEAD = ['', 'p50', 'p95', 'p99', 'max', 'mean'];
const us = (x: number) => `${(x * 1000).toFixed(2)} µs`;
function row(name: string, samples: readonly number[], unit = ms) {
  const s = summarize(samples);
  return [name, unit(s.p50), unit(s.p95), unit(s.p99), unit(s.max), unit(s.mean)];
}
const median = (xs: readonly number[]) => summarize(xs).p50;
const counts = (xs: readonly number[]) => xs.map(int).join(' / ');

// ---- 1a. The pure decision -----------------------------------------------------------------------

/** Nothing but the two clock reads: the floor under every per-call figure of 1a. */
function timerFloor(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    out.push(performance.now() - t);
  }
  return out;
}

/**
 * chooseAgent per call over `pool` (copied), each chosen agent then given the chat and one of
 * theirs resolved (untimed), so turns move as they do in a real workspace and loads stay put.
 */
function timeChoose(pool: readonly RoutingCandidate[], mode: RoutingMode, then: RoutingStrategy, rules: RoutingRule[], context: { ruleId?: string }, n: number) {
  const candidates = pool.map((c) => ({ ...c, skills: [...c.skills] }));
  const times: number[] = [];
  let now = T0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const choice = chooseAgent(mode, then, rules, candidates, context);
    times.push(performance.now() - t);
    if (choice.agentId === null) throw new Error(`bench: nobody chosen in ${mode}`);
    applyAssignment(candidates, choice.agentId, (now += 1000));
    candidates.find((c) => c.id === choice.agentId)!.open--;
  }
  return times;
}

/** Mean per call of a tight loop: per-call timing cannot see below the timer's own cost. */
function loopMean(pool: readonly RoutingCandidate[], n: number): number {
  let sink = 0;
  const t = performance.now();
  for (let i = 0; i < n; i++) sink += chooseAgent('round_robin', 'round_robin', [], pool, {}).agentId!.length;
  const elapsed = performance.now() - t;
  if (sink === 0) throw new Error('bench: nothing chosen');
  return elapsed / n;
}

// ---- 1b. The coordinator's applied step ------------------------------------------------------------

async function appliedStep() {
  const c = fileCoordinator(freshPath());
  const t = await team(c.call, true);
  setCapacity(c.db, t.agentIds, ROUTING_CAPACITY);
  seedLoad(c, t, OPEN, HISTORY);
  const pool = routingCandidates(c.db, t.workspaceId);

  // The least a routing decision must read: the open counts, one prepared statement, no drizzle.
  const bareCounts = c.sqlite.prepare(
    "SELECT assignee_id, count(*) AS n FROM conversations WHERE workspace_id = ? AND assignee_id IS NOT NULL AND status IN ('open', 'pending') GROUP BY assignee_id",
  );
  const times = { bare: [] as number[], candidates: [] as number[], scope: [] as number[], routing: [] as number[], both: [] as number[], whole: [] as number[] };
  const perAgent = new Map<string, number>();
  let unrouted = 0;
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const id = newChat(c.deps, t.actor);
    let at = performance.now();
    bareCounts.all(t.workspaceId);
    const bare = performance.now() - at;
    at = performance.now();
    routingCandidates(c.db, t.workspaceId);
    const candidates = performance.now() - at;
    at = performance.now();
    const step = signalTransaction(c.deps, t.actor, id, c.deps.now());
    const whole = performance.now() - at;
    forget(c.db, id);
    c.advance(1000);
    if (i < WARMUP) continue;
    times.bare.push(bare);
    times.candidates.push(candidates);
    times.scope.push(step.scopeMs);
    times.routing.push(step.routingMs);
    times.both.push(step.scopeMs + step.routingMs);
    times.whole.push(whole);
    if (step.assigneeId === null) unrouted++;
    else perAgent.set(step.assigneeId, (perAgent.get(step.assigneeId) ?? 0) + 1);
  }
  const openNow = routingCandidates(c.db, t.workspaceId).map((a) => a.open);
  c.close();
  return { pool, times, perAgent: t.agentIds.map((a) => perAgent.get(a) ?? 0), unrouted, openNow };
}

// ---- 2. The backlog drain -----------------------------------------------------------------------

/** mulberry32, for a shuffle that is the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * A fresh database with nobody online and `BACKLOG` chats waiting in the queue, each reported by
 * a signal. Their waits start in shuffled order, so the order they were created in is not the
 * order a drain must follow: an oldest-first drain shows as such only by reading the clocks.
 */
async function backlogWorkspace() {
  const c = fileCoordinator(freshPath());
  const t = await team(c.call, false);
  setCapacity(c.db, t.agentIds, DRAIN_CAPACITY);
  const next = random(8);
  const ages = Array.from({ length: BACKLOG }, (_, i) => i);
  for (let i = ages.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [ages[i], ages[j]] = [ages[j]!, ages[i]!];
  }
  const start = c.deps.now();
  for (const age of ages) {
    const id = newChat(c.deps, t.actor);
    const routed = signalTransaction(c.deps, t.actor, id, start - (BACKLOG - age) * 1000);
    if (routed.assigneeId !== null) throw new Error('bench: a backlog chat was routed with nobody online');
  }
  c.advance(60_000);
  const seqBefore = c.db.select({ seq: events.seq }).from(events).orderBy(desc(events.seq)).limit(1).get()?.seq ?? 0;
  return { c, t, seqBefore };
}

/** What a drain did: assignments in the order they were written, per agent, against capacity and the clocks. */
function drainOutcome(db: Db, t: Team, seqBefore: number) {
  const written = db
    .select({ conversationId: events.conversationId })
    .from(events)
    .where(and(eq(events.workspaceId, t.workspaceId), eq(events.type, 'assignee.changed'), gt(events.seq, seqBefore)))
    .orderBy(events.seq)
    .all();
  const since = new Map(db.select({ id: conversations.id, waitingSince: conversations.waitingSince }).from(conversations).all().map((r) => [r.id, r.waitingSince ?? 0]));
  // Out of order: an assignment of a chat that started waiting after the one assigned before it.
  let outOfOrder = 0;
  let previous = -Infinity;
  for (const w of written) {
    const s = since.get(w.conversationId!)!;
    if (s < previous) outOfOrder++;
    previous = s;
  }
  const load = routingCandidates(db, t.workspaceId).filter((a) => t.agentIds.includes(a.id));
  const overCapacity = load.reduce((sum, a) => sum + Math.max(0, a.open - a.capacity), 0);
  const waiting = db.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.workspaceId, t.workspaceId), isNull(conversations.assigneeId))).all().length;
  return { assigned: written.length, outOfOrder, perAgent: load.map((a) => a.open), overCapacity, waiting };
}

type DrainOutcome = ReturnType<typeof drainOutcome>;

/** As presence.ts does it: each agent's sign-in drains in its own transaction, one after another. */
async function drainAsAgentsArrive() {
  const { c, t, seqBefore } = await backlogWorkspace();
  const at = performance.now();
  for (const agentId of t.agentIds) setAgentStatus(c.deps, { workspaceId: t.workspaceId, agentId, deviceId: null }, agentId, 'online', false);
  const totalMs = performance.now() - at;
  const outcome = drainOutcome(c.db, t, seqBefore);
  c.close();
  return { totalMs, planMs: null, outcome };
}

/**
 * All four online before one drain (set in the column, no drain of their own), then one
 * drainWorkspace in one transaction, as the routing clock or a capacity change runs it. The pure
 * plan (drainOrder + planDrain) on the same rows is timed first, apart.
 */
async function drainAtOnce() {
  const { c, t, seqBefore } = await backlogWorkspace();
  for (const agentId of t.agentIds) c.db.update(agents).set({ status: 'online' }).where(eq(agents.id, agentId)).run();
  const waiting = c.db.select().from(conversations).where(and(eq(conversations.workspaceId, t.workspaceId), isNull(conversations.assigneeId))).all();
  const candidates = routingCandidates(c.db, t.workspaceId);
  let at = performance.now();
  const plan = planDrain('round_robin', 'round_robin', [], candidates, drainOrder(waiting), () => ({}), c.deps.now());
  const planMs = performance.now() - at;
  if (plan.length !== Math.min(BACKLOG, AGENTS * DRAIN_CAPACITY)) throw new Error(`bench: the plan holds ${plan.length}`);
  at = performance.now();
  mutate(c.deps, t.actor, (tx, emit) => drainWorkspace(c.deps.db, tx, emit, t.workspaceId, c.deps.now()));
  const totalMs = performance.now() - at;
  const outcome = drainOutcome(c.db, t, seqBefore);
  c.close();
  return { totalMs, planMs, outcome };
}

type DrainRun = { totalMs: number; planMs: number | null; outcome: DrainOutcome };

/** Both ways, alternated, so a change in the machine's load falls on both alike. */
async function drains() {
  const arriving: DrainRun[] = [];
  const atOnce: DrainRun[] = [];
  for (let i = 0; i < REPS; i++) {
    arriving.push(await drainAsAgentsArrive());
    atOnce.push(await drainAtOnce());
  }
  return { arriving, atOnce };
}

// ---- 3. End to end through HTTP ---------------------------------------------------------------------

async function endToEnd() {
  const h = testCoordinator();
  const t = await team(h.call, true);
  setCapacity(h.db, t.agentIds, ROUTING_CAPACITY);
  const token = t.ownerToken;
  /** A new chat and a device's signal for it, both as the extension sends them. */
  const report = async () => {
    const chat = await expectStatus('new chat', h.call('POST', '/conversations', { token, body: { jid: `5521${String(900000000 + ++chats)}@c.us`, title: `Customer ${chats}` } }), 201);
    return chat.id as string;
  };
  const signal = (id: string) => h.call('POST', '/signals', { token, body: { signals: [{ conversationId: id, at: new Date(h.now()).toISOString(), unread: 1 }] } });
  for (let i = 0; i < OPEN; i++) {
    await expectStatus('seed signal', signal(await report()));
    h.advance(1000);
  }
  const times = { get: [] as number[], signal: [] as number[] };
  let unrouted = 0;
  for (let i = 0; i < WARMUP + HTTP_SAMPLES; i++) {
    const id = await report();
    let at = performance.now();
    await expectStatus('GET /me', h.call('GET', '/me', { token }));
    const get = performance.now() - at;
    at = performance.now();
    const res = await signal(id);
    const post = performance.now() - at;
    if (res.status !== 200 || res.body.applied !== 1) throw new Error(`signal: ${res.status} ${JSON.stringify(res.body)}`);
    if (getConversation(h.db, t.workspaceId, id).assigneeId === null) unrouted++;
    forget(h.db, id);
    h.advance(1000);
    if (i < WARMUP) continue;
    times.get.push(get);
    times.signal.push(post);
  }
  h.close();
  return { times, unrouted };
}

// ---- The run -------------------------------------------------------------------------------------------

async function main() {
  console.log(`Baton routing bench: node ${process.version}, ${AGENTS} agents, ${int(OPEN)} open conversations${HISTORY ? ` and ${int(HISTORY)} resolved` : ''}, ${int(SAMPLES)} routed chats after ${int(WARMUP)} warm-up`);
  console.log(`load average at the start: ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores (a loaded machine shows in the tails)`);

  const applied = await appliedStep();
  // The four agents as the coordinator read them after the seeding (the owner, away, left out).
  const pool = applied.pool.filter((c) => c.status === 'online');

  section(`1a. chooseAgent, ${pool.length} candidates (${counts(pool.map((c) => c.open))} open), per call, ${int(SAMPLES)} calls after ${int(WARMUP)} warm-up (in µs)`);
  // Half the agents handle refunds: rules mode's rule -> skill group -> balanced path.
  const skilled = pool.map((c, i) => ({ ...c, skills: i % 2 ? ['refunds'] : [] }));
  const refundRule: RoutingRule[] = [{ id: 'refunds', name: 'Refunds', target: { skill: 'refunds' } }];
  timeChoose(pool, 'round_robin', 'round_robin', [], {}, WARMUP);
  const floor = timerFloor(SAMPLES);
  const roundRobin = timeChoose(pool, 'round_robin', 'round_robin', [], {}, SAMPLES);
  const balanced = timeChoose(pool, 'balanced', 'balanced', [], {}, SAMPLES);
  const rules = timeChoose(skilled, 'rules', 'balanced', refundRule, { ruleId: 'refunds' }, SAMPLES);
  console.log(
    table([
      HEAD,
      row('timer alone (floor)', floor, us),
      row('round_robin', roundRobin, us),
      row('balanced', balanced, us),
      row('rules: rule -> skill -> balanced', rules, us),
    ]),
  );
  console.log(`round_robin in a tight loop of 1,000,000 calls: ${us(loopMean(pool, 1_000_000))} per call`);

  const a = applied.times;
  section(`1b. The coordinator's step on a database file: a signal for a new chat, ${int(OPEN)} open, ${int(SAMPLES)} chats after ${int(WARMUP)} warm-up`);
  console.log(
    table([
      HEAD,
      row('baseline: bare SELECT of open counts', a.bare),
      row('routingCandidates alone (2 queries)', a.candidates),
      row('RoutingScope settings + hours reads', a.scope),
      row('routing step: afterCustomerWrote', a.routing),
      row('scope reads + routing step', a.both),
      row('whole signal transaction', a.whole),
    ]),
  );
  const bare = summarize(a.bare);
  const routing = summarize(a.routing);
  const both = summarize(a.both);
  const whole = summarize(a.whole);
  console.log(`routing step / baseline: ${(routing.p50 / bare.p50).toFixed(1)}x at the median, ${(routing.p99 / bare.p99).toFixed(1)}x at p99`);
  console.log(`routed per agent: ${counts(applied.perAgent)} (not routed: ${applied.unrouted}); open per candidate at the end: ${counts(applied.openNow)} (the owner, away, is a candidate too)`);

  section(`2. Draining a backlog of ${int(BACKLOG)}: ${AGENTS} agents of capacity ${DRAIN_CAPACITY} come online (median of ${REPS} fresh databases each)`);
  const { arriving, atOnce } = await drains();
  const drainRow = (name: string, runs: DrainRun[]) => {
    const total = median(runs.map((r) => r.totalMs));
    const perChat = median(runs.map((r) => r.totalMs / Math.max(1, r.outcome.assigned)));
    const all = runs.map((r) => r.totalMs).sort((x, y) => x - y);
    return [name, ms(total), ms(all[0]!), ms(all.at(-1)!), us(perChat)];
  };
  console.log(
    table([
      ['', 'median', 'min', 'max', 'per chat'],
      drainRow('one by one (presence.ts, 4 transactions)', arriving),
      drainRow('all at once (one drainWorkspace)', atOnce),
    ]),
  );
  console.log(`of which the pure plan of the one drain (drainOrder + planDrain): median ${ms(median(atOnce.map((r) => r.planMs!)))}`);
  const outcomes = [...arriving, ...atOnce].map((r) => r.outcome);
  for (const [name, runs] of [
    ['one by one', arriving],
    ['all at once', atOnce],
  ] as const) {
    const o = runs[0]!.outcome;
    console.log(`${name}, first run: assigned ${int(o.assigned)}, still waiting ${int(o.waiting)}, per agent ${counts(o.perAgent)} (capacity ${DRAIN_CAPACITY}), over capacity ${o.overCapacity}, assigned out of oldest-first order ${o.outOfOrder}`);
  }
  const drainedAll = outcomes.every((o) => o.assigned === Math.min(BACKLOG, AGENTS * DRAIN_CAPACITY));
  const inOrder = outcomes.every((o) => o.outOfOrder === 0);
  const withinCapacity = outcomes.every((o) => o.overCapacity === 0);
  console.log(`over all ${outcomes.length} runs: every chat assigned ${drainedAll}, oldest first ${inOrder}, nobody over capacity ${withinCapacity}`);

  section(`3. End to end, in-process Hono app (in-memory SQLite), ${int(OPEN)} open, ${int(HTTP_SAMPLES)} requests each after ${int(WARMUP)} warm-up`);
  const http = await endToEnd();
  console.log(table([HEAD, row('baseline: GET /api/v1/me', http.times.get), row('POST /api/v1/signals, new chat', http.times.signal)]));
  const get = summarize(http.times.get);
  const post = summarize(http.times.signal);
  console.log(`signal / GET: ${(post.p50 / get.p50).toFixed(1)}x at the median, ${(post.p99 / get.p99).toFixed(1)}x at p99 (not routed: ${http.unrouted})`);

  console.log(`\nload average at the end: ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
  const chooseP99 = summarize(roundRobin).p99;
  const arriveMedian = median(arriving.map((r) => r.totalMs));
  const onceMedian = median(atOnce.map((r) => r.totalMs));
  section('Summary');
  console.log(
    table([
      ['Goal', 'Figure', 'Target', 'Result'],
      ['chooseAgent, 4 candidates, round_robin, p99', us(chooseP99), '< 1 ms', verdict(chooseP99 < GOALS.routingP99Ms)],
      [`routing step in the transaction, ${int(OPEN)} open, p99`, ms(routing.p99), '< 1 ms', verdict(routing.p99 < GOALS.routingP99Ms)],
      ['  with the scope reads, p99', ms(both.p99), '< 1 ms', verdict(both.p99 < GOALS.routingP99Ms)],
      ['  whole signal transaction, p99', ms(whole.p99), 'context', '-'],
      ['  routing step / bare SELECT, median', `${(routing.p50 / bare.p50).toFixed(1)}x`, 'context', '-'],
      [`drain ${int(BACKLOG)}, one by one, median`, `${ms(arriveMedian)} (${us(arriveMedian / BACKLOG)}/chat)`, 'context', '-'],
      [`drain ${int(BACKLOG)}, all at once, median`, `${ms(onceMedian)} (${us(onceMedian / BACKLOG)}/chat)`, 'context', '-'],
      ['drain: oldest first, within capacity, all', `${inOrder} / ${withinCapacity} / ${drainedAll}`, 'all true', verdict(inOrder && withinCapacity && drainedAll)],
      [`POST /signals, new chat, ${int(OPEN)} open, p99`, ms(post.p99), 'context', '-'],
    ]),
  );
}

main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exit(1);
});
