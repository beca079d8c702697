import type { HealthState } from '../whatsapp/health';
import type { LinkState } from '../messaging';
import { Store } from './store';

/** Everything the sidebar's features read, written by the content script. */
export interface SidebarContext {
  health: Store<HealthState>;
  link: Store<LinkState | null>;
  t: (key: string, substitutions?: string[]) => string;
}

export function createSidebarContext(t: SidebarContext['t']): SidebarContext {
  return { health: new Store<HealthState>({ missing: [], matched: {} }), link: new Store<LinkState | null>(null), t };
}
