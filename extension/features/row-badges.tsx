// Who owns each visible chat row: initials on the avatar's corner, in the owner's colour, and
// whether it is mine, someone else's, unassigned or late. Rows are virtualised and recycled
// (whatsapp-dom.md), so the badges are re-applied from the titles on every `rows` event and team
// change; one element per row, inline styles, no layout reads.
import type { TeamView } from '../team';
import { agentName, lookupConversation, type SidebarContext } from '../sidebar/context';
import { agentColor, duration, initials, isLate, waitingMs } from '../sidebar/ui';
import { rowElements, type RowElement } from '../whatsapp/page';

export const id = 'row-badges';

export type BadgeState = 'mine' | 'other' | 'unassigned' | 'late' | 'resolved' | 'ambiguous';

const BASE =
  'position:absolute;z-index:2;inset-inline-start:42px;top:40px;min-width:22px;height:22px;padding:0 3px;box-sizing:border-box;' +
  'border-radius:11px;border:2px solid #fff;font:700 10px/18px system-ui,sans-serif;text-align:center;letter-spacing:0;' +
  'pointer-events:none;box-shadow:0 0 0 1px rgb(0 0 0 / 0.12);';

const AMBIGUOUS = `${BASE}background:#fff;color:#54656f;border:2px dotted #8696a0;`;

function describe(context: SidebarContext, view: TeamView, row: RowElement, now: number) {
  const found = lookupConversation(view, row);
  if (!found) return null;
  const { t } = context;
  // Namesakes nothing tells apart: no owner is shown rather than perhaps the other one's.
  if (found === 'ambiguous') return { state: 'ambiguous' as const, owner: null, label: t('badgeAmbiguous'), style: AMBIGUOUS, text: '?', conversationId: '' };
  const conversation = found;
  const me = view.me?.agentId ?? null;
  const owner = conversation.assignee;
  const late = isLate(conversation, now);
  let state: BadgeState = owner === null ? 'unassigned' : owner === me ? 'mine' : 'other';
  if (conversation.status === 'resolved') state = 'resolved';
  let label = owner === null ? t('badgeUnassigned') : owner === me ? t('badgeMine') : t('badgeOwnedBy', [agentName(view, owner)]);
  if (state === 'resolved') label = `${label} · ${t('statusResolved')}`;
  if (late) {
    state = 'late';
    label = `${label} · ${t('badgeLate', [duration(waitingMs(conversation, now) ?? 0)])}`;
  }
  const color = owner ? agentColor(owner) : '#ffffff';
  let style = `${BASE}background:${color};color:${owner ? '#fff' : '#54656f'};`;
  if (!owner) style += 'border:2px dashed #8696a0;';
  if (owner === me && owner) style += 'border-color:#25d366;';
  if (state === 'resolved') style += 'opacity:0.55;';
  if (late) style += 'border:2px solid #d93025;box-shadow:0 0 0 2px rgb(217 48 37 / 0.35);';
  const text = owner ? initials(agentName(view, owner)) : late ? '!' : '';
  return { state, owner, label, style, text, conversationId: conversation.id };
}

type Badge = ReturnType<typeof describe>;
/** The badge each element shows now, so an unchanged row costs one lookup. */
const applied = new WeakMap<Element, Badge>();

// A scroll hands ~70 rows to applyBadges every frame, mostly the same chats: what a chat's badge
// says is worked out once per team view and minute, not once per row per frame (bench/content.ts).
const described = new WeakMap<SidebarContext, { view: TeamView | null; minute: number; badges: Map<string, Badge> }>();
function describeOnce(context: SidebarContext, view: TeamView, row: RowElement, now: number): Badge {
  const minute = Math.floor(now / 60_000);
  let memo = described.get(context);
  if (!memo || memo.view !== view || memo.minute !== minute) described.set(context, (memo = { view, minute, badges: new Map() }));
  const key = `${row.title}\n${row.avatar ?? ''}\n${row.shared ? 1 : 0}${row.namesakes ? 1 : 0}`;
  let badge = memo.badges.get(key);
  if (badge === undefined) memo.badges.set(key, (badge = describe(context, view, row, now)));
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
  for (const rendered of rows ?? rowElements(doc, landmarks())) {
    const { row } = rendered;
    const existing = row.firstElementChild?.hasAttribute('data-baton-badge') ? (row.firstElementChild as HTMLElement) : null;
    const badge = view?.me ? describeOnce(context, view, rendered, now) : null;
    if (!badge) {
      existing?.remove();
      continue;
    }
    if (existing && applied.get(existing) === badge) continue; // the same chat's badge, already right
    const el = existing ?? doc.createElement('div');
    applied.set(el, badge);
    // Only write what changed: a recycled row usually keeps its badge.
    if (el.getAttribute('data-baton-badge') !== badge.state) el.setAttribute('data-baton-badge', badge.state);
    if (el.getAttribute('data-baton-owner') !== (badge.owner ?? '')) el.setAttribute('data-baton-owner', badge.owner ?? '');
    if (el.getAttribute('data-baton-conversation') !== badge.conversationId) el.setAttribute('data-baton-conversation', badge.conversationId);
    if (el.getAttribute('aria-label') !== badge.label) {
      el.setAttribute('aria-label', badge.label);
      el.setAttribute('title', badge.label);
    }
    if (el.getAttribute('style') !== badge.style) el.setAttribute('style', badge.style);
    if (el.textContent !== badge.text) el.textContent = badge.text;
    if (!existing) {
      // data-baton: the adapter's observer ignores changes inside our own elements.
      el.setAttribute('data-baton', '');
      el.setAttribute('role', 'img');
      row.prepend(el);
    }
  }
}

export function start(context: SidebarContext, signal: AbortSignal): void {
  let lastView: TeamView | null = null;
  context.pageEvents.subscribe((event) => {
    if (event.type === 'rows') applyBadges(context, event.rows.length ? event.rows.map((r) => ({ row: r.element, title: r.title, avatar: r.avatar, namesakes: r.namesakes, shared: r.shared })) : undefined);
  }, signal);
  const off = context.team.subscribe(({ view }) => {
    if (view === lastView) return; // presence and notices do not change badges
    lastView = view;
    applyBadges(context);
  });
  // Lateness grows with time alone.
  const timer = setInterval(() => applyBadges(context), 30_000);
  signal.addEventListener('abort', () => {
    off();
    clearInterval(timer);
  });
  applyBadges(context);
}

export function RowBadges() {
  return null;
}
