// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { conversation, loadFixture, testContext, teamView } from '../sidebar/testing';
import { Queue, openChatByTitle } from './queue';

const noClocks = conversation('x', 'x').sla;

describe('queue', () => {
  it('lists unassigned oldest first, mine, and each agent\'s, with the SLA clocks at risk or missed; choosing one clicks its row', () => {
    loadFixture('gen2026-pt');
    const context = testContext({
      view: teamView({
        conversations: [
          // Due in 2 of its 12 minutes: at risk (the last 20%). An hour waiting, due at 11:15: missed.
          conversation('a', 'Ana Cliente', { waitingSince: '2026-03-04T11:50:00Z', sla: { ...noClocks, firstResponseDueAt: '2026-03-04T12:02:00Z' } }),
          conversation('b', 'Loja do Zé', { waitingSince: '2026-03-04T11:00:00Z', sla: { ...noClocks, firstResponseDueAt: '2026-03-04T11:15:00Z' } }),
          conversation('f', 'Calm', { assignee: 'ana', waitingSince: '2026-03-04T11:58:00Z', sla: { ...noClocks, firstResponseDueAt: '2026-03-04T12:13:00Z' } }),
          conversation('c', 'Mine', { assignee: 'bruno' }),
          conversation('d', 'Hers', { assignee: 'ana' }),
          conversation('e', 'Done', { status: 'resolved' }),
        ],
      }),
    });
    context.tab.set('queue');
    const root = document.createElement('div');
    act(() => render(<Queue context={context} />, root));
    const titles = (key: string) => [...root.querySelectorAll(`[data-baton-queue="${key}"] [data-baton-queue-item]`)].map((b) => b.getAttribute('data-baton-queue-item'));
    expect(titles('unassigned')).toEqual(['Loja do Zé', 'Ana Cliente']);
    expect(root.querySelector('[data-baton-queue="unassigned"] .baton-late')!.textContent).toContain('First reply late by 45 min');
    // Every item says how long the customer has waited, or that they were answered.
    expect(root.querySelector('[data-baton-queue-item="Ana Cliente"] [data-baton-queue-wait]')!.textContent).toBe('waiting 10 min · First reply due in 2 min');
    expect(root.querySelector('[data-baton-queue-item="Ana Cliente"]')!.getAttribute('data-baton-sla')).toBe('at_risk');
    expect(root.querySelector('[data-baton-queue-item="Calm"]')!.getAttribute('data-baton-sla')).toBe('ok');
    expect(root.querySelector('[data-baton-queue-item="Calm"] [data-baton-queue-wait]')!.textContent).toBe('waiting 2 min');
    expect(root.querySelector('[data-baton-queue-item="Mine"] [data-baton-queue-wait]')!.textContent).toBe('answered');
    expect(titles('mine')).toEqual(['Mine']);
    expect(titles('ana')).toEqual(['Hers', 'Calm']);
    expect(root.querySelector('[data-baton-queue="ana"] h3')!.textContent).toContain('Ana Lima · away');
    const clicked: string[] = [];
    document.querySelector('[role="grid"]')!.addEventListener('click', (e) => clicked.push((e.target as Element).closest('[role="row"]')!.textContent!));
    act(() => (root.querySelector('[data-baton-queue-item="Loja do Zé"]') as HTMLElement).click());
    expect(clicked).toHaveLength(1);
    expect(clicked[0]).toContain('Loja do Zé');
    expect(context.tab.get()).toBe('chat');
  });

  it('searches for a chat that is not rendered, clicks it, and clears the search', async () => {
    loadFixture('gen2026-pt');
    const context = testContext();
    const search = document.querySelector('#side input[role="textbox"]') as HTMLInputElement;
    const typed: string[] = [];
    search.addEventListener('input', () => {
      typed.push(search.value);
      if (search.value === 'Far Away') {
        const row = document.querySelector('[role="row"]')!;
        row.querySelector('span[title]')!.setAttribute('title', 'Far Away');
      }
    });
    const clicked: string[] = [];
    document.querySelector('[role="grid"]')!.addEventListener('click', (e) => clicked.push((e.target as Element).getAttribute('title')!));
    expect(await openChatByTitle(context.page, 'Far Away')).toBe(true);
    expect(typed).toEqual(['Far Away', '']);
    expect(clicked).toEqual(['Far Away']);
  });
});
