// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { TeamPush } from '../team';
import { connectTeam, type PortLike } from './session';
import { conversation, messagesOf, testContext, teamView } from './testing';

function fakePort() {
  const listeners: ((m: unknown) => void)[] = [];
  const gone: (() => void)[] = [];
  const port: PortLike = {
    onMessage: { addListener: (l) => void listeners.push(l) },
    onDisconnect: { addListener: (l) => void gone.push(l) },
    disconnect: vi.fn<() => void>(),
  };
  return { port, push: (m: TeamPush) => listeners.forEach((l) => l(m)), drop: () => gone.forEach((l) => l()) };
}

describe('team session', () => {
  it('keeps the view current from pushes and reconnects when the background restarts', () => {
    vi.useFakeTimers();
    const context = testContext();
    const ports = [fakePort(), fakePort()];
    let n = 0;
    const controller = new AbortController();
    connectTeam(context, () => ports[n++]!.port, controller.signal);
    ports[0]!.push({ type: 'team', team: teamView({ conversations: [conversation('c1', 'Ana')] }) });
    ports[0]!.push({ type: 'conversation', conversation: conversation('c1', 'Ana', { assignee: 'ana' }) });
    ports[0]!.push({ type: 'presence', presence: { agentId: 'ana', deviceId: null, conversationId: 'c1', state: 'typing', at: 0 } });
    expect(context.team.get().view!.conversations[0]!.assignee).toBe('ana');
    expect(Object.keys(context.team.get().presence)).toEqual(['ana/c1']);
    // A burst from the coordinator arrives as one push: replaced where they stand, new ones after.
    const before = context.team.get().view!.conversations;
    ports[0]!.push({ type: 'conversations', conversations: [conversation('c2', 'Bia'), conversation('c1', 'Ana', { assignee: 'bruno' }), conversation('c3', 'Caio')] });
    expect(context.team.get().view!.conversations.map((c) => [c.id, c.assignee])).toEqual([['c1', 'bruno'], ['c2', null], ['c3', null]]);
    expect(before.map((c) => c.assignee)).toEqual(['ana']); // the old list is left as it was
    ports[0]!.drop();
    expect(context.team.get().view!.connection).toBe('connecting');
    vi.advanceTimersByTime(300);
    expect(n).toBe(2);
    ports[1]!.push({ type: 'connection', connection: 'offline', outbox: 3 });
    expect(context.team.get().view).toMatchObject({ connection: 'offline', outbox: 3 });
    controller.abort();
    expect(ports[1]!.port.disconnect).toHaveBeenCalled();
    vi.useRealTimers();
  });
});

describe('languages', () => {
  const dir = resolve(import.meta.dirname, '../public/_locales');
  const locales = readdirSync(dir);
  const read = (l: string) => JSON.parse(readFileSync(resolve(dir, l, 'messages.json'), 'utf8')) as Record<string, { message: string; placeholders?: object }>;

  it('has every key in all five languages, with the same placeholders, and real translations', () => {
    expect(locales.sort()).toEqual(['ar', 'en', 'es', 'fr', 'pt_BR']);
    const en = read('en');
    for (const locale of locales) {
      const messages = read(locale);
      expect(Object.keys(messages).sort(), locale).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) expect(Object.keys(messages[key]!.placeholders ?? {}), `${locale} ${key}`).toEqual(Object.keys(en[key]!.placeholders ?? {}));
    }
    for (const locale of locales.filter((l) => l !== 'en')) expect(read(locale).actionClaim!.message, locale).not.toBe(en.actionClaim!.message);
  });

  it('lays Arabic out right to left, with logical CSS properties only', () => {
    expect(messagesOf('ar')('dir')).toBe('rtl');
    expect(messagesOf('en')('dir')).toBe('ltr');
    expect(messagesOf('ar')('badgeOwnedBy', ['Ana'])).toBe('يتولاها Ana');
    const css = readFileSync(resolve(import.meta.dirname, 'style.css'), 'utf8');
    expect(css.match(/(^|[\s;{])(left|right|margin-left|margin-right|padding-left|padding-right|border-left|border-right)\s*:/gm)).toBeNull();
  });
});
