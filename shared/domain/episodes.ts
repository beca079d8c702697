// Episodes (issue #9): what a conversation's event log says happened, cut the way reports count
// it. An episode runs from its first customer message (after the conversation's creation or a
// resolution) to its next resolution; a reopened chat is a new episode. An episode an agent
// started (the business wrote first) is kept apart: its opener is not a "first response".
// Pure: the coordinator turns its log into Facts, these functions turn Facts into Episodes, and
// reports.ts turns Episodes into figures.
import type { SlaKind } from './sla';

/** One thing that happened in a conversation, at `at` (ms): the log as the metrics read it. */
export type Fact =
  /** A customer message, at the message's own time. */
  | { kind: 'customer'; at: number }
  /** A person's reply; `agentId` null when nobody is credited (sent from the phone). */
  | { kind: 'reply'; at: number; agentId: string | null }
  /** Baton's greeting, away, menu or satisfaction message: never a response. */
  | { kind: 'automatic'; at: number; automatic: string }
  /** The assignee changed (`agentId` null: unassigned); `how`: claim, transfer, assign, auto, release. */
  | { kind: 'assigned'; at: number; agentId: string | null; from: string | null; how: string }
  | { kind: 'resolved'; at: number; agentId: string | null }
  /** A satisfaction rating, recorded against the agent who resolved the episode. */
  | { kind: 'rated'; at: number; rating: number; agentId: string | null }
  | { kind: 'breached'; at: number; sla: SlaKind }
  | { kind: 'tags'; at: number; tags: string[] };

export interface Reply {
  at: number;
  agentId: string | null;
  /** From the oldest customer message it answers (none: null, e.g. a second reply in a row). */
  waitedFrom: number | null;
}

export interface Episode {
  conversationId: string;
  /** The first customer message, or for an episode the business opened, the agent's first message. */
  startedAt: number;
  openedBy: 'customer' | 'business';
  /** The first person's reply after the first customer message (customer-opened episodes only). */
  firstResponse: { at: number; agentId: string | null } | null;
  /**
   * Each assignment's first reply by its assignee, from the assignment (or the episode's start,
   * when later) to that reply; none when that reply came before any customer message.
   */
  assignmentReplies: { agentId: string; from: number; at: number }[];
  replies: Reply[];
  /** Messages from customers in the episode. */
  customerMessages: number[];
  transfers: { from: string | null; to: string | null; at: number }[];
  /** The assignee when the episode ended (or now, while it runs). */
  assignee: string | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
  /** A customer wrote again within the reopen window after its resolution. */
  reopened: boolean;
  satisfaction: { rating: number; agentId: string | null } | null;
  /** Whether a satisfaction question was sent after it. */
  surveyed: boolean;
  breaches: SlaKind[];
  tags: string[];
}

/** The owner's reopen window until they set another: 2 days. */
export const DEFAULT_REOPEN_WINDOW_MS = 2 * 24 * 60 * 60_000;

/**
 * A conversation's episodes, oldest first, from its facts in the order they happened (facts at
 * the same instant keep the order given, the log's). `assignee` is who had the conversation
 * before the first fact (null for a new one); `tags` its tags then.
 */
export function episodesOf(
  conversationId: string,
  facts: readonly Fact[],
  options: { reopenWindowMs?: number; assignee?: string | null; tags?: string[] } = {},
): Episode[] {
  const reopenWindow = options.reopenWindowMs ?? DEFAULT_REOPEN_WINDOW_MS;
  const episodes: Episode[] = [];
  let assignee = options.assignee ?? null;
  let assignedAt: number | null = null;
  let tags = options.tags ?? [];
  let open: Episode | null = null;
  /** Customer messages nobody has answered yet in the open episode. */
  let unanswered: number[] = [];
  /** The current assignment has had its assignee's first reply. */
  let assigneeReplied = false;
  let lastResolved: Episode | null = null;

  const start = (at: number, openedBy: Episode['openedBy']): Episode => {
    const episode: Episode = {
      conversationId,
      startedAt: at,
      openedBy,
      firstResponse: null,
      assignmentReplies: [],
      replies: [],
      customerMessages: [],
      transfers: [],
      assignee,
      resolvedAt: null,
      resolvedBy: null,
      reopened: false,
      satisfaction: null,
      surveyed: false,
      breaches: [],
      tags,
    };
    episodes.push(episode);
    unanswered = [];
    assigneeReplied = false;
    return episode;
  };

  for (const fact of facts) {
    switch (fact.kind) {
      case 'customer': {
        if (!open) {
          if (lastResolved && lastResolved.resolvedAt !== null && fact.at - lastResolved.resolvedAt <= reopenWindow) lastResolved.reopened = true;
          open = start(fact.at, 'customer');
        }
        open.customerMessages.push(fact.at);
        unanswered.push(fact.at);
        break;
      }
      case 'reply': {
        if (!open) open = start(fact.at, 'business');
        open.replies.push({ at: fact.at, agentId: fact.agentId, waitedFrom: unanswered[0] ?? null });
        if (open.openedBy === 'customer' && !open.firstResponse) open.firstResponse = { at: fact.at, agentId: fact.agentId };
        if (assignee !== null && fact.agentId === assignee && !assigneeReplied) {
          // Only toward a customer: an agent opening the chat (the business wrote first) answers nobody yet.
          if (open.customerMessages.length) open.assignmentReplies.push({ agentId: assignee, from: Math.max(assignedAt ?? open.startedAt, open.startedAt), at: fact.at });
          assigneeReplied = true;
        }
        unanswered = [];
        break;
      }
      case 'assigned': {
        if (open && fact.how === 'transfer') open.transfers.push({ from: fact.from, to: fact.agentId, at: fact.at });
        assignee = fact.agentId;
        assignedAt = fact.at;
        assigneeReplied = false;
        if (open) open.assignee = assignee;
        break;
      }
      case 'resolved': {
        if (!open) break;
        open.resolvedAt = fact.at;
        open.resolvedBy = fact.agentId;
        open.assignee = assignee;
        open.tags = tags;
        lastResolved = open;
        open = null;
        break;
      }
      case 'automatic':
        if (fact.automatic === 'satisfaction' && !open && lastResolved) lastResolved.surveyed = true;
        break;
      case 'rated':
        // The rating is asked after the resolution, and answers that episode.
        if (lastResolved && !lastResolved.satisfaction) lastResolved.satisfaction = { rating: fact.rating, agentId: fact.agentId ?? lastResolved.resolvedBy };
        break;
      case 'breached':
        if (open && !open.breaches.includes(fact.sla)) open.breaches.push(fact.sla);
        break;
      case 'tags':
        tags = fact.tags;
        if (open) open.tags = tags;
        break;
    }
  }
  return episodes;
}
