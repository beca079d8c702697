// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { Timeline } from '../team';
import { conversation, NOW, recordingSend, testContext, teamView } from '../sidebar/testing';
import { OpenChat, snoozeUntil } from './open-chat';

const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
const button = (root: Element, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement;

function setup(assignee: string | null, role: 'owner' | 'agent' = 'agent') {
  const timeline: Timeline = {
    conversationId: 'c1',
    events: [{ seq: 1, type: 'assignee.changed', at: '2026-03-04T11:00:00Z', actorId: 'ana', deviceId: null, conversationId: 'c1', data: { reason: 'claim', to: 'ana' } }],
    notes: [],
    pendingNotes: [],
    earlierConversations: 2,
    live: true,
  };
  const recorder = recordingSend({ timeline: () => timeline });
  const context = testContext({
    send: recorder.send,
    view: teamView({
      me: { agentId: 'bruno', name: 'Bruno Costa', role, deviceId: 'd1' },
      conversations: [conversation('c1', 'Ana Cliente', { assignee, tags: ['vip'] })],
      tags: [{ id: 't1', name: 'vip', color: '#aa0000' }, { id: 't2', name: 'order', color: '#0000aa' }],
    }),
  });
  context.chat.set({ title: 'Ana Cliente', jid: null, conversationId: 'c1' });
  const root = document.createElement('div');
  act(() => render(<OpenChat context={context} />, root));
  return { context, recorder, root };
}

describe('open chat panel', () => {
  it('shows owner and status, and each button sends its action', async () => {
    const { root, recorder } = setup(null);
    await flush();
    expect(root.querySelector('[data-baton-chat-title]')!.textContent).toBe('Ana Cliente');
    expect(root.querySelector('[data-baton-owner]')!.textContent).toBe('Unassigned');
    expect(root.querySelector('[data-baton-status]')!.textContent).toBe('Open');
    act(() => button(root, 'Claim').click());
    act(() => button(root, 'Resolve').click());
    act(() => button(root, 'Snooze').click());
    act(() => button(root, 'For 1 hour').click());
    act(() => (root.querySelector('[data-baton-tag="vip"]') as HTMLElement).click());
    act(() => (root.querySelector('[data-baton-tag="order"]') as HTMLElement).click());
    expect(recorder.of('act')).toEqual([
      { type: 'claim', conversationId: 'c1' },
      { type: 'resolve', conversationId: 'c1' },
      { type: 'snooze', conversationId: 'c1', until: snoozeUntil('1h', NOW) },
      { type: 'tags', conversationId: 'c1', tags: [] },
      { type: 'tags', conversationId: 'c1', tags: ['vip', 'order'] },
    ]);
    expect(button(root, 'Release')).toBeUndefined();
  });

  it('transfers to an agent chosen from a list with their status, with a note', async () => {
    const { root, recorder } = setup('bruno');
    expect(root.querySelector('[data-baton-owner]')!.textContent).toContain('You own it');
    expect(button(root, 'Claim')).toBeUndefined();
    act(() => button(root, 'Transfer').click());
    const dialog = root.querySelector('[role="dialog"][data-baton-transfer]')!;
    expect([...dialog.querySelectorAll('[data-baton-agent]')].map((l) => l.textContent)).toEqual(['CDCarla Diasonline', 'ALAna Limaaway']); // who can answer now first
    act(() => (dialog.querySelector('[data-baton-agent="carla"] input') as HTMLInputElement).click());
    const note = dialog.querySelector('textarea')!;
    note.value = 'Wants a refund';
    act(() => void note.dispatchEvent(new Event('input', { bubbles: true })));
    act(() => (dialog.querySelector('[data-baton-transfer-confirm]') as HTMLElement).click());
    expect(recorder.of('act')).toEqual([{ type: 'transfer', conversationId: 'c1', to: 'carla', note: 'Wants a refund' }]);
    await flush();
  });

  it('adds notes with @mentions and grows the timeline live', async () => {
    const { root, recorder, context } = setup('ana');
    await flush();
    expect(root.querySelector('[data-baton-timeline]')!.textContent).toContain('Ana Lima claimed it');
    expect(root.querySelector('[data-baton-customer]')!.textContent).toContain('Earlier conversations: 2');
    const input = root.querySelector('[data-baton-note-input]') as HTMLTextAreaElement;
    input.value = 'Ask @Ca';
    act(() => void input.dispatchEvent(new Event('input', { bubbles: true })));
    act(() => (root.querySelector('[data-baton-mention="carla"]') as HTMLElement).click());
    expect(input.value).toBe('Ask @Carla Dias ');
    act(() => button(root, 'Add note').click());
    expect(recorder.of('act')).toEqual([{ type: 'note', conversationId: 'c1', text: 'Ask @Carla Dias' }]);
    act(() =>
      context.teamEvents.emit({
        seq: 2,
        type: 'assignee.changed',
        at: '2026-03-04T11:30:00Z',
        actorId: 'ana',
        deviceId: null,
        conversationId: 'c1',
        data: { reason: 'transfer', to: 'bruno', note: 'Your turn' },
      }),
    );
    const text = root.querySelector('[data-baton-timeline]')!.textContent!;
    expect(text).toContain('Ana Lima transferred it to Bruno Costa');
    expect(text).toContain('Your turn');
  });

  it('says why the coordinator assigned or took a chat, when a target was missed, what Baton sent on its own, and counts down the clock that runs out first', async () => {
    const { root, context } = setup('bruno');
    await flush();
    const event = (seq: number, type: string, data: Record<string, unknown>) =>
      act(() => context.teamEvents.emit({ seq, type, at: `2026-03-04T11:${30 + seq}:00Z`, actorId: null, deviceId: null, conversationId: 'c1', data }));
    event(2, 'assignee.changed', { reason: 'auto', from: null, to: 'ana', routing: { kind: 'rule', ruleId: 'r1', ruleName: 'Refunds', text: 'rule Refunds' } });
    event(3, 'sla.breached', { kind: 'first_response', dueAt: '2026-03-04T11:32:00Z', assignee: 'ana' });
    event(4, 'conversation.no_reply', { assignee: 'ana', minutes: 10 });
    event(5, 'assignee.changed', { reason: 'auto', from: 'ana', to: 'bruno', routing: { kind: 'reassigned', afterMinutes: 10, text: 'reassigned: no reply in 10 min' } });
    event(6, 'assignee.changed', { reason: 'auto', from: 'bruno', to: null, routing: { kind: 'rerouted_owner_offline', text: 'rerouted: owner offline' } });
    event(7, 'assignee.changed', { reason: 'auto', from: null, to: 'bruno', routing: { kind: 'some_new_reason', text: 'the coordinator’s words' } });
    event(8, 'automatic.sent', { automatic: { id: 'am1', kind: 'away', status: 'sent' } });
    event(9, 'automatic.failed', { automatic: { id: 'am2', kind: 'greeting', status: 'failed' }, reason: 'lease_expired' });
    event(10, 'automatic.sent', { automatic: { id: 'am3', kind: 'menu', status: 'sent' } });
    event(11, 'menu.answered', { option: 2, label: 'Cakes', skill: 'cakes' });
    event(12, 'satisfaction.rated', { rating: 4, agentId: 'ana' });
    const items = [...root.querySelectorAll('[data-baton-timeline] li span')].map((el) => el.textContent);
    expect(items.slice(1)).toEqual([
      'Assigned to Ana Lima: rule Refunds',
      'Target missed: First reply',
      'No reply from Ana Lima in 10 min',
      'Assigned to Bruno Costa: reassigned: no reply in 10 min',
      'Taken from Bruno Costa: rerouted: owner offline',
      'Assigned to Bruno Costa: the coordinator’s words',
      'Baton sent the away message',
      'Baton could not send the greeting message',
      'Baton sent the menu message',
      'The customer chose 2: Cakes',
      'The customer rated 4 of 5 (for Ana Lima)',
    ]);
    // The clock: waiting since 11:50, due at 12:05 (NOW is 12:00): counted down, not at risk yet.
    const sla = { ...conversation('x', 'x').sla, startedAt: '2026-03-04T11:50:00Z', firstResponseDueAt: '2026-03-04T12:05:00Z', resolutionDueAt: '2026-03-05T11:50:00Z' };
    act(() => context.team.set({ ...context.team.get(), view: { ...context.team.get().view!, conversations: [conversation('c1', 'Ana Cliente', { assignee: 'bruno', waitingSince: '2026-03-04T11:50:00Z', sla })] } }));
    const clock = root.querySelector('[data-baton-sla]')!;
    expect([clock.getAttribute('data-baton-sla'), clock.getAttribute('data-baton-sla-kind'), clock.textContent]).toEqual(['ok', 'first_response', 'First reply due in 5 min']);
  });

  it("shows others' presence", () => {
    const { root, context } = setup('ana');
    act(() =>
      context.team.set({
        ...context.team.get(),
        presence: { 'ana/c1': { agentId: 'ana', deviceId: null, conversationId: 'c1', state: 'typing', at: NOW }, 'carla/c1': { agentId: 'carla', deviceId: null, conversationId: 'c1', state: 'viewing', at: NOW } },
      }),
    );
    expect(root.querySelector('[data-baton-presence]')!.textContent).toBe('Ana Lima is typing…Carla Dias is viewing');
  });

  it('offers what fits someone else\'s chat: ask for a transfer, and take over for the owner role; never Claim', () => {
    const agent = setup('ana');
    expect(button(agent.root, 'Claim')).toBeUndefined();
    expect(button(agent.root, 'Take over')).toBeUndefined();
    const ask = button(agent.root, 'Ask for transfer');
    expect(ask.classList.contains('baton-primary')).toBe(true);
    act(() => ask.click());
    expect(agent.recorder.of('act')).toEqual([{ type: 'note', conversationId: 'c1', text: '@Ana Lima could you transfer this chat to me?' }]);
    const owner = setup('ana', 'owner');
    act(() => button(owner.root, 'Take over').click());
    expect(owner.recorder.of('act')).toEqual([{ type: 'assign', conversationId: 'c1', to: 'bruno' }]);
  });

  it('says a chat is ambiguous instead of showing a namesake\'s owner', () => {
    const context = testContext({
      view: teamView({ conversations: [conversation('j1', 'John', { assignee: 'ana' }), conversation('j2', 'John', { assignee: 'carla' })] }),
    });
    context.chat.set({ title: 'John', jid: null, conversationId: null });
    const root = document.createElement('div');
    act(() => render(<OpenChat context={context} />, root));
    expect(root.querySelector('[data-baton-chat-unknown="ambiguous"]')!.textContent).toContain('Another chat has the same name');
    expect(root.textContent).not.toMatch(/Ana Lima|Carla Dias/);
    expect(button(root, 'Claim')).toBeUndefined();
    // One John known, but the list shows two and this one has no picture: still not Ana's.
    const one = testContext({ view: teamView({ conversations: [conversation('j1', 'John', { assignee: 'ana' })] }) });
    one.chat.set({ title: 'John', jid: null, avatar: null, namesakes: true, shared: true, conversationId: null });
    const other = document.createElement('div');
    act(() => render(<OpenChat context={one} />, other));
    expect(other.querySelector('[data-baton-chat-unknown="ambiguous"]')).not.toBeNull();
    expect(other.textContent).not.toMatch(/Ana Lima/);
  });
});
