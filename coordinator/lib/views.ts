// Rows as the API shows them (shared/api.ts views): ISO times, no secrets.
import type {
  AgentView,
  CannedResponseView,
  ConversationView,
  EventView,
  NoteView,
  TagView,
  WorkspaceView,
} from '../../shared/api';
import type * as s from '../db/schema';
import { iso } from './time';
import { DEFAULT_AUTOMATIC, DEFAULT_ROUTING, withAutomaticDefaults } from '../../shared/settings';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

export const workspaceView = (w: Row<typeof s.workspaces>): WorkspaceView => ({
  id: w.id,
  name: w.name,
  maxDevices: w.maxDevices,
  selectorOverrides: w.selectorOverrides,
  routing: w.routing ?? DEFAULT_ROUTING,
  automatic: w.automatic ? withAutomaticDefaults(w.automatic) : DEFAULT_AUTOMATIC,
});

export const agentView = (a: Row<typeof s.agents>): AgentView => ({
  id: a.id,
  name: a.name,
  email: a.email,
  role: a.role,
  skills: a.skills,
  capacity: a.capacity,
  status: a.status,
  statusChangedAt: iso(a.statusChangedAt),
  lastSeenAt: iso(a.lastSeenAt),
});

export const conversationView = (c: Row<typeof s.conversations>): ConversationView => ({
  id: c.id,
  jid: c.jid,
  title: c.title,
  status: c.status,
  assignee: c.assigneeId,
  tags: c.tags,
  waitingSince: iso(c.waitingSince),
  waitingSource: c.waitingSource,
  avatar: c.avatarKey,
  lastInboundAt: iso(c.lastInboundAt),
  lastOutboundAt: iso(c.lastOutboundAt),
  snoozedUntil: iso(c.snoozedUntil),
  afterHours: c.afterHours,
  language: c.language,
  sla: {
    startedAt: iso(c.episodeStartedAt),
    firstResponseDueAt: iso(c.firstResponseDueAt),
    nextResponseDueAt: iso(c.nextResponseDueAt),
    resolutionDueAt: iso(c.resolutionDueAt),
    breached: [...new Set(c.slaBreaches.map((key) => key.split(':')[0]!))],
  },
  question: c.question
    ? { kind: c.question.kind, options: c.question.options, askedAt: iso(c.question.askedAt), answer: c.question.answer, answeredAt: iso(c.question.answeredAt) }
    : null,
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});

export const noteView = (n: Row<typeof s.notes>): NoteView => ({
  id: n.id,
  conversationId: n.conversationId,
  authorId: n.authorId,
  text: n.text,
  mentions: n.mentions,
  createdAt: iso(n.createdAt),
});

export const cannedResponseView = (r: Row<typeof s.cannedResponses>): CannedResponseView => ({
  id: r.id,
  shortcut: r.shortcut,
  text: r.text,
  updatedAt: iso(r.updatedAt),
});

export const tagView = (t: Row<typeof s.tags>): TagView => ({ id: t.id, name: t.name, color: t.color });

export const eventView = (e: Row<typeof s.events>): EventView => ({
  seq: e.seq,
  type: e.type,
  at: iso(e.at),
  actorId: e.actorId,
  deviceId: e.deviceId,
  conversationId: e.conversationId,
  data: e.data,
});
