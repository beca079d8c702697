// What each Action means: the request that carries it to the coordinator, and how it looks on
// this device before the coordinator has answered (applied over the cached truth, so dropping
// the action from the outbox is all a rollback takes).
import type { AgentView, ConversationView } from '../../shared/api';
import type { Action } from '../team';

export interface ActionRequest {
  method: 'POST' | 'PUT';
  path: string;
  body?: unknown;
  /** What the answer is: the conversation, the agent, or a note. */
  answers: 'conversation' | 'agent' | 'note';
}

const c = (id: string) => `/api/v1/conversations/${encodeURIComponent(id)}`;

export function requestFor(action: Action): ActionRequest {
  switch (action.type) {
    case 'claim':
    case 'release':
    case 'resolve':
    case 'reopen':
      return { method: 'POST', path: `${c(action.conversationId)}/${action.type}`, answers: 'conversation' };
    case 'transfer':
      return { method: 'POST', path: `${c(action.conversationId)}/transfer`, body: { to: action.to, ...(action.note?.trim() ? { note: action.note.trim() } : {}) }, answers: 'conversation' };
    case 'assign':
      return { method: 'POST', path: `${c(action.conversationId)}/assign`, body: { to: action.to }, answers: 'conversation' };
    case 'snooze':
      return { method: 'POST', path: `${c(action.conversationId)}/snooze`, body: { until: action.until }, answers: 'conversation' };
    case 'tags':
      return { method: 'PUT', path: `${c(action.conversationId)}/tags`, body: { tags: action.tags }, answers: 'conversation' };
    case 'note':
      return { method: 'POST', path: `${c(action.conversationId)}/notes`, body: { text: action.text }, answers: 'note' };
    case 'status':
      return { method: 'PUT', path: '/api/v1/me/status', body: { status: action.status }, answers: 'agent' };
  }
}

/** The conversation an action is about, if any. */
export function conversationOf(action: Action): string | null {
  return action.type === 'status' ? null : action.conversationId;
}

/** The conversation as it will be once the coordinator accepts `action`, as far as this device can tell. */
export function applyToConversation(conversation: ConversationView, action: Action, me: string): ConversationView {
  switch (action.type) {
    case 'claim':
      // Someone else's chat stays theirs until the coordinator says otherwise: a claim on it
      // will most likely be refused, and showing it as mine would invite a double answer.
      return conversation.assignee === null || conversation.assignee === me ? { ...conversation, assignee: me } : conversation;
    case 'release':
      return { ...conversation, assignee: null };
    case 'transfer':
    case 'assign':
      return { ...conversation, assignee: action.to };
    case 'resolve':
      return { ...conversation, status: 'resolved', waitingSince: null, snoozedUntil: null };
    case 'reopen':
      return { ...conversation, status: 'open', snoozedUntil: null };
    case 'snooze':
      return { ...conversation, status: 'snoozed', snoozedUntil: action.until };
    case 'tags':
      return { ...conversation, tags: [...new Set(action.tags)] };
    case 'note':
    case 'status':
      return conversation;
  }
}

/** The agent as it will be once a status action is accepted. */
export function applyToAgent(agent: AgentView, action: Action, at: string): AgentView {
  return action.type === 'status' && agent.status !== action.status ? { ...agent, status: action.status, statusChangedAt: at } : agent;
}
