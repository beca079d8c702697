// The one list of sidebar features, in display order. Every file in features/ is registered
// here (a structure test checks it). `slot` says where in the sidebar a feature renders;
// `start` (optional) wires what it does in the page, under the content script's AbortSignal.
import type { FunctionComponent } from 'preact';
import type { SidebarContext } from '../sidebar/context';
import * as automaticSender from './automatic-sender';
import * as canned from './canned';
import * as openChat from './open-chat';
import * as queue from './queue';
import * as readingHealth from './reading-health';
import * as rowBadges from './row-badges';
import * as sendLock from './send-lock';
import * as teamStatus from './team-status';

export type Slot = 'top' | 'chat' | 'queue' | 'float';

export interface Feature {
  id: string;
  slot: Slot;
  Component: FunctionComponent<{ context: SidebarContext }>;
  start?: (context: SidebarContext, signal: AbortSignal) => void;
}

export const FEATURES: Feature[] = [
  { id: readingHealth.id, slot: 'top', Component: readingHealth.ReadingHealth },
  { id: teamStatus.id, slot: 'top', Component: teamStatus.TeamStatus },
  { id: automaticSender.id, slot: 'top', Component: automaticSender.AutomaticSender, start: automaticSender.start },
  { id: rowBadges.id, slot: 'float', Component: rowBadges.RowBadges, start: rowBadges.start },
  // The canned picker's keys run before the send lock's: Enter chooses a response, it does not send.
  { id: canned.id, slot: 'float', Component: canned.Canned, start: canned.start },
  { id: sendLock.id, slot: 'chat', Component: sendLock.SendLock, start: sendLock.start },
  { id: openChat.id, slot: 'chat', Component: openChat.OpenChat },
  { id: queue.id, slot: 'queue', Component: queue.Queue },
];

/** Starts every feature's page wiring. */
export function startFeatures(context: SidebarContext, signal: AbortSignal): void {
  for (const feature of FEATURES) feature.start?.(context, signal);
}
