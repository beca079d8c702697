import { FEATURES } from '../features';
import type { SidebarContext } from './context';

/** The shell the features render into, mounted once in a shadow root. */
export function Sidebar({ context }: { context: SidebarContext }) {
  return (
    <div class="baton-sidebar">
      {FEATURES.map(({ id, Component }) => (
        <Component key={id} context={context} />
      ))}
    </div>
  );
}
