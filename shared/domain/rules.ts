// Routing rules (issue #8). Conditions on text (keywords, language) are evaluated in the browser,
// which reports only the ids of the rules that held; the coordinator adds the conditions it can
// see itself (tags) and takes the first rule, in the owner's order, that holds on both sides.
// The triage-menu answer and the satisfaction digit are read in the browser the same way.
//
// Keywords, as decided for #8:
// - case, accents and Arabic harakat are ignored ("reembolso" finds "Reembolsó", "مرحبا" finds
//   "مَرْحَبًا"), and so are tatweel, the three spellings of alef with hamza, ى/ي, ة/ه, the
//   Persian forms of yeh and kaf, fullwidth letters and Arabic-Indic digits;
// - a keyword is a whole word: "refund" finds "Refund please!" but not "refunded"; a trailing
//   `*` makes it a prefix ("refund*" finds both);
// - a keyword with spaces is a phrase: its words in that order, with any spaces, punctuation or
//   emoji between them ("refund please" finds "refund, please");
// - an Arabic keyword also finds the word with the article and the one-letter prefixes attached
//   ("توصيل" finds "التوصيل", "والتوصيل", "بالتوصيل"), since Arabic writes them as one word;
// - in scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) there are no
//   word boundaries to look for, so a keyword there is found anywhere;
// - an emoji keyword is found anywhere, with or without its variation selector or skin tone.

/** All given conditions must hold; a rule with none matches every chat. */
export interface RuleConditions {
  /** Any one of them, as a whole word or phrase (see the rules above). */
  keywords?: string[];
  /** ISO 639-1 codes; holds when the first message was detected in one of them. */
  languages?: string[];
  /** The conversation carries any one of these tags (exact names). */
  tags?: string[];
}

export interface RuleWithConditions {
  id: string;
  name: string;
  when: RuleConditions;
}

/** True when a rule has a condition only the browser can evaluate (it reads text). */
export const readsText = (rule: RuleWithConditions) => Boolean(rule.when.keywords?.length || rule.when.languages?.length);

// ---- folding: one form of a text for comparing, used on keywords and messages alike

// Removed outright: soft hyphen, zero-width non-joiner (Persian writes it inside words), bidi
// marks, BOM, emoji variation selectors, Arabic tatweel (a stretch, not a letter).
const INVISIBLE = /[\u00ad\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0640]|\ufe0e|\ufe0f/g;
// Accents and vowel points of scripts where they are optional to a reader: combining diacritics
// (Latin, Greek, Cyrillic), Arabic harakat and Quranic marks, Hebrew niqqud. Marks that carry a
// letter's sound elsewhere (Devanagari, Thai, Japanese dakuten) are kept: stripping them would
// make different words equal.
const OPTIONAL_MARKS =
  /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\ufe20-\ufe2f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]/g;
// Letters Arabic writers use for one another: alef maqsura and Persian yeh for yeh, ta marbuta
// for heh, Persian kaf for kaf; Arabic-Indic and Persian digits for ASCII ones.
const SAME_LETTER: Record<string, string> = { ى: 'ي', ی: 'ي', ة: 'ه', ک: 'ك' };
const ARABIC_LETTERS = /[ىیةک]/g;
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

/**
 * A text as keywords are compared with it: compatibility forms unfolded (fullwidth, ligatures),
 * lower case, optional accents and invisible marks removed, Arabic letter variants and digits folded.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(INVISIBLE, '')
    .replace(/\u200b/g, ' ')
    .toLowerCase()
    .replace(OPTIONAL_MARKS, '')
    .replace(ARABIC_LETTERS, (c) => SAME_LETTER[c]!)
    .replace(EASTERN_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .normalize('NFC');
}

// ---- keywords compiled to one regular expression per rule

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const ARABIC = /\p{Script=Arabic}/u;
const NOT_WORD = '[^\\p{L}\\p{N}\\p{M}]';
const BOUNDARY_BEFORE = '(?<![\\p{L}\\p{N}\\p{M}])';
const BOUNDARY_AFTER = '(?![\\p{L}\\p{N}\\p{M}])';
// The article and the one-letter prefixes Arabic attaches to a word (and, so, with, like, for).
const ARABIC_PREFIXES = '(?:[وف]?(?:[بكل]?ال|لل|[بكل])|[وف])?';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One keyword as a regex source, or null when nothing of it is left after folding. */
function keywordSource(keyword: string): string | null {
  let folded = foldText(keyword).trim();
  const prefix = folded.endsWith('*');
  if (prefix) folded = folded.replace(/\*+$/, '').trim();
  const words = folded.split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  const first = [...words[0]!][0]!;
  const last = [...words[words.length - 1]!].at(-1)!;
  // A boundary is looked for only where the keyword's own edge is a letter of a spaced script.
  const bounded = WORD_CHAR.test(first) && !UNSPACED.test(first);
  const lead = bounded ? `${BOUNDARY_BEFORE}${ARABIC.test(first) ? ARABIC_PREFIXES : ''}` : '';
  const after = !prefix && WORD_CHAR.test(last) && !UNSPACED.test(last) ? BOUNDARY_AFTER : '';
  return `${lead}${words.map(escape).join(`${NOT_WORD}+`)}${after}`;
}

interface CompiledRule {
  id: string;
  /** Null when the rule has no keyword condition; NEVER when it has one that cannot hold. */
  keywords: RegExp | null;
  languages: ReadonlySet<string> | null;
}

const NEVER = /(?!)/;
const compiled = new WeakMap<readonly RuleWithConditions[], CompiledRule[]>();

/** Primary subtag, lower case: "pt-BR" and "PT" are both "pt". */
const languageCode = (code: string) => code.trim().toLowerCase().split(/[-_]/)[0]!;

function compile(rules: readonly RuleWithConditions[]): CompiledRule[] {
  let out = compiled.get(rules);
  if (out) return out;
  out = rules.filter(readsText).map((rule) => {
    const { keywords, languages } = rule.when;
    let regex: RegExp | null = null;
    if (keywords?.length) {
      const sources = keywords.map(keywordSource).filter((s): s is string => s !== null);
      // A keyword list with nothing usable in it never holds: a catch-all by mistake would be worse.
      regex = sources.length ? new RegExp(sources.map((s) => `(?:${s})`).join('|'), 'u') : NEVER;
    }
    return { id: rule.id, keywords: regex, languages: languages?.length ? new Set(languages.map(languageCode)) : null };
  });
  compiled.set(rules, out);
  return out;
}

/**
 * The browser's half: ids of the rules with a keyword or language condition that all hold for a
 * message. Compiled once per rules array (keep the array as it is; pass a new one on change).
 */
export function textMatches(rules: readonly RuleWithConditions[], text: string, language: string | null): string[] {
  const list = compile(rules);
  if (!list.length) return [];
  const folded = foldText(text);
  const lang = language === null ? null : languageCode(language);
  const ids: string[] = [];
  for (const rule of list) {
    if (rule.languages && (lang === null || !rule.languages.has(lang))) continue;
    if (rule.keywords && !rule.keywords.test(folded)) continue;
    ids.push(rule.id);
  }
  return ids;
}

/**
 * The coordinator's half: the first rule, in order, whose text conditions a device reported as
 * held (or that has none) and whose tag condition the conversation meets (or that has none).
 */
export function firstMatchingRule<R extends RuleWithConditions>(rules: readonly R[], textMatched: ReadonlySet<string> | readonly string[], tags: readonly string[]): R | null {
  const held = textMatched instanceof Set ? textMatched : new Set(textMatched as readonly string[]);
  for (const rule of rules) {
    if (readsText(rule) && !held.has(rule.id)) continue;
    if (rule.when.tags?.length && !rule.when.tags.some((tag) => tags.includes(tag))) continue;
    return rule;
  }
  return null;
}

// ---- answers that are just a number

// Enough for any number a menu or a rating has, with punctuation around it; longer is a sentence.
const MAX_ANSWER_LENGTH = 24;
const KEYCAP = /(\d)\u20e3/g;

/**
 * The customer's triage answer: the option number when the message is nothing but a number from
 * 1 to `options`, with optional spaces and punctuation around it ("2", " 2. ", "2)", "#2", "*2*").
 * Fullwidth, Arabic-Indic and Persian digits count, and so do keycap emoji (2️⃣, 🔟). Anything
 * with a letter or another emoji in it ("opção 2", "2 please", "2 👍") is not an answer: null.
 */
export function menuChoice(text: string, options: number): number | null {
  if (text.length > MAX_ANSWER_LENGTH || options < 1) return null;
  const digits = foldText(text.replace(/\u{1f51f}/gu, '10'))
    .replace(KEYCAP, '$1')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
  if (!/^\d{1,4}$/.test(digits)) return null;
  const n = Number(digits);
  return n >= 1 && n <= options ? n : null;
}

/**
 * A satisfaction rating: a message that is nothing but a digit from 1 to 5, read as strictly as
 * menuChoice. Stars, words and emoji faces are not read: the survey asks for a digit.
 */
export function satisfactionDigit(text: string): 1 | 2 | 3 | 4 | 5 | null {
  return menuChoice(text, 5) as 1 | 2 | 3 | 4 | 5 | null;
}
