// SLA clocks (issue #8). Deadlines are computed when a clock starts, with the policy and the
// business hours in force then, and stored: changing either later never moves a running clock
// or rewrites a past one. A breach is recorded once per clock (once per unanswered customer
// message for the next response) by the housekeeping sweep.
import { and, eq, isNotNull, lte } from 'drizzle-orm';
import { policyFor, slaDeadline, type SlaKind } from '../shared/domain/sla';
import { conversations } from './db/schema';
import type { ConversationRow } from './conversations';
import { conversationView } from './lib/views';
import type { RoutingScope } from './routing';

type ClockPatch = Partial<
  Pick<
    ConversationRow,
    'episodeStartedAt' | 'firstReplyAt' | 'firstResponseDueAt' | 'nextResponseDueAt' | 'resolutionDueAt' | 'slaBreaches' | 'slaCheckAt'
  >
>;

const breachKey = (kind: SlaKind, c: Pick<ConversationRow, 'waitingSince'>) => (kind === 'next_response' ? `next_response:${c.waitingSince}` : kind);

/** The clocks that are running, with their deadlines. */
function running(c: ConversationRow): Array<[SlaKind, number]> {
  const dues: Array<[SlaKind, number | null]> = [
    ['first_response', c.firstResponseDueAt],
    ['next_response', c.nextResponseDueAt],
    ['resolution', c.resolutionDueAt],
  ];
  return dues.filter((entry): entry is [SlaKind, number] => entry[1] !== null);
}

/** The next instant one of the conversation's clocks can breach (null: none can). */
function nextCheck(c: ConversationRow): number | null {
  let next: number | null = null;
  for (const [kind, due] of running(c)) {
    if (c.slaBreaches.includes(breachKey(kind, c))) continue;
    next = next === null ? due : Math.min(next, due);
  }
  return next;
}

/**
 * The clocks after a change to a conversation's waiting state (`before` to `after`): an episode
 * starts with the first customer message after creation or a resolution (first response and
 * resolution clocks), a human reply stops the response clocks, a customer writing again after a
 * reply starts the next-response clock. Resolution resets everything (see changeStatus).
 */
export function clocksAfter(scope: RoutingScope, before: ConversationRow, after: ConversationRow): ConversationRow {
  if (after.status === 'resolved') return after;
  const set: ClockPatch = {};
  const policy = () => policyFor(scope.settings.sla.policies, after.tags);
  const due = (kind: SlaKind, start: number) => {
    const p = policy();
    return p ? slaDeadline(p, kind, start, scope.hoursNow) : null;
  };
  const startsEpisode = after.waitingSince !== null && (after.episodeStartedAt === null || (after.firstReplyAt === null && after.waitingSince < after.episodeStartedAt));
  if (startsEpisode) {
    // A signal seen earlier by another device moves the start (and the deadlines) earlier.
    set.episodeStartedAt = after.waitingSince!;
    set.firstResponseDueAt = due('first_response', after.waitingSince!);
    set.resolutionDueAt = due('resolution', after.waitingSince!);
  }
  const replied = after.lastOutboundAt !== null && after.lastOutboundAt !== before.lastOutboundAt && before.waitingSince !== null && after.waitingSince !== before.waitingSince;
  if (replied && after.episodeStartedAt !== null) {
    if (after.firstReplyAt === null) set.firstReplyAt = after.lastOutboundAt!;
    set.firstResponseDueAt = null;
    set.nextResponseDueAt = null;
  }
  const firstReplyAt = set.firstReplyAt ?? after.firstReplyAt;
  const waitsAgain = firstReplyAt !== null && after.waitingSince !== null && (after.waitingSince !== before.waitingSince || replied);
  if (waitsAgain && after.waitingSince! > firstReplyAt) set.nextResponseDueAt = due('next_response', after.waitingSince!);
  if (!Object.keys(set).length) return after;
  const merged = { ...after, ...set };
  set.slaCheckAt = nextCheck(merged);
  return scope.tx.update(conversations).set(set).where(eq(conversations.id, after.id)).returning().get();
}

/** Records every clock that has run out and was not recorded yet. Returns how many breaches. */
export function recordBreaches(scope: RoutingScope): number {
  const due = scope.tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, scope.workspaceId), isNotNull(conversations.slaCheckAt), lte(conversations.slaCheckAt, scope.now)))
    .all();
  let breaches = 0;
  for (const conversation of due) {
    const keys = [...conversation.slaBreaches];
    const breached: Array<[SlaKind, number]> = [];
    for (const [kind, at] of running(conversation)) {
      const key = breachKey(kind, conversation);
      if (at <= scope.now && !keys.includes(key)) {
        keys.push(key);
        breached.push([kind, at]);
      }
    }
    const after = scope.tx
      .update(conversations)
      .set({ slaBreaches: keys, slaCheckAt: nextCheck({ ...conversation, slaBreaches: keys }) })
      .where(eq(conversations.id, conversation.id))
      .returning()
      .get();
    for (const [kind, dueAt] of breached) {
      breaches++;
      scope.emit({
        type: 'sla.breached',
        conversationId: after.id,
        data: { conversation: conversationView(after), kind, dueAt: new Date(dueAt).toISOString(), assignee: after.assigneeId },
      });
    }
  }
  return breaches;
}

/** What a resolution resets: the episode ends, its clocks with it; who had it is remembered. */
export function episodeEnds(c: ConversationRow): Partial<ConversationRow> {
  return {
    episodeStartedAt: null,
    firstReplyAt: null,
    firstResponseDueAt: null,
    nextResponseDueAt: null,
    resolutionDueAt: null,
    slaBreaches: [],
    slaCheckAt: null,
    triage: null,
    // The menu of the episode that ended; a satisfaction question is asked after this.
    question: null,
    routeAfter: null,
    afterHours: false,
    noReplyNotifiedAt: null,
    lastAgentId: c.assigneeId ?? c.lastAgentId,
  };
}
