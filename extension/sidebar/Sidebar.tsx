import { FEATURES, type Slot } from '../features';
import type { SidebarContext } from './context';
import { useSelect, useStore } from './store';
import { SIDEBAR_WIDTH } from './ui';

function SlotView({ context, slot }: { context: SidebarContext; slot: Slot }) {
  return (
    <>
      {FEATURES.filter((f) => f.slot === slot).map(({ id, Component }) => (
        <Component key={id} context={context} />
      ))}
    </>
  );
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
  const waiting = useSelect(context.team, (team) => team.view?.conversations.filter((c) => c.assignee === null && c.status !== 'resolved').length ?? 0);
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
        {collapsed && waiting > 0 && <span class="baton-toggle-count">{waiting}</span>}
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
                {waiting > 0 && <span class="baton-count">{waiting}</span>}
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
