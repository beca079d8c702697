// The team's state in one line at the top: signed out, or the coordinator unreachable (actions are
// kept and sent later, with how many wait), and the notices the agent must read (mentions, a lost
// claim, a refused action, a transfer to me).
import type { SidebarContext } from '../sidebar/context';
import { useSelect } from '../sidebar/store';

export const id = 'team-status';

export function TeamStatus({ context }: { context: SidebarContext }) {
  const { t } = context;
  const [hasView, me, connection, outbox, notices] = useSelect(context.team, (team) => [!!team.view, team.view?.me ?? null, team.view?.connection, team.view?.outbox ?? 0, team.notices] as const);
  if (!hasView) return null;
  if (!me) return <p class="baton-banner" data-baton-signed-out>{t('signedOut')}</p>;
  const dismiss = (noticeId: string) => {
    context.team.set({ ...context.team.get(), notices: context.team.get().notices.filter((n) => n.id !== noticeId) });
    void context.send('dismissNotice', { id: noticeId }).catch(() => undefined);
  };
  return (
    <>
      {connection !== 'live' && (
        <div class="baton-banner baton-offline" role="status" data-baton-offline={connection}>
          <strong>{t('offlineBanner')}</strong>
          {outbox > 0 && <span data-baton-outbox={outbox}>{t('offlinePending', [String(outbox)])}</span>}
        </div>
      )}
      {notices.length > 0 && (
        <ul class="baton-notices" aria-label={t('notices')}>
          {notices.map((notice) => (
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
