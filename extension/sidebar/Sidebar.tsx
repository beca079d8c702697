import { Component } from 'preact';
import { FEATURES, type Slot } from '../features';
import { waitingCount } from './conversation-list';
import type { SidebarContext } from './context';
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

/** How many chats wait for someone, where it shows: changes with every new chat, so it renders alone. */
function WaitingCount({ context, class: className }: { context: SidebarContext; class: string }) {
  const waiting = useSelect(context.team, (team) => (team.view ? waitingCount(team.view.conversations) : 0));
  return waiting > 0 ? <span class={className}>{waiting}</span> : null;
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
