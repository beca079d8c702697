// @vitest-environment jsdom
// The pure readers against committed fixtures of each DOM generation and UI language.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readChatList, findRowByTitle } from './chat-list';
import { findCompose, findSendButton, readCompose } from './compose';
import { Landmarks } from './landmarks';
import { parsePrePlainText } from './message-meta';
import { parseMessageId } from './message-id';
import { readOpenChat } from './open-chat';

function fixture(name: string): Document {
  const html = readFileSync(resolve(import.meta.dirname, 'fixtures', `${name}.html`), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('2024 generation, English (listitem rows, message classes)', () => {
  const doc = fixture('gen2024-en');
  const landmarks = new Landmarks({}, doc);

  it('reads the visible rows in list order, not DOM order, with their badges', () => {
    const rows = readChatList(doc, landmarks);
    expect(rows.map((r) => r.title)).toEqual(['+55 11 99999-0000', 'Maria Silva', 'Bakery suppliers', 'John', 'John']);
    expect(rows[0]).toMatchObject({ time: 'Yesterday', muted: true, unread: 0, top: 3600 });
    expect(rows[1]).toMatchObject({ time: '10:42', unread: 3, muted: false, selected: false });
    expect(rows[2]).toMatchObject({ pinned: true, selected: true });
    expect(landmarks.describe('chatRow')?.gen).toBe('Aug 2024 to 2025');
  });

  it('reads a group chat: JID from the message ids, authors and directions', () => {
    const chat = readOpenChat(doc, landmarks, { locale: 'en' })!;
    expect(chat.title).toBe('Bakery suppliers');
    expect(chat.jid).toBe('120363000000000000@g.us');
    expect(chat.messages).toEqual([
      expect.objectContaining({ id: '3EB0A1B2C3D4E5F6A7B8', direction: 'in', evidence: 'id', participant: '5511988887777@c.us', author: 'Pedro Alves', at: new Date(2026, 2, 4, 9, 14).getTime(), timeSource: 'meta' }),
      expect.objectContaining({ id: '3EB0C0FFEE000000AAAA', direction: 'out', evidence: 'id' }),
    ]);
  });

  it('finds the compose box and the send button, and a row by title', () => {
    expect(findCompose(doc, landmarks)?.getAttribute('data-tab')).toBe('10');
    expect(findSendButton(doc, landmarks)?.tagName).toBe('BUTTON');
    expect(findRowByTitle(doc, landmarks, 'Maria Silva')?.getAttribute('role')).toBe('listitem');
  });
});

describe('2026 generation, Portuguese (grid rows, test hooks, bare ids)', () => {
  const doc = fixture('gen2026-pt');
  const landmarks = new Landmarks({}, doc);

  it('reads rows with the 2026 hooks', () => {
    const rows = readChatList(doc, landmarks);
    expect(rows.map((r) => [r.title, r.time, r.unread, r.pinned, r.muted, r.selected])).toEqual([
      ['Ana Cliente', '10:42', 2, true, false, true],
      ['+55 21 98888-7777', '09:03', 0, false, false, false],
      ['Loja do Zé', 'Ontem', 0, false, true, false],
    ]);
  });

  it('copes with bare message ids: no JID, direction from tails on the last bubble of a run, D/M dates', () => {
    const chat = readOpenChat(doc, landmarks, { locale: 'pt-BR', now: new Date(2026, 10, 21, 12).getTime() })!;
    expect(chat).toMatchObject({ title: 'Ana Cliente', jid: null });
    expect(chat.messages.map((m) => [m.id, m.direction, m.evidence, new Date(m.at).getDate()])).toEqual([
      ['3EB0AAAA1111', 'in', 'tail', 21],
      // Untailed: the account's own name (learnt from the tailed reply) says it, and so does its run.
      ['3EB0BBBB2222', 'out', 'author', 21],
      ['3EB0DDDD4444', 'out', 'tail', 21],
    ]);
    expect(findSendButton(doc, landmarks)?.getAttribute('role')).toBe('button');
  });
});

describe('when WhatsApp changes', () => {
  it('reports a landmark as unmatched instead of guessing', () => {
    const doc = fixture('gen2026-pt');
    doc.querySelector('#pane-side')!.innerHTML = '<div class="x1abc"><div class="x2def">Ana Cliente</div></div>';
    const landmarks = new Landmarks({}, doc);
    expect(readChatList(doc, landmarks)).toEqual([]);
    expect(landmarks.matched.chatList).toBe(-1);
  });

  it('tries the owner’s overrides first and ignores a malformed one', () => {
    const doc = fixture('gen2026-pt');
    doc.querySelector('[role="grid"]')!.setAttribute('role', 'tree');
    doc.querySelector('[data-testid="chat-list"]')!.removeAttribute('data-testid');
    const plain = new Landmarks({}, doc);
    expect(readChatList(doc, plain)).toEqual([]);
    const fixed = new Landmarks({ chatList: ['[[[not css', '#pane-side [role="tree"]'] }, doc);
    expect(readChatList(doc, fixed).map((r) => r.title)).toEqual(['Ana Cliente', '+55 21 98888-7777', 'Loja do Zé']);
    expect(fixed.describe('chatList')).toEqual({ css: '#pane-side [role="tree"]', gen: 'override from the coordinator' });
  });
});

describe('message ids and meta', () => {
  it('parses every data-id form', () => {
    expect(parseMessageId('false_5511999990000@c.us_3EB0A1B2C3D4E5F6A7B8')).toEqual({ fromMe: false, chatJid: '5511999990000@c.us', id: '3EB0A1B2C3D4E5F6A7B8', participant: null });
    expect(parseMessageId('true_123456789@lid_ABCDEF')).toMatchObject({ fromMe: true, chatJid: '123456789@lid' });
    expect(parseMessageId('3EB0A1B2')).toEqual({ fromMe: null, chatJid: null, id: '3EB0A1B2', participant: null });
    expect(parseMessageId('')).toBeNull();
    expect(parseMessageId('not an id!')).toBeNull();
  });

  it('reads dates in the locale’s order and 12-hour times', () => {
    expect(parsePrePlainText('[3:05 PM, 11/21/2026] Ana: ', 'en-US')).toMatchObject({ hours: 15, minutes: 5, date: { year: 2026, month: 11, day: 21 }, author: 'Ana' });
    expect(parsePrePlainText('[15:05, 21/11/2026] Ana: ', 'pt-BR')).toMatchObject({ hours: 15, date: { month: 11, day: 21 } });
    expect(parsePrePlainText('[12:30 AM, 1/2/26] Bob: ', 'en')).toMatchObject({ hours: 0, date: { year: 2026, month: 1, day: 2 } });
    expect(parsePrePlainText('no meta', 'en')).toBeNull();
  });
});

describe('compose reading', () => {
  it('reads paragraphs and line breaks as the editor shows them', () => {
    const doc = new DOMParser().parseFromString('<div id="b"><p>Hi <b>Maria</b><br>line two</p><p>para</p></div>', 'text/html');
    expect(readCompose(doc.getElementById('b')!)).toBe('Hi Maria\nline two\npara');
  });
});
