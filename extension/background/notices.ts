// What the agent must be told about an event: a note that mentions them, a conversation handed
// to them by someone else; an owner, and the agent whose chat it is, that a target was missed;
// an owner, that an assignee did not reply in time. (A lost claim or a refused action comes
// from the outbox instead.)
import type { AgentView, ConversationView, EventView, NoteView } from '../../shared/api';
import type { SlaKind } from '../../shared/domain/sla';
import type { Notice } from '../team';

const SLA_TARGETS: Record<SlaKind, string> = { first_response: 'first reply', next_response: 'next reply', resolution: 'resolution' };

/** Notices an event gives the agent `me`, worded in English (the tab may re-render by kind). */
export function noticesFor(event: EventView, me: string, agents: ReadonlyMap<string, AgentView>, at: number): Notice[] {
  const who = (id: string | null) => (id ? (agents.get(id)?.name ?? 'Someone') : 'Someone');
  if (event.type === 'note.created') {
    const note = event.data.note as NoteView | undefined;
    if (!note || note.authorId === me || !note.mentions.includes(me)) return [];
    return [{ id: `mentioned:${note.id}`, kind: 'mentioned', conversationId: note.conversationId, text: `${who(note.authorId)} mentioned you: ${note.text}`, at }];
  }
  if (event.type === 'assignee.changed') {
    const data = event.data as { to?: string | null; reason?: string; note?: string };
    if (data.to !== me || data.reason !== 'transfer' || event.actorId === me) return [];
    const text = `${who(event.actorId)} transferred a conversation to you${data.note ? `: ${data.note}` : ''}`;
    return [{ id: `transferred:${event.seq}`, kind: 'transferred_to_me', conversationId: event.conversationId, text, at }];
  }
  const owner = agents.get(me)?.role === 'owner';
  const chat = (event.data.conversation as ConversationView | undefined)?.title ?? 'a chat';
  if (event.type === 'sla.breached') {
    const assignee = (event.data.conversation as ConversationView | undefined)?.assignee ?? null;
    if (!owner && assignee !== me) return [];
    const target = SLA_TARGETS[event.data.kind as SlaKind] ?? 'a target';
    return [{ id: `sla:${event.seq}`, kind: 'sla_breached', conversationId: event.conversationId, text: `Target missed in ${chat}: ${target}${assignee && assignee !== me ? ` (${who(assignee)})` : ''}`, at }];
  }
  if (event.type === 'conversation.no_reply' && owner) {
    const data = event.data as { assignee?: string | null; minutes?: number };
    return [{ id: `no_reply:${event.seq}`, kind: 'no_reply', conversationId: event.conversationId, text: `${who(data.assignee ?? null)} has not replied in ${chat} for ${data.minutes} min`, at }];
  }
  return [];
}
