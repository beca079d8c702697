// Automatic messages (issue #8): what Baton sends on the business's behalf is never a human reply.

/**
 * The kinds of automatic message a device may report (`automatic` on a message report); none of
 * them ever counts as a reply or stops an SLA clock.
 */
export const AUTOMATIC_KINDS = ['greeting', 'away', 'menu', 'satisfaction'] as const;
export type AutomaticKind = (typeof AUTOMATIC_KINDS)[number];

/** The kinds decided when a customer starts an episode (the satisfaction question: when an agent resolves one). */
export type EpisodeKind = Exclude<AutomaticKind, 'satisfaction'>;

/** The automatic messages that ask the customer a question answered with a number. */
export type QuestionKind = Extract<AutomaticKind, 'menu' | 'satisfaction'>;
export const isQuestion = (kind: AutomaticKind): kind is QuestionKind => kind === 'menu' || kind === 'satisfaction';

/** The most options a triage menu has: each is answered with one digit. */
export const MAX_MENU_OPTIONS = 9;
/** The satisfaction question's scale: 1 (bad) to 5 (very good). */
export const SATISFACTION_SCALE = 5;

/**
 * After the menu went out, the chat waits this long for the customer's answer before it is
 * routed without one (by the rules, then the workspace's strategy): a customer who writes their
 * question instead of a number is not left in limbo.
 */
export const MENU_ANSWER_WAIT_MS = 3 * 60_000;

/**
 * A customer message within this long after the satisfaction question is read as its answer
 * (when it is nothing but a digit from 1 to 5). Later, a digit is just a message, and reopens.
 */
export const SATISFACTION_ANSWER_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Message times are read to the minute (`data-pre-plain-text`, time labels) and device clocks
 * differ: an answer stamped this much before its question went out still answers it.
 */
export const ANSWER_CLOCK_SLACK_MS = 2 * 60_000;

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

/** At most one away message per chat in this time, however many episodes it has (the issue's "per day"). */
export const AWAY_EVERY_MS = 24 * 60 * 60_000;

/**
 * The automatic message a new episode gets: away while closed; while open, the triage menu when
 * it is on and routing follows rules (the menu's answer is a routing input, nothing else reads
 * it), else the greeting; or none. The menu takes the greeting's place: one message per episode,
 * and its own text opens it.
 */
export function intentKindFor(
  settings: { greeting: { enabled: boolean }; away: { enabled: boolean }; menu: { enabled: boolean } },
  open: boolean,
  rulesMode: boolean,
): EpisodeKind | null {
  if (!open) return settings.away.enabled ? 'away' : null;
  if (rulesMode && settings.menu.enabled) return 'menu';
  return settings.greeting.enabled ? 'greeting' : null;
}

/** The menu as the customer reads it: the owner's text, then each option with its number. */
export function menuMessage(menu: { text: string; options: readonly { label: string }[] }): string {
  return `${menu.text.trim()} ${menu.options.map((o, i) => `${i + 1} ${o.label}`).join(', ')}`;
}

/** The placeholder for the customer's name in an automatic text. */
const NAME = /\{\{\s*name\s*\}\}/g;

/**
 * An automatic text for one customer: `{{name}}` becomes the chat's name, unless the chat is
 * known only by its number (then the placeholder goes, with the space or comma before it:
 * "Hello {{name}}!" to "Hello!"), since "Hello +34 612 34 56 78!" reads like a machine.
 */
export function personalise(template: string, chatTitle: string): string {
  const name = chatTitle.trim();
  const usable = name !== '' && !/^[\s+\d()\-.\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/.test(name);
  return usable ? template.replace(NAME, name) : template.replace(/[ \t]*,?[ \t]*\{\{\s*name\s*\}\}/g, '');
}

/**
 * Whether a bubble's text is this automatic text, sent to any customer: `{{name}}` matches any
 * name, or none. Spacing and Unicode forms aside, like the sender's own check.
 */
export function matchesTemplate(text: string, template: string): boolean {
  const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  const parts = fold(template).split(/\s*,?\s*\{\{\s*name\s*\}\}/);
  if (parts.length === 1) return fold(text) === parts[0];
  const escaped = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('(?:,? ?.+?)?')}$`, 's').test(fold(text));
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
