// The realtime wire protocol between a linked device and the coordinator. Both ends parse every
// message with these schemas. Bump PROTOCOL_VERSION on any change a peer could misread.
import { z } from 'zod';
import {
  AgentView,
  AutomaticIntentView,
  CannedResponseView,
  ConversationView,
  EventView,
  PresenceState,
  TagView,
  WorkspaceView,
} from './api';

/** Version carried in `hello` and `welcome`; a mismatch closes the connection with a clear error. */
export const PROTOCOL_VERSION = 1;

export const ClientMsg = z.discriminatedUnion('type', [
  // First message on every connection: who is here, and the last sequence number it has applied.
  z.strictObject({
    type: z.literal('hello'),
    v: z.number().int(),
    token: z.string().min(1).max(200),
    lastSeq: z.number().int().min(0).optional(),
  }),
  // Keeps the agent's presence alive (see PRESENCE_GRACE_MS).
  z.strictObject({ type: z.literal('heartbeat') }),
  // Viewing and typing pass through to the other devices; never stored.
  z.strictObject({ type: z.literal('presence'), conversationId: z.string().min(1).max(64), state: PresenceState }),
  // Whether this device has a WhatsApp Web tab that can send automatic messages now (issue #8).
  z.strictObject({ type: z.literal('sender'), ready: z.boolean() }),
]);
export type ClientMsg = z.infer<typeof ClientMsg>;

export const Snapshot = z.object({
  workspace: WorkspaceView,
  agents: z.array(AgentView),
  conversations: z.array(ConversationView),
  cannedResponses: z.array(CannedResponseView),
  tags: z.array(TagView),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const ServerMsg = z.discriminatedUnion('type', [
  // Reply to hello: either the events missed since lastSeq, or (when too many were missed, or none
  // was given) a full snapshot. `seq` is the sequence number the device is now at.
  z.object({
    type: z.literal('welcome'),
    v: z.number().int(),
    seq: z.number().int(),
    agentId: z.string(),
    snapshot: Snapshot.optional(),
    missed: z.array(EventView).optional(),
  }),
  z.object({ type: z.literal('event'), event: EventView }),
  z.object({
    type: z.literal('presence'),
    agentId: z.string(),
    deviceId: z.string().nullable(),
    conversationId: z.string(),
    state: PresenceState,
  }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
  // This device holds the lease on an automatic message: send it (or find it sent) and report.
  z.object({ type: z.literal('automatic'), intent: AutomaticIntentView }),
]);
export type ServerMsg = z.infer<typeof ServerMsg>;

/** Close codes the coordinator uses, so a device knows whether to reconnect. */
export const CLOSE_CODES = {
  /** Bad token, revoked session, unlinked device: sign in again, don't retry. */
  unauthorized: 4401,
  /** Protocol version mismatch: update the extension. */
  versionMismatch: 4426,
  /** Malformed message or no hello in time: a bug, reconnecting will do. */
  protocolError: 4400,
} as const;
