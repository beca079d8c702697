// Automatic messages (issue #8): what Baton sends on the business's behalf is never a human reply.

/**
 * The kinds of automatic message a device may report (`automatic` on a message report); none of
 * them ever counts as a reply or stops an SLA clock.
 */
export const AUTOMATIC_KINDS = ['greeting', 'away', 'menu', 'satisfaction'] as const;
export type AutomaticKind = (typeof AUTOMATIC_KINDS)[number];

/** The kinds the coordinator decides on its own, when a customer starts an episode. */
export const INTENT_KINDS = ['greeting', 'away'] as const;
export type IntentKind = (typeof INTENT_KINDS)[number];

/**
 * How long one device holds an automatic message: it sends it (or finds it sent) and reports
 * within this time, or the coordinator asks another device.
 */
export const AUTOMATIC_LEASE_MS = 60_000;

/** Leases an automatic message gets before it is given up as failed (`automatic.failed`). */
export const AUTOMATIC_MAX_ATTEMPTS = 5;

/**
 * A customer message this much older than the moment it is first reported gets no automatic
 * answer (a device catching up on old chats must not greet them all), and an automatic message
 * not sent this long after it was decided is dropped: a late "we are closed" helps nobody.
 */
export const AUTOMATIC_MAX_AGE_MS = 15 * 60_000;

/** At most one away message per chat in this time, however many episodes it has (the "per day"). */
export const AWAY_EVERY_MS = 24 * 60 * 60_000;

/** The automatic message a new episode gets: away while closed, the greeting while open, or none. */
export function intentKindFor(settings: { greeting: { enabled: boolean }; away: { enabled: boolean } }, open: boolean): IntentKind | null {
  if (!open) return settings.away.enabled ? 'away' : null;
  return settings.greeting.enabled ? 'greeting' : null;
}

/** A device that said it can send now, as the coordinator's hub sees it. */
export interface SenderCandidate {
  deviceId: string;
  /** Its latest presence is `typing`: an agent is at that browser, so not this one if avoidable. */
  typing: boolean;
  /** Live leases it holds now. */
  leases: number;
  /** When it said it was ready (ms): the longest-ready goes first among equals. */
  readySince: number;
}

/**
 * The device to lease an automatic message to, or null when none is ready. The device that held
 * the previous lease is avoided while another is ready (it failed or went silent); then one nobody
 * is typing at, then the one holding fewest leases, then the longest ready.
 */
export function chooseSender(candidates: SenderCandidate[], previousDeviceId: string | null): string | null {
  const others = candidates.filter((c) => c.deviceId !== previousDeviceId);
  const pool = others.length ? others : candidates;
  const best = [...pool].sort(
    (a, b) => Number(a.typing) - Number(b.typing) || a.leases - b.leases || a.readySince - b.readySince || a.deviceId.localeCompare(b.deviceId),
  )[0];
  return best?.deviceId ?? null;
}
