// @vitest-environment jsdom
// The readers against today's page (whatsapp-dom.md, "The 2026 generation"): no JID, bare ids,
// no direction classes, tails on the first bubble of a run only, media without meta.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readChatList, findRowByTitle } from './chat-list';
import { findCompose, findSendButton } from './compose';
import { DirectionMemory } from './direction';
import { Landmarks } from './landmarks';
import { readOpenChat } from './open-chat';

function fixture(): Document {
  const html = readFileSync(resolve(import.meta.dirname, 'fixtures', 'gen2026b-en.html'), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

/** The fixture is read as of Saturday 21 November 2026, noon, local time. */
const NOW = new Date(2026, 10, 21, 12, 0).getTime();
const at = (day: number, hours: number, minutes: number) => new Date(2026, 10, day, hours, minutes).getTime();

describe('the chat list', () => {
  it('reads the chats in list order: titles without bidi marks, never the self-chat row', () => {
    const doc = fixture();
    const rows = readChatList(doc, new Landmarks({}, doc));
    expect(rows.map((r) => [r.title, r.time, r.unread, r.muted, r.lastOut])).toEqual([
      ['Maria Silva', '10:42', 3, false, false],
      ['+55 11 99999-0000', '09:03', 0, false, true],
      ['John', 'Yesterday', 0, false, false],
      ['John', 'Tuesday', 0, true, false],
    ]);
    for (const row of rows) expect(row.title).not.toMatch(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
  });

  it('tells the two Johns apart by their pictures, whatever the signed URL query says', () => {
    const doc = fixture();
    const rows = readChatList(doc, new Landmarks({}, doc));
    const johns = rows.filter((r) => r.title === 'John');
    expect(johns.map((r) => r.shared)).toEqual([false, false]);
    expect(johns[0]!.avatar).toMatch(/^a:[0-9a-f]{16}$/);
    expect(johns[0]!.avatar).not.toBe(johns[1]!.avatar);
    // The header shows Maria's picture with another query string: the same key.
    const chat = readOpenChat(doc, new Landmarks({}, doc), { locale: 'en', now: NOW })!;
    expect(chat.avatar).toBe(rows[0]!.avatar);
    expect(findRowByTitle(doc, new Landmarks({}, doc), 'John', johns[1]!.avatar)?.getAttribute('aria-rowindex')).toBe('5');
  });

  it('marks namesakes nothing tells apart as shared', () => {
    const doc = fixture();
    for (const img of doc.querySelectorAll('[aria-rowindex="4"] img, [aria-rowindex="5"] img')) img.remove();
    const rows = readChatList(doc, new Landmarks({}, doc));
    expect(rows.filter((r) => r.title === 'John').map((r) => r.shared)).toEqual([true, true]);
    expect(rows.find((r) => r.title === 'Maria Silva')!.shared).toBe(false);
  });

  it('never reads a search section header as a chat', () => {
    const doc = fixture();
    const header = doc.createElement('div');
    header.setAttribute('role', 'row');
    header.innerHTML = '<div role="gridcell"><span title="Chats" dir="auto">Chats</span></div>';
    doc.querySelector('.x1y332i5')!.prepend(header);
    expect(readChatList(doc, new Landmarks({}, doc)).map((r) => r.title)).not.toContain('Chats');
  });
});

describe('the open chat', () => {
  it('gives every message its direction, untailed runs and media included', () => {
    const doc = fixture();
    const chat = readOpenChat(doc, new Landmarks({}, doc), { locale: 'en', now: NOW })!;
    expect(chat).toMatchObject({ title: 'Maria Silva', jid: null });
    expect(chat.messages.map((m) => [m.id.slice(0, 4), m.direction, m.evidence, m.media])).toEqual([
      ['3A5F', 'in', 'tail', false],
      ['3A91', 'in', 'run', true], // a picture right after the tailed bubble
      ['A5E1', 'out', 'tail', false],
      ['A5E2', 'out', 'status', false], // no "You:" label on this one
      ['A5E3', 'out', 'status', true], // a voice note
      ['3AC4', 'in', 'tail', false],
      ['3AD1', 'in', 'run', true], // a sticker
      ['3AE0', 'in', 'author', false], // not the account's own name (learnt from the replies above)
    ]);
  });

  it('times every message: meta, else its time label on the day the separators say', () => {
    const doc = fixture();
    const chat = readOpenChat(doc, new Landmarks({}, doc), { locale: 'en', now: NOW })!;
    expect(chat.messages.map((m) => [m.at, m.timeSource])).toEqual([
      [at(19, 16, 2), 'meta'],
      [at(19, 16, 5), 'label'], // "THURSDAY" above it
      [at(21, 9, 58), 'meta'],
      [at(21, 9, 59), 'meta'],
      [at(21, 10, 1), 'label'],
      [at(21, 10, 40), 'meta'],
      [at(21, 10, 41), 'label'],
      [at(21, 10, 42), 'meta'],
    ]);
  });

  it('leaves a message no clue decides undecided instead of guessing', () => {
    const doc = fixture();
    // Scrolled so the picture is the first bubble rendered: its run's tail is out of view.
    const rows = [...doc.querySelectorAll('[data-testid="conversation-panel-messages"] > [role="row"]')];
    rows[0]!.remove(); // THURSDAY
    rows[1]!.remove(); // the tailed "Good afternoon"
    const chat = readOpenChat(doc, new Landmarks({}, doc), { locale: 'en', now: NOW })!;
    expect(chat.messages[0]).toMatchObject({ id: '3A91BB00C7D2E4F6A813', direction: null, evidence: null });
    // Its time still comes from its label; the day from the messages after it (no separator between).
    expect(chat.messages[0]!.timeSource).toBe('label');
  });

  it('learns the account’s own name, and uses it where no other clue is left', () => {
    const doc = fixture();
    const memory = new DirectionMemory();
    readOpenChat(doc, new Landmarks({}, doc), { locale: 'en', now: NOW, memory });
    expect(memory.ownName).toBe('Padaria Central');
    // A bubble with no tail, no label and no status, away from any run.
    const bare = doc.createElement('div');
    bare.setAttribute('role', 'row');
    bare.innerHTML =
      '<div data-id="A5FF00000000000000000000000000FF"><div data-testid="msg-container"><div class="copyable-text" data-pre-plain-text="[11:00 AM, 11/21/2026] Padaria Central: "><span>ok</span></div></div></div>';
    const list = doc.querySelector('[data-testid="conversation-panel-messages"]')!;
    list.replaceChildren(bare);
    const chat = readOpenChat(doc, new Landmarks({}, doc), { locale: 'en', now: NOW, memory })!;
    expect(chat.messages[0]).toMatchObject({ direction: 'out', evidence: 'author' });
    // Without what was learnt, nothing tells.
    expect(readOpenChat(doc, new Landmarks({}, doc), { locale: 'en', now: NOW })!.messages[0]!.direction).toBeNull();
  });

  it('reads an unsaved contact’s number from the compose label, and any contact’s from the drawer', () => {
    const doc = fixture();
    const landmarks = new Landmarks({}, doc);
    findCompose(doc, landmarks)!.setAttribute('aria-label', 'Type a message to \u202a+55 11 99999-0000\u202c');
    expect(readOpenChat(doc, landmarks, { now: NOW })!.jid).toBe('5511999990000@c.us');
    findCompose(doc, landmarks)!.setAttribute('aria-label', 'Type a message to Maria Silva');
    expect(readOpenChat(doc, landmarks, { now: NOW })!.jid).toBeNull();
    const drawer = doc.createElement('div');
    drawer.setAttribute('data-testid', 'drawer-right');
    drawer.innerHTML = '<section data-testid="section-about-and-phone-number"><span>Hey there!</span><span dir="auto">\u202a+1 415 555 0100\u202c</span></section>';
    doc.getElementById('app')!.append(drawer);
    expect(readOpenChat(doc, landmarks, { now: NOW })!.jid).toBe('14155550100@c.us');
  });

  it('finds the send button only while the box holds text, as the page shows it', () => {
    const doc = fixture();
    const landmarks = new Landmarks({}, doc);
    expect(findCompose(doc, landmarks)?.getAttribute('data-tab')).toBe('10');
    expect(findSendButton(doc, landmarks)).toBeNull();
    const footer = doc.querySelector('footer > div')!;
    footer.querySelector('[aria-label="Voice message"]')!.outerHTML = '<button aria-label="Send" class="x1rg5ohu"><span data-icon="wds-ic-send-filled"></span></button>';
    expect(findSendButton(doc, landmarks)?.getAttribute('aria-label')).toBe('Send');
  });

  it('does not carry a tail past a run that starts without one (a sticker has no tail)', () => {
    const doc = fixture();
    const bubble = (id: string, inner: string) => `<div role="row"><div data-id="${id}"><div data-testid="msg-container">${inner}</div></div></div>`;
    const text = (time: string, author: string) => `<div class="copyable-text" data-pre-plain-text="[${time}, 11/21/2026] ${author}: "><span>…</span></div><span>${time}</span>`;
    const status = '<span aria-label=" Read "><svg><title>wds-ic-read</title></svg></span>';
    const sticker = '<img src="blob:https://web.whatsapp.com/s" alt=""><span>11:02 AM</span>';
    doc.querySelector('[data-testid="conversation-panel-messages"]')!.innerHTML =
      '<div role="row"><span>TODAY</span></div>' +
      bubble('A5000000000000000000000000000001', `<span data-testid="tail-out"></span>${text('11:00 AM', 'Padaria Central')}${status}`) +
      bubble('A5000000000000000000000000000002', `${text('11:01 AM', 'Padaria Central')}${status}`) +
      bubble('3A000000000000000003', sticker) + // the customer's sticker: no bubble, no tail, no status
      bubble('3A000000000000000004', text('11:03 AM', 'Maria Silva')) + // untailed: the sticker began the run
      bubble('A5000000000000000000000000000005', `<span data-testid="tail-out"></span>${text('11:04 AM', 'Padaria Central')}${status}`) +
      bubble('A5000000000000000000000000000006', `${sticker}${status}`); // our sticker: its status says so
    const chat = readOpenChat(doc, new Landmarks({}, doc), { locale: 'en', now: NOW })!;
    expect(chat.messages.map((m) => [m.id.slice(-1), m.direction])).toEqual([
      ['1', 'out'],
      ['2', 'out'],
      ['3', null], // waits: nothing on the page says which side sent it
      ['4', 'in'],
      ['5', 'out'],
      ['6', 'out'],
    ]);
  });

  it('does not take a sticker (never tailed) for a sign of where tails go', () => {
    const doc = fixture();
    const bubble = (id: string, inner: string) => `<div role="row"><div data-id="${id}"><div data-testid="msg-container">${inner}</div></div></div>`;
    const text = (time: string, author: string) => `<div class="copyable-text" data-pre-plain-text="[${time}, 11/21/2026] ${author}: "><span>…</span></div><span>${time}</span>`;
    const status = '<span aria-label=" Read "><svg><title>wds-ic-read</title></svg></span>';
    doc.querySelector('[data-testid="conversation-panel-messages"]')!.innerHTML =
      '<div role="row"><span>TODAY</span></div>' +
      bubble('3A000000000000000001', '<img src="blob:https://web.whatsapp.com/s" alt=""><span>9:00 AM</span>') + // a sticker opens the day
      bubble('3A000000000000000002', text('9:01 AM', 'Maria Silva')) + // same run: no tail
      bubble('A5000000000000000000000000000003', `<span data-testid="tail-out"></span>${text('9:05 AM', 'Padaria Central')}${status}`) +
      bubble('A5000000000000000000000000000004', `${text('9:06 AM', 'Padaria Central')}${status}`);
    const chat = readOpenChat(doc, new Landmarks({}, doc), { locale: 'en', now: NOW })!;
    expect(chat.messages.map((m) => [m.id.slice(-1), m.direction])).toEqual([
      ['1', 'in'],
      ['2', 'in'],
      ['3', 'out'],
      ['4', 'out'],
    ]);
  });
});
