// The one list of sidebar features, in display order. Every file in features/ is registered
// here (a structure test checks it).
import type { FunctionComponent } from 'preact';
import type { SidebarContext } from '../sidebar/context';
import * as readingHealth from './reading-health';

export interface Feature {
  id: string;
  Component: FunctionComponent<{ context: SidebarContext }>;
}

export const FEATURES: Feature[] = [{ id: readingHealth.id, Component: readingHealth.ReadingHealth }];
