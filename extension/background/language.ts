// The language of a new chat's first message (issue #8): only the code goes to the coordinator.
// It runs in the background, not in the content script: the text goes no further than the
// extension's own worker, and no detector good enough fits the content script's budget (60 KB
// gzipped in all, about 36 KB already spent). Candidates, measured on fixtures/first-messages.json
// (30 messages a language), each restricted to common languages where it allows, Node 20 here:
//
//   library               gzipped in a bundle  right of 30: en pt es fr ar  mean call
//   franc-min 6.2.0        55.1 KB                         24 25 24 27 29   0.23 ms
//   tinyld 1.3.4 light     33.8 KB                         30 25 29 30 30   0.67 ms
//   eld 2.1.0 extrasmall  285.5 KB                         30 30 30 30 30   0.13 ms
//   lande 1.0.10           88.3 KB                         29 29 27 30 30   2.0 ms
//
// tinyld's light build is the smallest and second only to eld in accuracy, so it is the one.
// (Chrome's own i18n.detectLanguage adds nothing and got 29 26 27 30 30, but it calls most of
// these short messages unreliable, and Firefox answers with another model.) tinyld knows 24
// languages and answers in ISO 639-1; its tables are unpacked when this module is imported.
import { detectAll } from 'tinyld/light';

/**
 * The languages a rule can be routed on. Restricting the guess to them matters on short
 * messages: Romanian, Hungarian and the Nordic languages otherwise win over Portuguese and
 * Spanish now and then. Languages of their own script cost nothing to keep.
 */
export const DETECTED_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'it', 'nl', 'tr', 'pl', 'ru', 'ar', 'he', 'hi', 'bn', 'zh', 'ja', 'ko', 'th', 'el'] as const;
const ONLY = { only: [...DETECTED_LANGUAGES] };

/** Below this many letters a message says too little ("Oi", "Bonjour", "ok 👍"). */
export const MIN_LETTERS = 12;
/** The best guess must score this many times the runner-up, or the message is ambiguous. */
const MIN_LEAD = 1.3;

// Links, addresses and mentions are not in the customer's language (and are mostly English).
const NOT_PROSE = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+|@\d+/giu;
const LETTER = /\p{L}/gu;
// Letters of Persian and Urdu, and of Ukrainian and Belarusian, that Arabic and Russian lack: the
// light build knows neither language and would call such a message Arabic or Russian.
const NOT_ARABIC = /[پچژگڈٹڑںےۀ]/u;
const NOT_RUSSIAN = /[іїєґў]/iu;

/**
 * The message's language as an ISO 639-1 code, or null when it is too short (under 12 letters),
 * ambiguous between two languages, or in a language the detector cannot tell.
 */
export function detectLanguage(text: string): string | null {
  const prose = text.replace(NOT_PROSE, ' ');
  if ((prose.match(LETTER)?.length ?? 0) < MIN_LETTERS) return null;
  const [best, next] = detectAll(prose, ONLY);
  if (!best || (next && best.accuracy < next.accuracy * MIN_LEAD)) return null;
  if ((best.lang === 'ar' && NOT_ARABIC.test(prose)) || (best.lang === 'ru' && NOT_RUSSIAN.test(prose))) return null;
  return best.lang;
}
