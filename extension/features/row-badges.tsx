// Who owns each visible chat row: initials on the avatar's corner, in the owner's colour, and
// whether it is mine, someone else's, unassigned or late. Rows are virtualised and recycled
// (whatsapp-dom.md), so the badges are re-applied from the titles on every `rows` event and team
// change; one element per row, inline styles, no layout reads.
import type { TeamConversation, TeamView } from '../team';
import { agentName, lookupConversation, type SidebarContext } from '../sidebar/context';
import { agentColor, clockText, initials, pressingClock } from '../sidebar/ui';
import { normalizeTitle } from '../../shared/domain/identity';
import { rowElements, type RowElement } from '../whatsapp/page';
import { changedPositions } from '../sidebar/conversation-list';

export const id = 'row-badges';

export type BadgeState = 'mine' | 'other' | 'unassigned' | 'at_risk' | 'late' | 'resolved' | 'ambiguous';

const BASE =
  'position:absolute;z-index:2;inset-inline-start:42px;top:40px;min-width:22px;height:22px;padding:0 3px;box-sizing:border-box;' +
  'border-radius:11px;border:2px solid #fff;font:700 10px/18px system-ui,sans-serif;text-align:center;letter-spacing:0;' +
  'pointer-events:none;box-shadow:0 0 0 1px rgb(0 0 0 / 0.12);';

const AMBIGUOUS = `${BASE}background:#fff;color:#54656f;border:2px dotted #8696a0;`;

interface Badge {
  state: BadgeState;
  owner: string | null;
  label: string;
  style: string;
  text: string;
  conversationId: string;
}

/** What a conversation's badge says; `now` only matters through the SLA clocks, so by the minute. */
function describeConversation(context: SidebarContext, view: TeamView, conversation: TeamConversation, now: number): Badge {
  const { t } = context;
  const me = view.me?.agentId ?? null;
  const owner = conversation.assignee;
  const clock = pressingClock(conversation, now);
  const late = clock?.state === 'breached';
  const atRisk = clock?.state === 'at_risk';
  let state: BadgeState = owner === null ? 'unassigned' : owner === me ? 'mine' : 'other';
  if (conversation.status === 'resolved') state = 'resolved';
  let label = owner === null ? t('badgeUnassigned') : owner === me ? t('badgeMine') : t('badgeOwnedBy', [agentName(view, owner)]);
  if (state === 'resolved') label = `${label} · ${t('statusResolved')}`;
  const clockSays = clockText(t, clock, now);
  if (clockSays) {
    state = late ? 'late' : 'at_risk';
    label = `${label} · ${clockSays}`;
  }
  const color = owner ? agentColor(owner) : '#ffffff';
  let style = `${BASE}background:${color};color:${owner ? '#fff' : '#54656f'};`;
  if (!owner) style += 'border:2px dashed #8696a0;';
  if (owner === me && owner) style += 'border-color:#25d366;';
  if (state === 'resolved') style += 'opacity:0.55;';
  if (late) style += 'border:2px solid #d93025;box-shadow:0 0 0 2px rgb(217 48 37 / 0.35);';
  if (atRisk) style += 'border:2px solid #f59f00;box-shadow:0 0 0 2px rgb(245 159 0 / 0.35);';
  const text = owner ? initials(agentName(view, owner)) : late ? '!' : atRisk ? '…' : '';
  return { state, owner, label, style, text, conversationId: conversation.id };
}

/** The badge each element shows now, so an unchanged row costs one lookup. */
const applied = new WeakMap<Element, Badge | null>();
/**
 * The badge each element's attributes were last written from (kept while it is hidden): what
 * changed is found by comparing with it, not by reading six attributes back from the page on
 * every team push (bench/content.ts).
 */
const written = new WeakMap<Element, Badge>();
/** What each row was badged from last (its chat, the team view, the minute): unchanged, skipped. */
const badgedFrom = new WeakMap<Element, { key: string; view: TeamView | null; minute: number }>();

// A scroll hands ~70 rows to applyBadges every frame, and every message changes the team view:
// a conversation's badge is worked out again only when that conversation (or the agents, or
// who I am) changed, or a minute passed (bench/content.ts). Unchanged conversations keep their
// object across views, so a WeakMap on it is the memo.
const described = new WeakMap<TeamConversation, { agents: TeamView['agents']; me: string | null; minute: number; badge: Badge }>();
function describeOnce(context: SidebarContext, view: TeamView, row: RowElement, now: number): Badge | null {
  const found = lookupConversation(view, row);
  if (!found) return null;
  // Namesakes nothing tells apart: no owner is shown rather than perhaps the other one's.
  if (found === 'ambiguous') return ambiguousBadge(context);
  const minute = Math.floor(now / 60_000);
  const me = view.me?.agentId ?? null;
  const memo = described.get(found);
  if (memo && memo.agents === view.agents && memo.me === me && memo.minute === minute) return memo.badge;
  const badge = describeConversation(context, view, found, now);
  described.set(found, { agents: view.agents, me, minute, badge });
  return badge;
}

const ambiguousBadges = new WeakMap<SidebarContext, Badge>();
function ambiguousBadge(context: SidebarContext): Badge {
  let badge = ambiguousBadges.get(context);
  if (!badge) ambiguousBadges.set(context, (badge = { state: 'ambiguous', owner: null, label: context.t('badgeAmbiguous'), style: AMBIGUOUS, text: '?', conversationId: '' }));
  return badge;
}

/**
 * Puts, updates or removes the badge on every rendered row (those the adapter just read, or
 * the page's own). Writes only what changed, so a recycled row keeps its badge element and a
 * row showing the same chat is not touched at all. Safe to call as often as needed.
 */
export function applyBadges(context: SidebarContext, rows?: RowElement[]): void {
  const { doc, landmarks } = context.page;
  const view = context.team.get().view;
  const now = context.now();
  const minute = Math.floor(now / 60_000);
  for (const rendered of rows ?? rowElements(doc, landmarks())) {
    const row = rendered.element;
    if (rows && !row.isConnected) continue;
    // A frame of a scroll shows mostly rows already badged for the same chat and view.
    const existing = row.firstElementChild?.hasAttribute('data-baton-badge') ? (row.firstElementChild as HTMLElement) : null;
    const key = `${rendered.title}\n${rendered.avatar ?? ''}\n${rendered.shared ? 1 : 0}${rendered.namesakes ? 1 : 0}`;
    const from = badgedFrom.get(row);
    if (existing && from && from.key === key && from.view === view && from.minute === minute) continue;
    badgedFrom.set(row, { key, view, minute });
    const badge = view?.me ? describeOnce(context, view, rendered, now) : null;
    if (existing && applied.get(existing) === badge) continue; // the same chat's badge, already right
    if (!badge) {
      // Hidden, not removed: the row will likely show a known chat again (a new one is learnt,
      // the row is recycled), and re-creating badges was most of their cost.
      if (existing) {
        existing.hidden = true;
        applied.set(existing, null);
      }
      continue;
    }
    // A new badge is a copy of one already styled so: parsing the inline style was most of
    // making one (bench/content.ts). Only what changed is written, so a recycled row keeps its
    // badge element.
    const el = existing ?? styled(doc, badge.style);
    applied.set(el, badge);
    if (el.hidden) el.hidden = false;
    write(el, written.get(el), badge);
    written.set(el, badge);
    if (!existing) row.prepend(el);
  }
}

/** Writes what `badge` says that `was` (what the element was last written from) does not. */
function write(el: HTMLElement, was: Badge | undefined, badge: Badge): void {
  if (was?.state !== badge.state) el.setAttribute('data-baton-badge', badge.state);
  if (was?.owner !== badge.owner) el.setAttribute('data-baton-owner', badge.owner ?? '');
  if (was?.conversationId !== badge.conversationId) el.setAttribute('data-baton-conversation', badge.conversationId);
  // The label only: the badge takes no pointer events, so a title's tooltip would never show,
  // and writing it too cost as much again (bench/content.ts).
  if (was?.label !== badge.label) el.setAttribute('aria-label', badge.label);
  // A copy of a styled look carries its style already.
  if ((was?.style ?? el.getAttribute('style')) !== badge.style) el.setAttribute('style', badge.style);
  if (was?.text === badge.text) return;
  // Into the text node it has: replacing the node (textContent) is a removal and an insertion.
  const text = el.firstChild;
  if (text?.nodeType === 3) (text as Text).data = badge.text;
  else el.textContent = badge.text;
}

/** Per document, an element of each badge look (its inline style), to be copied. */
const looks = new WeakMap<Document, Map<string, HTMLElement>>();

/** A new badge element with this inline style, not in the page yet. */
function styled(doc: Document, style: string): HTMLElement {
  let byStyle = looks.get(doc);
  if (!byStyle) looks.set(doc, (byStyle = new Map()));
  let look = byStyle.get(style);
  if (!look) {
    // A few looks per team (an agent's colour, each state), unless the agents keep changing.
    if (byStyle.size > 200) byStyle.clear();
    look = doc.createElement('div');
    look.setAttribute('style', style);
    // data-baton: the adapter's observer ignores changes inside our own elements.
    look.setAttribute('data-baton', '');
    look.setAttribute('role', 'img');
    byStyle.set(style, look);
  }
  return look.cloneNode(false) as HTMLElement;
}

export function start(context: SidebarContext, signal: AbortSignal): void {
  let lastView: TeamView | null = null;
  // The rows the adapter read last: a team change re-badges them without reading the page again.
  let rows: RowElement[] | undefined;
  context.pageEvents.subscribe((event) => {
    if (event.type !== 'rows') return;
    rows = event.rows.length ? event.rows : undefined;
    // A scroll moves rows without changing them: only those read afresh (a new chat in the row,
    // a new message) or not badged yet need their badge looked at.
    applyBadges(context, rows && event.rows.filter((r) => r.fresh || !badgedFrom.has(r.element)));
  }, signal);
  const off = context.team.subscribe(({ view }) => {
    if (view === lastView) return; // presence and notices do not change badges
    const before = lastView;
    lastView = view;
    // Rows that left the page meanwhile are skipped by applyBadges itself.
    applyBadges(context, rows && before && view ? rowsOfChanged(before, view, rows) : rows);
  });
  // Lateness grows with time alone.
  const timer = setInterval(() => applyBadges(context, rows), 30_000);
  signal.addEventListener('abort', () => {
    off();
    clearInterval(timer);
  });
  applyBadges(context);
}

/**
 * The rows a team change can have changed: those titled like a conversation that is new,
 * changed or gone (a message updates one conversation at a time), or all when who I am or the
 * agents changed.
 */
function rowsOfChanged(before: TeamView, view: TeamView, rows: RowElement[]): RowElement[] {
  if (before.agents !== view.agents || before.me !== view.me) return rows;
  const titles = new Set<string>();
  const a = before.conversations;
  const b = view.conversations;
  const changedAt = (i: number) => {
    if (a[i] === b[i]) return;
    titles.add(normalizeTitle(b[i]!.title));
    if (a[i]) titles.add(normalizeTitle(a[i]!.title));
  };
  // Usually one conversation replaced where it stood (or one added at the end): the push noted
  // where (conversation-list.ts); else a walk, no map.
  const step = changedPositions(a, b);
  if (step) {
    step.forEach(changedAt);
    return rowsTitled(rows, titles);
  }
  if (b.length >= a.length && a.every((c, i) => b[i]!.id === c.id)) {
    for (let i = 0; i < b.length; i++) changedAt(i);
    return rowsTitled(rows, titles);
  }
  const old = new Map(before.conversations.map((c) => [c.id, c]));
  for (const c of view.conversations) {
    const was = old.get(c.id);
    if (was !== c) {
      titles.add(normalizeTitle(c.title));
      if (was) titles.add(normalizeTitle(was.title)); // renamed: its old rows too
    }
    old.delete(c.id);
  }
  for (const gone of old.values()) titles.add(normalizeTitle(gone.title));
  return rowsTitled(rows, titles);
}

/** The rows of each normalised title, per rows handed over (a push asks for a few titles, many times). */
const rowsByTitle = new WeakMap<RowElement[], Map<string, RowElement[]>>();

/** The rows showing one of `titles` (normalised), in their order. */
function rowsTitled(rows: RowElement[], titles: Set<string>): RowElement[] {
  if (!titles.size) return [];
  let byTitle = rowsByTitle.get(rows);
  if (!byTitle) {
    rowsByTitle.set(rows, (byTitle = new Map()));
    for (const row of rows) {
      const key = normalizeTitle(row.title);
      const same = byTitle.get(key);
      if (same) same.push(row);
      else byTitle.set(key, [row]);
    }
  }
  const found = new Set<RowElement>();
  for (const title of titles) for (const row of byTitle.get(title) ?? []) found.add(row);
  return found.size > 1 ? rows.filter((r) => found.has(r)) : [...found];
}

export function RowBadges() {
  return null;
}
