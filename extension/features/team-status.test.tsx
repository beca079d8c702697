// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { recordingSend, testContext, teamView } from '../sidebar/testing';
import { TeamStatus } from './team-status';

describe('team status', () => {
  it('says plainly when the coordinator is unreachable, with what waits, and lists notices', () => {
    const recorder = recordingSend();
    const context = testContext({ send: recorder.send, view: teamView() });
    const root = document.createElement('div');
    act(() => render(<TeamStatus context={context} />, root));
    expect(root.querySelector('[data-baton-offline]')).toBeNull();
    act(() => context.team.set({ ...context.team.get(), view: teamView({ connection: 'offline', outbox: 2 }), notices: [{ id: 'n1', kind: 'mentioned', conversationId: 'c1', text: 'Ana mentioned you', at: 0 }] }));
    expect(root.querySelector('[data-baton-offline]')!.textContent).toBe(
      'Coordinator unreachable: your actions are saved and will be sent2 actions waiting to be sent',
    );
    expect(root.querySelector('[data-baton-notice="mentioned"]')!.textContent).toContain('Ana mentioned you');
    act(() => (root.querySelector('[data-baton-notice] button') as HTMLElement).click());
    expect(recorder.of('dismissNotice')).toEqual([{ id: 'n1' }]);
    expect(root.querySelector('[data-baton-notice]')).toBeNull();
  });
});
