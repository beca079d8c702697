// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { createSidebarContext } from '../sidebar/context';
import { ReadingHealth } from './reading-health';

describe('reading health', () => {
  it('shows nothing while everything is readable, and names what is missing when not', () => {
    const context = createSidebarContext((key, subs) => `${key}${subs ? `(${subs.join('|')})` : ''}`);
    const root = document.createElement('div');
    act(() => render(<ReadingHealth context={context} />, root));
    expect(root.textContent).toBe('');
    act(() => context.health.set({ missing: ['chatList', 'compose'], matched: {} }));
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('healthTitlehealthBody(the chat list, the message box)');
    act(() => context.health.set({ missing: [], matched: {} }));
    expect(root.textContent).toBe('');
  });
});
