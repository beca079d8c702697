// What the agent must be told about an event: a note that mentions them, a conversation handed
// to them by someone else. (A lost claim or a refused action comes from the outbox instead.)
import type { AgentView, EventView, NoteView } from '../../shared/api';
import type { Notice } from '../team';

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
  return [];
}
