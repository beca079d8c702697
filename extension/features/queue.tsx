// The queue: unassigned conversations oldest first, mine, and each agent's. Choosing one opens
// that chat in WhatsApp Web the way a person would: click its row, or search for it, or scroll.
import { useState } from 'preact/hooks';
import type { TeamConversation } from '../team';
import type { PageAccess, SidebarContext } from '../sidebar/context';
import { useSelect, useStore } from '../sidebar/store';
import { agentColor, clockText, duration, initials, pressingClock, waitingMs } from '../sidebar/ui';
import { findRowByTitle } from '../whatsapp/chat-list';
import { findSearchBox, typeInSearch } from '../whatsapp/page';

export const id = 'queue';

const byWaiting = (a: TeamConversation, b: TeamConversation) =>
  (a.waitingSince ?? a.createdAt).localeCompare(b.waitingSince ?? b.createdAt);

/** Clicks a row as a pointer would (WhatsApp has opened chats on mousedown in some versions). */
function clickRow(page: PageAccess, row: Element) {
  const target = page.landmarks().first(row, 'rowTitle') ?? row;
  const win = page.doc.defaultView!;
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
    const Ctor = type.startsWith('pointer') && win.PointerEvent ? win.PointerEvent : win.MouseEvent;
    target.dispatchEvent(new Ctor(type, { bubbles: true, cancelable: true, composed: true, button: 0 }));
  }
}

async function waitForRow(page: PageAccess, title: string, timeoutMs: number, avatar?: string): Promise<Element | null> {
  const started = Date.now();
  for (;;) {
    const row = findRowByTitle(page.doc, page.landmarks(), title, avatar);
    if (row || Date.now() - started > timeoutMs) return row;
    await new Promise((resolve) => setTimeout(resolve, 80));
  }
}

/**
 * Opens the chat titled `title` (with this picture, when namesakes share the title): its row if
 * rendered, else through the search box, else by scrolling the list.
 */
export async function openChatByTitle(page: PageAccess, title: string, avatar?: string): Promise<boolean> {
  let row = findRowByTitle(page.doc, page.landmarks(), title, avatar);
  if (row) {
    clickRow(page, row);
    return true;
  }
  const search = findSearchBox(page.doc);
  if (search) {
    await typeInSearch(search, title);
    row = await waitForRow(page, title, 3000, avatar);
    if (row) clickRow(page, row);
    await typeInSearch(search, '');
    if (row) return true;
  }
  // Scroll the virtualised list a screen at a time, as a person would (not the hot path: one
  // layout read per step is fine here).
  const pane = page.landmarks().first(page.doc, 'sidePane') as HTMLElement | null;
  if (!pane) return false;
  pane.scrollTop = 0;
  for (let step = 0; step < 200; step++) {
    row = await waitForRow(page, title, 120, avatar);
    if (row) {
      clickRow(page, row);
      return true;
    }
    const before = pane.scrollTop;
    pane.scrollTop = before + Math.max(200, pane.clientHeight - 72);
    if (pane.scrollTop === before) return false;
  }
  return false;
}

function Item({ context, conversation, onOpen }: { context: SidebarContext; conversation: TeamConversation; onOpen: (c: TeamConversation) => void }) {
  const now = context.now();
  const waited = waitingMs(conversation, now);
  const clock = pressingClock(conversation, now);
  const clockSays = clockText(context.t, clock, now);
  const mark = clock?.state === 'breached' ? ' baton-late' : clock?.state === 'at_risk' ? ' baton-at-risk' : '';
  return (
    <li>
      <button type="button" class={`baton-queue-item${mark}`} data-baton-queue-item={conversation.title} data-baton-sla={clock?.state ?? 'none'} onClick={() => onOpen(conversation)}>
        <span class="baton-queue-title">{conversation.title}</span>
        <span class="baton-queue-wait" data-baton-queue-wait={waited === null ? 'answered' : String(Math.floor(waited / 60_000))}>
          {waited === null ? context.t('queueNotWaiting') : context.t('queueWaiting', [duration(waited)])}
          {clockSays && <span class="baton-sla"> · {clockSays}</span>}
        </span>
      </button>
    </li>
  );
}

export function Queue({ context }: { context: SidebarContext }) {
  const { t } = context;
  const tab = useStore(context.tab);
  // Hidden, the queue does not render again with every message.
  useSelect(context.team, (team) => (context.tab.get() === 'queue' ? team.view : null));
  const team = context.team.get();
  const [problem, setProblem] = useState<string | null>(null);
  const view = team.view;
  if (tab !== 'queue' || !view?.me) return null;
  const active = view.conversations.filter((c) => c.status !== 'resolved');
  const unassigned = active.filter((c) => c.assignee === null).sort(byWaiting);
  const mine = active.filter((c) => c.assignee === view.me!.agentId).sort(byWaiting);
  const others = view.agents.filter((a) => a.id !== view.me!.agentId);
  const open = (conversation: TeamConversation) => {
    setProblem(null);
    context.tab.set('chat');
    void openChatByTitle(context.page, conversation.title, conversation.avatar ?? undefined).then((ok) => ok || setProblem(t('queueNotFound', [conversation.title])));
  };
  const section = (key: string, title: string, list: TeamConversation[], color?: string, label?: string) => (
    <section class="baton-section" data-baton-queue={key} key={key}>
      <h3>
        {color && label && (
          <span class="baton-avatar" style={{ background: color }} aria-hidden="true">
            {initials(label)}
          </span>
        )}
        {title} <span class="baton-count">{list.length}</span>
      </h3>
      {list.length === 0 ? (
        <p class="baton-muted">{t('queueEmpty')}</p>
      ) : (
        <ul class="baton-queue">
          {list.map((c) => (
            <Item key={c.id} context={context} conversation={c} onOpen={open} />
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <div class="baton-queue-tab" data-baton-queue-tab>
      {problem && (
        <p role="alert" class="baton-warning">
          {problem}
        </p>
      )}
      {section('unassigned', t('queueUnassigned'), unassigned)}
      {section('mine', t('queueMine'), mine)}
      {others.map((agent) =>
        section(
          agent.id,
          `${agent.name} · ${t(`agentStatus_${agent.status}`)}`,
          active.filter((c) => c.assignee === agent.id).sort(byWaiting),
          agentColor(agent.id),
          agent.name,
        ),
      )}
    </div>
  );
}
