// The event log as the report definitions read it (shared/domain/episodes.ts): each event of a
// conversation turned into a Fact, at the time the thing happened (a message's own time, else
// the event's), in log order for the same instant. A reply credited later (`message.credited`)
// is credited where it stands.
import type { Fact } from '../../shared/domain/episodes';
import type { SlaKind } from '../../shared/domain/sla';
import type { events } from '../db/schema';

type EventRow = typeof events.$inferSelect;

/** A conversation's facts, in the order they happened, from its events in log order. */
export function factsOf(rows: readonly EventRow[]): Fact[] {
  const facts: { fact: Fact; seq: number }[] = [];
  const replies = new Map<string, Extract<Fact, { kind: 'reply' }>>();
  const add = (fact: Fact, seq: number) => facts.push({ fact, seq });
  for (const row of rows) {
    const data = row.data;
    switch (row.type) {
      case 'message.created': {
        const at = Date.parse(String(data.at));
        if (Number.isNaN(at)) break;
        if (data.direction === 'in') add({ kind: 'customer', at }, row.seq);
        else if (typeof data.automatic === 'string') add({ kind: 'automatic', at, automatic: data.automatic }, row.seq);
        else {
          const reply: Extract<Fact, { kind: 'reply' }> = { kind: 'reply', at, agentId: typeof data.agentId === 'string' ? data.agentId : null };
          replies.set(String(data.waMessageId), reply);
          add(reply, row.seq);
        }
        break;
      }
      case 'message.credited': {
        const reply = replies.get(String(data.waMessageId));
        if (reply && typeof data.agentId === 'string') reply.agentId = data.agentId;
        break;
      }
      case 'assignee.changed':
        add({ kind: 'assigned', at: row.at, agentId: (data.to as string | null) ?? null, from: (data.from as string | null) ?? null, how: String(data.reason) }, row.seq);
        break;
      case 'conversation.status_changed':
        if (data.to === 'resolved') add({ kind: 'resolved', at: row.at, agentId: row.actorId }, row.seq);
        break;
      case 'satisfaction.rated':
        add({ kind: 'rated', at: row.at, rating: Number(data.rating), agentId: (data.agentId as string | null) ?? null }, row.seq);
        break;
      case 'sla.breached':
        add({ kind: 'breached', at: row.at, sla: data.kind as SlaKind }, row.seq);
        break;
      case 'conversation.tags_changed': {
        const tags = (data.conversation as { tags?: string[] } | undefined)?.tags;
        if (tags) add({ kind: 'tags', at: row.at, tags }, row.seq);
        break;
      }
    }
  }
  return facts.sort((a, b) => a.fact.at - b.fact.at || a.seq - b.seq).map((f) => f.fact);
}
