// Reads the open conversation: its title, what tells it apart from a namesake (the JID where an
// older page shows one, the phone number, the picture), and its messages with their direction
// and time (issue #7). Pure: a function of an injected root and what the device has learnt.
import { cleanTitle, jidFromPhoneTitle } from '../../shared/domain/identity';
import { avatarKey } from './avatar';
import { decideDirections, DirectionMemory, type BubbleClues, type Direction, type Evidence } from './direction';
import { outermost } from './chat-list';
import type { Landmarks } from './landmarks';
import { parsePrePlainText, type MessageMeta } from './message-meta';
import { parseMessageId } from './message-id';
import { ElementCache } from './read-cache';
import { clue, clues, hasClue, nearClue } from './selectors';
import { calendarDateOf, localTime, parseClock, parseDayLabel, type CalendarDate, type ClockTime } from './times';

/** How a message's time was read: its `data-pre-plain-text`, its time label and the day separators, or its neighbours. */
export type TimeSource = 'meta' | 'label' | 'neighbour';

export interface ChatMessage {
  /** WhatsApp's message id (the bare part of `data-id`). */
  id: string;
  /** The raw `data-id`, unique on the page. */
  dataId: string;
  /** Null while no clue tells: such a message waits for more evidence and is not reported. */
  direction: Direction | null;
  evidence: Evidence | null;
  /** When it was written (ms, local clock of the page), and how that was read. */
  at: number;
  timeSource: TimeSource;
  /** A message without `data-pre-plain-text`: an image, a voice note, a sticker, a document. */
  media: boolean;
  /** The author from `data-pre-plain-text` (groups, and the account's own name on outgoing text). */
  author: string | null;
  participant: string | null;
}

export interface OpenChat {
  title: string;
  jid: string | null;
  /** The picture's key (see avatar.ts), when the header shows one. */
  avatar: string | null;
  messages: ChatMessage[];
}

export interface ReadOptions {
  locale?: string;
  memory?: DirectionMemory;
  now?: number;
  /** What was read of each message element, kept by the watcher until the element changes. */
  cache?: ElementCache<Bubble | null>;
  /** The phone number found last, kept by the watcher while only the messages changed (see PhoneMemo). */
  phone?: PhoneMemo;
}

/**
 * The number phoneJid read (a search of the whole page, on every message: bench/content.ts), and
 * the element holding the messages when it was read. The drawer and the compose box are outside
 * that element: the watcher forgets `read` when anything else on the page changes.
 */
export interface PhoneMemo {
  read?: { jid: string | null };
  /** Null when no element holds only the messages (fewer than two of them): nothing is kept. */
  messages?: Element | null;
}

/** What one message element shows, apart from its neighbours. */
export interface Bubble {
  dataId: string;
  id: string;
  /** The chat's JID where the page puts it in the message id (to 2026), else null. */
  chatJid: string | null;
  participant: string | null;
  meta: MessageMeta | null;
  clock: ClockTime | null;
  clues: Omit<BubbleClues, 'adjacent' | 'afterDay'>;
}

function readBubble(el: Element, landmarks: Landmarks, locale: string): Bubble | null {
  const dataId = el.getAttribute('data-id') ?? el.querySelector('[data-id]')?.getAttribute('data-id') ?? '';
  const parsed = parseMessageId(dataId);
  if (!parsed) return null;
  const metaText = landmarks.first(el, 'messageMeta')?.getAttribute('data-pre-plain-text');
  const meta = metaText ? parsePrePlainText(metaText, locale) : null;
  return {
    dataId,
    id: parsed.id,
    chatJid: parsed.chatJid,
    participant: parsed.participant,
    meta,
    clock: meta ?? timeLabel(el),
    clues: {
      fromMe: parsed.fromMe,
      classDir: directionClass(el),
      tail: clue(el, 'tailOut') ? 'out' : clue(el, 'tailIn') ? 'in' : null,
      labels: clues(el, 'labelled').map((l) => l.getAttribute('aria-label') ?? ''),
      statusIcon: hasClue(el, 'statusIcon'),
      author: meta?.author ?? null,
      media: meta === null,
    },
  };
}

/** The element's ancestor that is a child of `list` (one walk up, not a search of every child). */
function childOf(list: Element, el: Element): Element {
  let at = el;
  while (at.parentElement && at.parentElement !== list) at = at.parentElement;
  return at;
}

/** The open conversation's container, or null when no chat is open. */
export function findMain(root: ParentNode, landmarks: Landmarks): Element | null {
  return landmarks.first(root, 'main');
}

/** The element that holds every message as (a descendant of) its own child. */
function messageList(elements: Element[], main: Element): Element {
  if (elements.length >= 2) {
    let common: Element | null = elements[0]!.parentElement;
    while (common && !elements.every((el) => common!.contains(el))) common = common.parentElement;
    return common ?? main;
  }
  // One message: the nearest ancestor with siblings for it (where day separators would be).
  let el = elements[0]!;
  while (el.parentElement && el.parentElement !== main && el.parentElement.childElementCount < 2) el = el.parentElement;
  return el.parentElement ?? main;
}

/** The phone number a chat's page shows: the drawer's number, or the compose box's label for an unsaved contact. */
function phoneJid(root: ParentNode, landmarks: Landmarks): string | null {
  const drawer = clue(root, 'drawerPhone')?.textContent;
  const fromDrawer = drawer ? jidFromPhoneTitle(drawer.match(/\+[\d\s().\u2010-\u2015-]{7,}/)?.[0] ?? '') : null;
  if (fromDrawer) return fromDrawer;
  // "Type a message to +55 11 99999-0000" (translated): the number is the one place it shows.
  const label = landmarks.first(root, 'compose')?.getAttribute('aria-label') ?? '';
  const number = cleanTitle(label).match(/\+[\d\s().-]{7,}\d/)?.[0];
  return number ? jidFromPhoneTitle(number) : null;
}

/** The bubble's own time label: the last short text in it that reads as a clock. */
function timeLabel(el: Element): ClockTime | null {
  const spans = el.querySelectorAll('span');
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i]!;
    if (span.childElementCount) continue;
    const text = span.textContent ?? '';
    if (text.length <= 12) {
      const clock = parseClock(text);
      if (clock) return clock;
    }
  }
  return null;
}

function directionClass(el: Element): Direction | null {
  // On the element, inside it (the bubble sits below the data-id wrapper) or around it.
  if (nearClue(el, 'classOut')) return 'out';
  if (nearClue(el, 'classIn')) return 'in';
  return null;
}

interface Raw {
  el: Element;
  dataId: string;
  id: string;
  participant: string | null;
  meta: MessageMeta | null;
  clock: ClockTime | null;
  /** The day the separators above it (or an earlier message) say, if any. */
  day: CalendarDate | null;
  /** How many day separators come before it. */
  segment: number;
  clues: BubbleClues;
}

export function readOpenChat(root: ParentNode, landmarks: Landmarks, options: ReadOptions = {}): OpenChat | null {
  const locale = options.locale ?? 'en';
  const now = options.now ?? Date.now();
  const memory = options.memory ?? new DirectionMemory();
  const main = findMain(root, landmarks);
  if (!main) return null;
  const titleEl = landmarks.first(main, 'headerTitle');
  const title = cleanTitle(titleEl?.getAttribute('title') || titleEl?.textContent || '');
  const header = titleEl?.closest('header') ?? main.querySelector('header');
  const avatar = header ? avatarKey(clue(header, 'avatar')?.getAttribute('src') ?? null) : null;

  const candidates = landmarks.all(main, 'message');
  // Wrappers and bubbles can both match (2026 nests msg-container inside conv-msg): keep the outermost.
  const elements = outermost(candidates, main);
  let jid: string | null = null;
  const raws: Raw[] = [];
  let list: Element | null = null;
  if (elements.length) {
    list = messageList(elements, main);
    const byBranch = new Map<Element, Element[]>();
    for (const el of elements) {
      const branch = childOf(list, el);
      const same = byBranch.get(branch);
      if (same) same.push(el);
      else byBranch.set(branch, [el]);
    }
    const seen = new Set<string>();
    let day: CalendarDate | null = null;
    let segment = 0;
    let afterDay = false;
    let afterBreak = false;
    let first = true;
    for (const branch of list.children) {
      const inside = byBranch.get(branch);
      if (!inside) {
        // Not a message: a day separator (which ends a run of bubbles), the unread divider, the
        // encryption note.
        const text = branch.textContent ?? '';
        const date = text.length <= 40 ? dayLabel(text, locale, now) : null;
        if (date) {
          day = date;
          segment++;
          afterDay = true;
        }
        // Whatever it is, the bubbles on either side of it are not known to be one run.
        afterBreak = true;
        continue;
      }
      for (const el of inside) {
        let bubble = options.cache?.get(el);
        if (bubble === undefined) {
          bubble = readBubble(el, landmarks, locale);
          options.cache?.set(el, bubble);
        }
        if (!bubble || seen.has(bubble.dataId)) continue;
        seen.add(bubble.dataId);
        jid ??= bubble.chatJid;
        const { meta } = bubble;
        if (meta?.date) day = meta.date;
        raws.push({
          el,
          dataId: bubble.dataId,
          id: bubble.id,
          participant: bubble.participant,
          meta,
          clock: bubble.clock,
          day: meta?.date ?? day,
          segment,
          clues: { ...bubble.clues, adjacent: !first && !afterBreak, afterDay },
        });
        first = false;
        afterDay = false;
        afterBreak = false;
      }
    }
  }
  const decided = decideDirections(raws.map((r) => r.clues), memory);
  const times = messageTimes(raws, now);
  const messages: ChatMessage[] = raws.map((r, i) => ({
    id: r.id,
    dataId: r.dataId,
    direction: decided[i]!.direction,
    evidence: decided[i]!.evidence,
    at: times[i]!.at,
    timeSource: times[i]!.source,
    media: r.meta === null,
    author: r.meta?.author ?? null,
    participant: r.participant,
  }));
  return { title, jid: jid ?? knownPhoneJid(root, landmarks, options.phone, elements.length >= 2 && list !== main ? list : null), avatar, messages };
}

/** What each separator's text said, for the locale and the day it was read on (see dayLabel). */
const dayLabels = new Map<string, CalendarDate | null>();

/**
 * parseDayLabel, kept per text: every read of the open chat meets the same few separators again
 * ("TODAY", "Yesterday", a date), and reading them afresh each time was a tenth of a read
 * (bench/content.ts). "Today" names another date tomorrow: the key holds the day of `now`.
 */
function dayLabel(text: string, locale: string, now: number): CalendarDate | null {
  const today = calendarDateOf(now);
  const key = `${today.year}-${today.month}-${today.day}\n${locale}\n${text}`;
  let date = dayLabels.get(key);
  if (date === undefined) {
    if (dayLabels.size > 500) dayLabels.clear();
    dayLabels.set(key, (date = parseDayLabel(text, locale, now)));
  }
  return date;
}

/** phoneJid, or what it found last while the memo still holds (see PhoneMemo). */
function knownPhoneJid(root: ParentNode, landmarks: Landmarks, memo: PhoneMemo | undefined, messages: Element | null): string | null {
  if (!memo) return phoneJid(root, landmarks);
  if (!memo.read || memo.messages !== messages || !messages) memo.read = { jid: phoneJid(root, landmarks) };
  memo.messages = messages;
  return memo.read.jid;
}

/**
 * Every message's time: its meta; else its time label on the day the separators (or an earlier
 * message) say, or the day a later message says when no separator is between them; else today
 * (yesterday when the clock is later than now); else its neighbours' time.
 */
function messageTimes(raws: Raw[], now: number): { at: number; source: TimeSource }[] {
  const out: ({ at: number; source: TimeSource } | null)[] = raws.map((r, i) => {
    if (!r.clock) return null;
    const day = r.day ?? laterDay(raws, i) ?? guessDay(r.clock, now);
    return { at: localTime(day, r.clock), source: r.meta ? 'meta' : 'label' };
  });
  return out.map((t, i) => {
    if (t) return t;
    const before = out.slice(0, i).reverse().find(Boolean);
    const after = out.slice(i + 1).find(Boolean);
    return { at: (before ?? after)?.at ?? now, source: 'neighbour' };
  });
}

/** The date a later message on the same day (no separator, hence no day change, between) says. */
function laterDay(raws: Raw[], i: number): CalendarDate | null {
  for (let j = i + 1; j < raws.length && raws[j]!.segment === raws[i]!.segment; j++) {
    if (raws[j]!.meta?.date) return raws[j]!.meta!.date;
  }
  return null;
}

function guessDay(clock: ClockTime, now: number): CalendarDate {
  const today = calendarDateOf(now);
  return localTime(today, clock) <= now + 60_000 ? today : calendarDateOf(now - 86_400_000);
}
