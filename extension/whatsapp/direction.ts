// Whether the customer or the business wrote each message, from what today's page still shows
// (issue #7, whatsapp-dom.md "Messages"). Since April 2026 ids are bare and since June 2026 the
// message-in/out classes are gone, so direction comes from weaker clues, in this order:
//   1. the id prefix (`true_` / `false_`), where the page still has one;
//   2. the direction classes (`message-out` / `message-in`);
//   3. the tail icon, which only one bubble of a run of same-direction bubbles has (the first
//      since 2026, the last before), carried to the untailed bubbles of the same run;
//   4. the "You:" label on most outgoing bubbles;
//   5. a delivery status, which only outgoing bubbles have;
//   6. the author in `data-pre-plain-text`: the account's own name on outgoing text messages,
//      learnt from messages whose direction a stronger clue gave.
// A message no clue decides stays undecided (null): it is not reported as a guess.

export type Direction = 'in' | 'out';
export type Evidence = 'id' | 'class' | 'tail' | 'run' | 'you' | 'status' | 'author';

/**
 * What one bubble shows, in page order. `afterDay`: a day separator comes right before it (a run
 * ends there); `adjacent`: the previous bubble read is right before it, nothing between them
 * (not the first rendered, no separator or unread divider).
 */
export interface BubbleClues {
  fromMe: boolean | null;
  classDir: Direction | null;
  tail: Direction | null;
  /** Every aria-label inside the bubble (the "You:" label and the status among them, translated). */
  labels: string[];
  statusIcon: boolean;
  author: string | null;
  /** No `data-pre-plain-text`: media, and a sticker has no tail wherever it stands. */
  media: boolean;
  adjacent: boolean;
  afterDay: boolean;
}

export interface Decided {
  direction: Direction | null;
  evidence: Evidence | null;
}

import { foldLabel, looksLikeStatus, STATUS_LABELS, YOU_LABELS } from './words';

/**
 * What a device learns while reading (kept across reads): the account's own name, and the
 * "You:" and status words of a language the lists in words.ts lack.
 */
export class DirectionMemory {
  ownName: string | null = null;
  /** This page shows delivery statuses: an outgoing bubble without one would be odd. */
  statusSeen = false;
  readonly youLabels = new Set<string>();
  readonly statusLabels = new Set<string>();
  /** Labels seen on a bubble known to be incoming: never a "You:" or status word. */
  private readonly inLabels = new Set<string>();

  /** Learns from a bubble whose direction a clue stronger than its labels decided. */
  learn(bubble: BubbleClues, direction: Direction): void {
    const labels = bubble.labels.map(foldLabel);
    if (direction === 'in') {
      for (const label of labels) {
        this.inLabels.add(label);
        this.youLabels.delete(label);
        this.statusLabels.delete(label);
      }
      return;
    }
    if (bubble.author && !this.ownName) this.ownName = bubble.author;
    if (this.hasStatus(bubble)) this.statusSeen = true;
    for (const [i, label] of labels.entries()) {
      if (this.inLabels.has(label)) continue;
      if (label.endsWith(':') && label.length <= 16) this.youLabels.add(label);
      else if (looksLikeStatus(bubble.labels[i]!)) this.statusLabels.add(label);
    }
  }

  isYou(label: string): boolean {
    const folded = foldLabel(label);
    return !this.inLabels.has(folded) && (YOU_LABELS.has(folded) || this.youLabels.has(folded));
  }

  /** The bubble shows a delivery status (an icon, or a status label). */
  hasStatus(bubble: BubbleClues): boolean {
    return bubble.statusIcon || bubble.labels.some((l) => this.isStatus(l));
  }

  isStatus(label: string): boolean {
    const folded = foldLabel(label);
    return !this.inLabels.has(folded) && (STATUS_LABELS.has(folded) || this.statusLabels.has(folded) || looksLikeStatus(label));
  }
}

const RANK: Record<Evidence, number> = { id: 0, class: 1, tail: 2, run: 3, you: 4, status: 5, author: 6 };

/** A bubble's own clue, strongest first, without its neighbours. */
function ownClue(b: BubbleClues, memory: DirectionMemory): Decided {
  if (b.fromMe !== null) return { direction: b.fromMe ? 'out' : 'in', evidence: 'id' };
  if (b.classDir) return { direction: b.classDir, evidence: 'class' };
  if (b.tail) return { direction: b.tail, evidence: 'tail' };
  if (b.labels.some((l) => memory.isYou(l))) return { direction: 'out', evidence: 'you' };
  if (memory.hasStatus(b)) return { direction: 'out', evidence: 'status' };
  if (b.author && memory.ownName) return { direction: b.author === memory.ownName ? 'out' : 'in', evidence: 'author' };
  return { direction: null, evidence: null };
}

/**
 * Which end of a run carries the tail on this page: 'first' (2026) or 'last' (before), from the
 * places that settle it: an untailed bubble right after a day separator (a run starts there, so
 * the tail is not first), one right before a separator (not last), and a change of direction
 * between two bubbles whose own clues are known. Null when nothing settles it: then no tail is
 * carried, since carrying it the wrong way would turn answers into questions.
 */
function tailPlacement(bubbles: BubbleClues[], own: Decided[]): 'first' | 'last' | null {
  let first = 0;
  let last = 0;
  // A missing tail says something only on a bubble that could have one: not on media (stickers).
  const untailed = (b: BubbleClues | undefined) => !!b && b.tail === null && !b.media;
  for (let i = 0; i < bubbles.length; i++) {
    const b = bubbles[i]!;
    const next = bubbles[i + 1];
    if (untailed(b) && b.afterDay) last++;
    if (untailed(b) && next?.afterDay) first++;
    if (i === 0 || !b.adjacent) continue;
    const a = own[i - 1]!;
    const d = own[i]!;
    if (!a.direction || !d.direction) continue;
    const aTail = bubbles[i - 1]!.tail !== null;
    if (a.direction !== d.direction) {
      // A change of side: the tail is on the bubble after it (first) or before it (last).
      if (b.tail !== null && untailed(bubbles[i - 1])) first++;
      if (aTail && untailed(b)) last++;
    } else if (b.author !== null && b.author === bubbles[i - 1]!.author) {
      // Same side, same author (a new author starts a run in a group), nothing between: one run,
      // so a tail then none means first, none then a tail last.
      if (aTail && untailed(b)) first++;
      if (untailed(bubbles[i - 1]) && b.tail !== null) last++;
    }
  }
  if (first === last) return null;
  return first > last ? 'first' : 'last';
}

/** Decides the direction of each bubble (in page order), learning into `memory` as it goes. */
export function decideDirections(bubbles: BubbleClues[], memory: DirectionMemory): Decided[] {
  // Strong clues first, so the words learnt from them can decide the others in the same read.
  for (const b of bubbles) {
    const strong = b.fromMe !== null ? (b.fromMe ? 'out' : 'in') : (b.classDir ?? b.tail);
    if (strong) memory.learn(b, strong);
  }
  const own = bubbles.map((b) => ownClue(b, memory));
  const placement = tailPlacement(bubbles, own);
  if (!placement) {
    for (const [i, d] of own.entries()) if (d.direction && d.evidence !== 'author') memory.learn(bubbles[i]!, d.direction);
    return own;
  }
  // Runs: a tailed bubble opens (first) or closes (last) one; a day separator or a gap ends one.
  const runs: number[][] = [];
  let current: number[] = [];
  bubbles.forEach((b, i) => {
    const startsRun = !b.adjacent || b.afterDay || (placement === 'first' && b.tail !== null);
    if (startsRun && current.length) {
      runs.push(current);
      current = [];
    }
    current.push(i);
    if (placement === 'last' && b.tail !== null) {
      runs.push(current);
      current = [];
    }
  });
  if (current.length) runs.push(current);

  const decided = own.slice();
  for (const run of runs) {
    // The run's direction: its strongest member clue (the tail when it has one).
    let best: Decided = { direction: null, evidence: null };
    for (const i of run) {
      const d = own[i]!;
      if (d.direction && (!best.evidence || RANK[d.evidence!] < RANK[best.evidence])) best = d;
    }
    if (!best.direction) continue;
    // A run can end without a tail where the next run's first bubble has none (a sticker has no
    // bubble and no tail): a member whose own clue says otherwise, or an "outgoing" one without
    // the status every outgoing bubble on this page shows, ends what can be carried. Members
    // between the last one that agreed and that end could be on either side: undecided.
    let lastAgree = -1;
    let end = run.length;
    for (const [k, i] of run.entries()) {
      const d = own[i]!;
      const contradicts = d.direction !== null && d.direction !== best.direction;
      const lacksStatus = best.direction === 'out' && d.direction === null && memory.statusSeen && !memory.hasStatus(bubbles[i]!);
      if (contradicts || lacksStatus) {
        end = k;
        break;
      }
      if (d.direction === best.direction) lastAgree = k;
    }
    for (const [k, i] of run.entries()) {
      const d = own[i]!;
      if (k >= end) break;
      if (end < run.length && k > lastAgree) break;
      // A bubble's own id or class outranks its run; weaker own clues defer to the run's tail.
      if (d.direction && RANK[d.evidence!] <= RANK.tail) continue;
      if (d.direction && best.evidence && RANK[best.evidence] > RANK.tail) continue;
      decided[i] = { direction: best.direction, evidence: d.direction === best.direction && d.evidence ? d.evidence : 'run' };
    }
  }
  for (const [i, d] of decided.entries()) if (d.direction && d.evidence !== 'author') memory.learn(bubbles[i]!, d.direction);
  return decided;
}
