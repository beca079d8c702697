// A conversation's history for the sidebar: its events and notes from the coordinator, kept in
// IndexedDB so an unreachable coordinator still leaves the last copy to show.
import type { ConversationView, EventView, NoteView } from '../../shared/api';
import type { Timeline } from '../team';
import type { BatonDb, TimelineRow } from './db';
import { isRetryable } from './http';

const PAGE = 1000;
const MAX_PAGES = 5;

export interface TimelineDeps {
  db: BatonDb;
  get<T>(path: string): Promise<T>;
}

/** Fetches a timeline (live), or the cached copy when the coordinator cannot be reached. */
export async function loadTimeline(deps: TimelineDeps, conversationId: string, conversation: ConversationView | undefined): Promise<Omit<Timeline, 'pendingNotes'>> {
  const id = encodeURIComponent(conversationId);
  try {
    const [events, notes] = await Promise.all([allEvents(deps, id), deps.get<NoteView[]>(`/api/v1/conversations/${id}/notes`)]);
    await deps.db.timelines.put({ conversationId, events, notes });
    return { conversationId, events, notes, earlierConversations: earlier(events, conversation), live: true };
  } catch (error) {
    if (!isRetryable(error) && !(error instanceof Error && error.message === 'Sign in first')) throw error;
    const cached = await deps.db.timelines.get(conversationId);
    const events = cached?.events ?? [];
    return { conversationId, events, notes: cached?.notes ?? [], earlierConversations: earlier(events, conversation), live: false };
  }
}

async function allEvents(deps: TimelineDeps, id: string): Promise<EventView[]> {
  const events: EventView[] = [];
  for (let page = 0, after = 0; page < MAX_PAGES; page++) {
    const batch = await deps.get<EventView[]>(`/api/v1/events?conversationId=${id}&limit=${PAGE}&after=${after}`);
    events.push(...batch);
    if (batch.length < PAGE) break;
    after = batch.at(-1)!.seq;
  }
  return events;
}

/** Times the conversation was resolved before the current one (a resolved conversation is not "earlier" yet). */
function earlier(events: EventView[], conversation: ConversationView | undefined): number {
  const resolved = events.filter((e) => e.type === 'conversation.status_changed' && e.data.to === 'resolved').length;
  return Math.max(0, resolved - (conversation?.status === 'resolved' ? 1 : 0));
}

/** Keeps a cached timeline current with an event that just arrived. */
export function appendToTimeline(db: BatonDb, event: EventView): Promise<unknown> {
  if (!event.conversationId) return Promise.resolve();
  return db.timelines
    .where('conversationId')
    .equals(event.conversationId)
    .modify((row: TimelineRow) => {
      if (row.events.some((e) => e.seq === event.seq)) return;
      row.events.push(event);
      const note = event.type === 'note.created' ? (event.data.note as NoteView | undefined) : undefined;
      if (note && !row.notes.some((n) => n.id === note.id)) row.notes.push(note);
    })
    .catch(() => undefined);
}
