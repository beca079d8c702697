// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { conversation, loadFixture, testContext, teamView } from '../sidebar/testing';
import { Queue, openChatByTitle } from './queue';

describe('queue', () => {
  it('lists unassigned oldest first, mine, and each agent\'s; choosing one clicks its row', () => {
    loadFixture('gen2026-pt');
    const context = testContext({
      view: teamView({
        conversations: [
          conversation('a', 'Ana Cliente', { waitingSince: '2026-03-04T11:50:00Z' }),
          conversation('b', 'Loja do Zé', { waitingSince: '2026-03-04T11:00:00Z' }),
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
    expect(root.querySelector('[data-baton-queue="unassigned"] .baton-late')!.textContent).toContain('late, 1 h');
    // Every item says how long the customer has waited, or that they were answered.
    expect(root.querySelector('[data-baton-queue-item="Ana Cliente"] [data-baton-queue-wait]')!.textContent).toBe('waiting 10 min');
    expect(root.querySelector('[data-baton-queue-item="Mine"] [data-baton-queue-wait]')!.textContent).toBe('answered');
    expect(titles('mine')).toEqual(['Mine']);
    expect(titles('ana')).toEqual(['Hers']);
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
