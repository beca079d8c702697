// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { conversation, loadFixture, NOW, testContext, teamView } from '../sidebar/testing';
import { readChatList } from '../whatsapp/chat-list';
import { Landmarks } from '../whatsapp/landmarks';
import { applyBadges, start } from './row-badges';

const badgeOf = (title: string) => {
  const span = [...document.querySelectorAll('span[title]')].find((s) => s.getAttribute('title') === title)!;
  return span.closest('[role="row"], [role="listitem"]')!.querySelector('[data-baton-badge]') as HTMLElement | null;
};

const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();
const late = minutesAgo(16);
const recent = minutesAgo(1);
/** The first-reply clock as the coordinator sets it: 15 minutes from the start (the default policy). */
const firstReply = (since: string) => ({ ...conversation('x', 'x').sla, startedAt: since, firstResponseDueAt: new Date(Date.parse(since) + 15 * 60_000).toISOString() });

describe('row badges', () => {
  beforeEach(() => loadFixture('gen2024-en'));

  it('marks mine, someone else\'s, unassigned and late rows, with the owner\'s initials and name', () => {
    const context = testContext({
      view: teamView({
        conversations: [
          conversation('c1', 'Maria Silva', { assignee: 'bruno', waitingSince: recent, sla: firstReply(recent) }),
          conversation('c2', 'Bakery suppliers', { assignee: 'ana' }),
          conversation('c3', '+55 11 99999-0000', { waitingSince: late, sla: firstReply(late) }),
          conversation('c4', 'John', { assignee: 'ana' }),
        ],
      }),
    });
    applyBadges(context);
    expect(badgeOf('Maria Silva')).toMatchObject({ textContent: 'BC' });
    expect(badgeOf('Maria Silva')!.dataset.batonBadge).toBe('mine');
    expect(badgeOf('Maria Silva')!.getAttribute('aria-label')).toBe('Yours');
    expect(badgeOf('Bakery suppliers')!.dataset.batonBadge).toBe('other');
    expect(badgeOf('Bakery suppliers')!.getAttribute('aria-label')).toBe('Owned by Ana Lima');
    expect(badgeOf('Bakery suppliers')!.textContent).toBe('AL');
    expect(badgeOf('Bakery suppliers')!.dataset.batonOwner).toBe('ana');
    expect(badgeOf('+55 11 99999-0000')!.dataset.batonBadge).toBe('late');
    expect(badgeOf('+55 11 99999-0000')!.getAttribute('aria-label')).toBe('Unassigned · First reply late by 1 min');
    // Two "John" rows and nothing on the page tells them apart: neither shows Ana as its owner.
    const johns = document.querySelectorAll('[data-baton-badge="ambiguous"]');
    expect(johns).toHaveLength(2);
    for (const john of johns) {
      expect(john.getAttribute('data-baton-owner')).toBe('');
      expect(john.getAttribute('aria-label')).toMatch(/Two chats have this name/);
    }
    // The colour is the owner's, the same on every device.
    expect(badgeOf('Bakery suppliers')!.style.background).not.toBe(badgeOf('Maria Silva')!.style.background);
  });

  it('follows the SLA deadline the coordinator set, not a fixed target: at risk in its last 20%, late once missed', () => {
    // A business-hours deadline far away: waiting 16 min is not late.
    const overnight = { ...firstReply(late), firstResponseDueAt: new Date(NOW + 10 * 3600_000).toISOString() };
    const context = testContext({
      view: teamView({
        conversations: [
          conversation('c1', 'Maria Silva', { assignee: 'ana', waitingSince: late, sla: overnight }),
          // 13 of 15 minutes gone: 2 left, within the last 3.
          conversation('c2', 'Bakery suppliers', { assignee: 'ana', waitingSince: minutesAgo(13), sla: firstReply(minutesAgo(13)) }),
          // The resolution clock runs out first, started with the episode.
          conversation('c3', '+55 11 99999-0000', { waitingSince: null, sla: { ...firstReply(late), firstResponseDueAt: null, resolutionDueAt: minutesAgo(5) } }),
        ],
      }),
    });
    applyBadges(context);
    expect(badgeOf('Maria Silva')!.dataset.batonBadge).toBe('other');
    expect(badgeOf('Bakery suppliers')!.dataset.batonBadge).toBe('at_risk');
    expect(badgeOf('Bakery suppliers')!.getAttribute('aria-label')).toBe('Owned by Ana Lima · First reply due in 2 min');
    expect(badgeOf('+55 11 99999-0000')!.dataset.batonBadge).toBe('late');
    expect(badgeOf('+55 11 99999-0000')!.getAttribute('aria-label')).toBe('Unassigned · Resolution late by 5 min');
  });

  it('does not change what the adapter reads from the rows (titles, times, unread)', () => {
    const landmarks = new Landmarks({}, document);
    const before = readChatList(document, landmarks);
    const context = testContext({ view: teamView({ conversations: [conversation('c2', 'Bakery suppliers', { assignee: 'ana' }), conversation('c1', 'Maria Silva')] }) });
    applyBadges(context);
    applyBadges(context);
    expect(document.querySelectorAll('[data-baton-badge]')).toHaveLength(2);
    expect(readChatList(document, landmarks)).toEqual(before);
  });

  it('follows recycled rows and team changes', () => {
    loadFixture('gen2026-pt');
    const context = testContext({
      view: teamView({ conversations: [conversation('a', 'Ana Cliente', { assignee: 'bruno' }), conversation('z', 'Loja do Zé', { assignee: 'ana' })] }),
    });
    const controller = new AbortController();
    start(context, controller.signal);
    expect(badgeOf('Ana Cliente')!.dataset.batonBadge).toBe('mine');
    // WhatsApp recycles the row element for another chat: the next rows event re-applies.
    const span = document.querySelector('span[title="Ana Cliente"]')!;
    document.querySelector('span[title="Loja do Zé"]')!.setAttribute('title', 'Ana Cliente');
    span.setAttribute('title', 'Loja do Zé');
    context.pageEvents.emit({ type: 'rows', rows: [] });
    expect(span.closest('[role="row"]')!.querySelector('[data-baton-badge]')!.getAttribute('aria-label')).toBe('Owned by Ana Lima');
    // A team change (someone claims) shows without any page event.
    const view = context.team.get().view!;
    context.team.set({ ...context.team.get(), view: { ...view, conversations: view.conversations.map((c) => (c.id === 'z' ? { ...c, assignee: 'carla' } : c)) } });
    expect(span.closest('[role="row"]')!.querySelector('[data-baton-badge]')!.getAttribute('aria-label')).toBe('Owned by Carla Dias');
    // Signed out: no badges shown (hidden, kept for when they are needed again, not re-created).
    const elements = [...document.querySelectorAll('[data-baton-badge]')];
    context.team.set({ ...context.team.get(), view: { ...view, me: null } });
    expect(document.querySelectorAll('[data-baton-badge]:not([hidden])')).toHaveLength(0);
    context.team.set({ ...context.team.get(), view });
    expect([...document.querySelectorAll('[data-baton-badge]:not([hidden])')]).toEqual(elements);
    controller.abort();
  });
});
