// Small pure helpers the features share: agent colours and initials, the SLA clocks, times.
import type { ConversationView } from '../../shared/api';
import { slaState, type SlaKind } from '../../shared/domain/sla';

const PALETTE = ['#1f7a5c', '#3b5bdb', '#c2255c', '#e8590c', '#7048e8', '#0c8599', '#5c940d', '#a61e4d', '#364fc7', '#d9480f'];

/** A stable colour per agent id (the same on every device). */
export function agentColor(agentId: string): string {
  let hash = 0;
  for (let i = 0; i < agentId.length; i++) hash = (hash * 31 + agentId.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

/** "Ana Paula" -> "AP", "bruno" -> "BR". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return [...words[0]!].slice(0, 2).join('').toUpperCase();
  return ([...words[0]!][0]! + [...words[words.length - 1]!][0]!).toUpperCase();
}

/** Milliseconds the customer has waited, or null when nobody is waiting. */
export function waitingMs(conversation: Pick<ConversationView, 'waitingSince' | 'status'>, now: number): number | null {
  if (!conversation.waitingSince || conversation.status === 'resolved' || conversation.status === 'snoozed') return null;
  const since = Date.parse(conversation.waitingSince);
  return Number.isFinite(since) ? Math.max(0, now - since) : null;
}

/** An SLA clock of a conversation: which target, when it runs out, and how it stands now. */
export interface SlaClock {
  kind: SlaKind;
  dueAt: number;
  state: ReturnType<typeof slaState>;
}

/**
 * The running SLA clock that runs out first, or null when none runs (the coordinator computed
 * the deadlines with the workspace's policy and business hours; a reply stops the response ones).
 */
export function pressingClock(conversation: Pick<ConversationView, 'sla' | 'waitingSince' | 'status'>, now: number): SlaClock | null {
  if (conversation.status === 'resolved' || conversation.status === 'snoozed') return null;
  const { sla } = conversation;
  const dues: [SlaKind, string | null, string | null][] = [
    ['first_response', sla.firstResponseDueAt, conversation.waitingSince],
    ['next_response', sla.nextResponseDueAt, conversation.waitingSince],
    ['resolution', sla.resolutionDueAt, sla.startedAt],
  ];
  let best: SlaClock | null = null;
  for (const [kind, due, start] of dues) {
    const dueAt = due ? Date.parse(due) : NaN;
    if (!Number.isFinite(dueAt) || (best && best.dueAt <= dueAt)) continue;
    // Without its start the share left is unknown: only "breached" can be told.
    const startedAt = start ? Date.parse(start) : dueAt;
    best = { kind, dueAt, state: slaState(now, Number.isFinite(startedAt) ? startedAt : dueAt, dueAt) };
  }
  return best;
}

/** The message key naming each SLA target. */
export const SLA_KIND_KEYS: Record<SlaKind, string> = { first_response: 'slaFirstResponse', next_response: 'slaNextResponse', resolution: 'slaResolution' };

type T = (key: string, substitutions?: string[]) => string;

/** "First reply late by 3 min" once missed, else "First reply due in 12 min". */
export function clockWords(t: T, clock: SlaClock, now: number): string {
  const kind = t(SLA_KIND_KEYS[clock.kind]);
  return clock.state === 'breached' ? t('slaLateBy', [kind, duration(now - clock.dueAt)]) : t('slaDueIn', [kind, duration(clock.dueAt - now)]);
}

/** clockWords, only while the clock is at risk or missed (the list and queue say nothing otherwise). */
export function clockText(t: T, clock: SlaClock | null, now: number): string | null {
  return clock && clock.state !== 'ok' ? clockWords(t, clock, now) : null;
}

/** "5 min", "2 h 10 min", "3 d". */
export function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** A short local time, with the date when it is not today. */
export function when(iso: string, now: number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return new Date(now).toDateString() === date.toDateString() ? time : `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

/** The open panel's width; WhatsApp's app is narrowed by as much (whatsapp/page.ts makeRoom). */
export const SIDEBAR_WIDTH = 320;
