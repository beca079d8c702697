/** Conversation statuses, in the shared-inbox field's words (Chatwoot's). */
export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** Agent statuses an agent sets by hand; `offline` is also set when every device stops heart-beating. */
export const AGENT_STATUSES = ['online', 'away', 'on_break', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** Roles of a person in a workspace. */
export const ROLES = ['owner', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** Presence that passes through the coordinator without being stored. */
export const PRESENCE_STATES = ['viewing', 'typing', 'idle'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];
