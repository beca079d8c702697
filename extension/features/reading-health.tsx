// Says plainly which part of WhatsApp Web Baton cannot read, instead of showing wrong owners.
import { LANDMARK_NAMES } from '../../shared/domain/landmarks';
import type { SidebarContext } from '../sidebar/context';
import { useStore } from '../sidebar/store';

export const id = 'reading-health';

export function ReadingHealth({ context }: { context: SidebarContext }) {
  const health = useStore(context.health);
  if (health.missing.length === 0) return null;
  const parts = health.missing.map((landmark) => LANDMARK_NAMES[landmark]).join(', ');
  return (
    <section class="baton-health" role="alert" data-testid="baton-health">
      <strong>{context.t('healthTitle')}</strong>
      <p>{context.t('healthBody', [parts])}</p>
    </section>
  );
}
