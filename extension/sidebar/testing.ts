// Test helpers for the sidebar's component tests (imported by *.test.tsx only): a TeamView, a
// recording `send`, the English (or any) messages as `t`, and WhatsApp fixtures loaded into the
// test's own document so window listeners and events behave as in the page.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AgentView } from '../../shared/api';
import type { Send, ProtocolMap } from '../messaging';
import type { TeamConversation, TeamView } from '../team';
import { Landmarks } from '../whatsapp/landmarks';
import { createSidebarContext, type SidebarContext } from './context';

export const NOW = Date.parse('2026-03-04T12:00:00Z');

export function agent(id: string, name: string, extra: Partial<AgentView> = {}): AgentView {
  return { id, name, email: `${id}@x.test`, role: 'agent', skills: [], capacity: 5, status: 'online', statusChangedAt: '', lastSeenAt: null, ...extra };
}

export function conversation(id: string, title: string, extra: Partial<TeamConversation> = {}): TeamConversation {
  return {
    id,
    jid: null,
    title,
    status: 'open',
    assignee: null,
    tags: [],
    waitingSince: null,
    lastInboundAt: null,
    lastOutboundAt: null,
    snoozedUntil: null,
    waitingSource: null,
    avatar: null,
    afterHours: false,
    language: null,
    sla: { startedAt: null, firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, breached: [] },
    question: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    pending: 0,
    ...extra,
  };
}

export function teamView(extra: Partial<TeamView> = {}): TeamView {
  return {
    me: { agentId: 'bruno', name: 'Bruno Costa', role: 'agent', deviceId: 'd1' },
    connection: 'live',
    outbox: 0,
    agents: [agent('bruno', 'Bruno Costa'), agent('ana', 'Ana Lima', { status: 'away' }), agent('carla', 'Carla Dias')],
    conversations: [],
    cannedResponses: [],
    tags: [],
    automatic: null,
    ...extra,
  };
}

export type Call = { [K in keyof ProtocolMap]: { type: K; args: ProtocolMap[K]['args'] } }[keyof ProtocolMap];

/** A `send` that records every request and answers from `answers` (null by default). */
export function recordingSend(answers: Partial<{ [K in keyof ProtocolMap]: (args: ProtocolMap[K]['args']) => ProtocolMap[K]['result'] }> = {}) {
  const calls: Call[] = [];
  const send: Send = async (type, args) => {
    calls.push({ type, args } as Call);
    const answer = answers[type] as ((a: unknown) => unknown) | undefined;
    return (answer ? answer(args) : null) as never;
  };
  return { send, calls, of: <K extends keyof ProtocolMap>(type: K) => calls.filter((c) => c.type === type).map((c) => c.args as ProtocolMap[K]['args']) };
}

/** `t` from a locale's messages.json, with $1-style substitutions, as browser.i18n does. */
export function messagesOf(locale = 'en'): SidebarContext['t'] {
  const file = resolve(import.meta.dirname, '../public/_locales', locale, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
  return (key, subs = []) => {
    const entry = messages[key];
    if (!entry) throw new Error(`missing message ${key} in ${locale}`);
    return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (__, n: string) => subs[Number(n) - 1] ?? '');
    });
  };
}

/** Loads a WhatsApp fixture into the test's document (body only), and returns a context on it. */
export function loadFixture(name: string): void {
  const html = readFileSync(resolve(import.meta.dirname, '../whatsapp/fixtures', `${name}.html`), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.lang = parsed.documentElement.lang;
  document.body.innerHTML = parsed.body.innerHTML;
}

export function testContext(options: { view?: TeamView; send?: Send; locale?: string } = {}): SidebarContext {
  const landmarks = new Landmarks({}, document);
  const context = createSidebarContext(messagesOf(options.locale), {
    send: options.send ?? recordingSend().send,
    page: { doc: document, landmarks: () => landmarks },
    now: () => NOW,
  });
  if (options.view) context.team.set({ view: options.view, presence: {}, notices: [] });
  return context;
}
