import { Component } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { FEATURES, type Slot } from '../features';
import { waitingCount } from './conversation-list';
import type { SidebarContext, TeamState } from './context';
import { useSelect, useStore } from './store';
import { SIDEBAR_WIDTH } from './ui';

interface SlotProps {
  context: SidebarContext;
  slot: Slot;
}

/**
 * A slot's features. They follow the stores themselves, so the shell rendering again (folding,
 * a tab) renders them again only when their slot changes (bench/content.ts: every new chat
 * re-rendered every feature, the open chat's panel with them).
 */
class SlotView extends Component<SlotProps> {
  override shouldComponentUpdate(next: SlotProps): boolean {
    return next.slot !== this.props.slot || next.context !== this.props.context;
  }

  override render({ context, slot }: SlotProps) {
    return (
      <>
        {FEATURES.filter((f) => f.slot === slot).map(({ id, Component: Feature }) => (
          <Feature key={id} context={context} />
        ))}
      </>
    );
  }
}

const waitingOf = (team: TeamState) => (team.view ? waitingCount(team.view.conversations) : 0);

/**
 * How many chats wait for someone, where it shows. It changes with every new chat (several a
 * second on a busy page): rendered only when it appears or goes, and the number written into its
 * text node in between, which is all a render would change (bench/content.ts: these renders were
 * a tenth of the content script's time, most of it Preact's work around that one text). The text
 * node is the one Preact made, so a later render finds it and writes it as before.
 */
function WaitingCount({ context, class: className }: { context: SidebarContext; class: string }) {
  const shown = useSelect(context.team, (team) => waitingOf(team) > 0);
  const span = useRef<HTMLSpanElement>(null);
  useEffect(
    () =>
      context.team.subscribe((team) => {
        const text = span.current?.firstChild;
        const waiting = String(waitingOf(team));
        if (text?.nodeType === 3 && (text as Text).data !== waiting) (text as Text).data = waiting;
      }),
    [context],
  );
  return shown ? (
    <span ref={span} class={className}>
      {String(waitingOf(context.team.get()))}
    </span>
  ) : null;
}

/**
 * The shell the features render into, mounted once in a shadow root: a panel fixed to the
 * window's end edge (left in right-to-left languages), beside WhatsApp (the content script narrows
 * WhatsApp's app by as much), folded to a tab when collapsed.
 */
export function Sidebar({ context }: { context: SidebarContext }) {
  const { t } = context;
  const collapsed = useStore(context.collapsed);
  const tab = useStore(context.tab);
  const myName = useSelect(context.team, (team) => team.view?.me?.name ?? null);
  return (
    <div class={`baton-sidebar${collapsed ? ' baton-collapsed' : ''}`} style={{ '--baton-width': `${SIDEBAR_WIDTH}px` }} data-baton-sidebar>
      <SlotView context={context} slot="float" />
      <button
        type="button"
        class="baton-toggle"
        aria-expanded={!collapsed}
        aria-label={collapsed ? t('sidebarShow') : t('sidebarHide')}
        title={collapsed ? t('sidebarShow') : t('sidebarHide')}
        data-baton-toggle
        onClick={() => context.collapsed.set(!collapsed)}
      >
        <span aria-hidden="true">B</span>
        {collapsed && <WaitingCount context={context} class="baton-toggle-count" />}
      </button>
      {!collapsed && (
        <aside class="baton-panel" aria-label={t('sidebarLabel')}>
          <div class="baton-top">
            <div class="baton-brand">
              <strong>Baton</strong>
              {myName !== null && <span class="baton-me">{myName}</span>}
            </div>
            <div class="baton-tabs" role="tablist">
              <button type="button" role="tab" aria-selected={tab === 'chat'} data-baton-tab="chat" onClick={() => context.tab.set('chat')}>
                {t('tabChat')}
              </button>
              <button type="button" role="tab" aria-selected={tab === 'queue'} data-baton-tab="queue" onClick={() => context.tab.set('queue')}>
                {t('tabQueue')}
                <WaitingCount context={context} class="baton-count" />
              </button>
            </div>
          </div>
          <div class="baton-body">
            <SlotView context={context} slot="top" />
            <SlotView context={context} slot={tab} />
          </div>
        </aside>
      )}
    </div>
  );
}
