// The team's state in one line at the top: signed out, or the coordinator unreachable (actions are
// kept and sent later, with how many wait), and the notices the agent must read (mentions, a lost
// claim, a refused action, a transfer to me).
import type { SidebarContext } from '../sidebar/context';
import { useStore } from '../sidebar/store';

export const id = 'team-status';

export function TeamStatus({ context }: { context: SidebarContext }) {
  const { t } = context;
  const team = useStore(context.team);
  const view = team.view;
  if (!view) return null;
  if (!view.me) return <p class="baton-banner" data-baton-signed-out>{t('signedOut')}</p>;
  const dismiss = (noticeId: string) => {
    context.team.set({ ...context.team.get(), notices: context.team.get().notices.filter((n) => n.id !== noticeId) });
    void context.send('dismissNotice', { id: noticeId }).catch(() => undefined);
  };
  return (
    <>
      {view.connection !== 'live' && (
        <div class="baton-banner baton-offline" role="status" data-baton-offline={view.connection}>
          <strong>{t('offlineBanner')}</strong>
          {view.outbox > 0 && <span data-baton-outbox={view.outbox}>{t('offlinePending', [String(view.outbox)])}</span>}
        </div>
      )}
      {team.notices.length > 0 && (
        <ul class="baton-notices" aria-label={t('notices')}>
          {team.notices.map((notice) => (
            <li key={notice.id} class={`baton-notice baton-notice-${notice.kind}`} data-baton-notice={notice.kind} role="status">
              <span>{notice.text}</span>
              <button type="button" aria-label={t('dismiss')} onClick={() => dismiss(notice.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
