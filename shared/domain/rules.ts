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
// - a keyword with punctuation or symbols of its own ("c'est", "e-mail", "c++", "(50%)") is
//   looked for as written, only spacing and curly apostrophes aside, still as a whole word;
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
// Phones type curly apostrophes where owners type straight ones (and the other way round).
const APOSTROPHES = /[\u2018\u2019\u02bc]/g;
// Letters Arabic writers use for one another: alef maqsura and Persian yeh for yeh, ta marbuta
// for heh, Persian kaf for kaf; Arabic-Indic and Persian digits for ASCII ones.
const SAME_LETTER: Record<string, string> = { ى: 'ي', ی: 'ي', ة: 'ه', ک: 'ك' };
const ARABIC_LETTERS = /[ىیةک]/g;
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

/**
 * A text as keywords are compared with it: compatibility forms unfolded (fullwidth, ligatures),
 * lower case, optional accents and invisible marks removed, apostrophes straight, Arabic letter
 * variants and digits folded.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(INVISIBLE, '')
    .replace(/\u200b/g, ' ')
    .replace(APOSTROPHES, "'")
    .toLowerCase()
    .replace(OPTIONAL_MARKS, '')
    .replace(ARABIC_LETTERS, (c) => SAME_LETTER[c]!)
    .replace(EASTERN_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .normalize('NFC');
}

// ---- keywords compiled to plain string searches
// Not to regular expressions: a Unicode word boundary (`[\p{L}\p{N}\p{M}]` on either side of
// every keyword) made V8 compile 20 rules in 10 to 400 ms on this machine, paid on the first new
// chat. Instead the text is prepared once per message (folded; and with every run of non-word
// characters turned into one space) and each keyword is an indexOf in one of those forms.

const NON_WORD_RUN = /[^\p{L}\p{N}\p{M}]+/gu;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;
const ARABIC = /^\p{Script=Arabic}$/u;
// The article and the one-letter prefixes Arabic writes onto a word: and, so; with, like, for; the.
const ARABIC_PREFIXES = new Set(['', 'و', 'ف'].flatMap((conj) => ['', 'ب', 'ك', 'ل', 'ال', 'بال', 'كال', 'لل'].map((p) => conj + p)).filter(Boolean));

/** A message in the two forms keywords are looked for in. */
interface Prepared {
  /** Folded, whitespace runs as one space. */
  literal: string;
  /** Folded, every run of characters that are not letters, digits or marks as one space, and one at each end. */
  words: string;
}

function prepare(text: string): Prepared {
  const folded = foldText(text);
  return { literal: folded.replace(/\s+/g, ' '), words: ` ${folded.replace(NON_WORD_RUN, ' ')} ` };
}

interface Keyword {
  /** Looked for in `words` when the keyword is only letters, digits and spaces; else in `literal`. */
  inWords: boolean;
  needle: string;
  /** Whether the text must not have a letter or digit right before / after the needle. */
  boundaryBefore: boolean;
  boundaryAfter: boolean;
  /** An Arabic keyword also holds with ARABIC_PREFIXES attached in front. */
  arabic: boolean;
}

/** Whether a keyword's edge character asks for a word boundary: a letter or digit of a spaced script. */
const wantsBoundary = (char: string) => WORD_CHAR.test(char) && !UNSPACED.test(char);

/** One keyword ready to look for, or null when nothing of it is left after folding. */
function compileKeyword(keyword: string): Keyword | null {
  let folded = foldText(keyword).replace(/\s+/g, ' ').trim();
  const prefix = folded.endsWith('*');
  if (prefix) folded = folded.replace(/\*+$/, '').trim();
  if (!folded) return null;
  const chars = [...folded];
  const first = chars[0]!;
  const last = chars.at(-1)!;
  return {
    inWords: chars.every((c) => c === ' ' || WORD_CHAR.test(c)),
    needle: folded,
    boundaryBefore: wantsBoundary(first),
    boundaryAfter: !prefix && wantsBoundary(last),
    arabic: ARABIC.test(first),
  };
}

/** The code point ending right before `index`, or '' at the start. */
function charBefore(s: string, index: number): string {
  if (index <= 0) return '';
  const low = s.charCodeAt(index - 1);
  return index >= 2 && low >= 0xdc00 && low <= 0xdfff ? s.slice(index - 2, index) : s.slice(index - 1, index);
}

function holdsAt(k: Keyword, text: string, at: number): boolean {
  const end = at + k.needle.length;
  if (k.boundaryAfter && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(end) ?? 32))) return false;
  if (!k.boundaryBefore || !WORD_CHAR.test(charBefore(text, at))) return true;
  if (!k.arabic) return false;
  // Inside a word: it still holds when what comes before it in that word is an Arabic prefix.
  const start = k.inWords ? text.lastIndexOf(' ', at - 1) + 1 : Math.max(0, at - 4);
  for (let from = start; from < at; from++) {
    if (ARABIC_PREFIXES.has(text.slice(from, at)) && !WORD_CHAR.test(charBefore(text, from))) return true;
  }
  return false;
}

function keywordHolds(k: Keyword, text: Prepared): boolean {
  const haystack = k.inWords ? text.words : text.literal;
  for (let at = haystack.indexOf(k.needle); at !== -1; at = haystack.indexOf(k.needle, at + 1)) {
    if (holdsAt(k, haystack, at)) return true;
  }
  return false;
}

interface CompiledRule {
  id: string;
  /** Null when the rule has no keyword condition; empty when it has one that can never hold. */
  keywords: Keyword[] | null;
  languages: ReadonlySet<string> | null;
}

const compiled = new WeakMap<readonly RuleWithConditions[], CompiledRule[]>();

/** Primary subtag, lower case: "pt-BR" and "PT" are both "pt". */
const languageCode = (code: string) => code.trim().toLowerCase().split(/[-_]/)[0]!;

function compile(rules: readonly RuleWithConditions[]): CompiledRule[] {
  let out = compiled.get(rules);
  if (out) return out;
  out = rules.filter(readsText).map((rule) => {
    const { keywords, languages } = rule.when;
    return {
      id: rule.id,
      // A keyword list with nothing usable in it never holds: a catch-all by mistake would be worse.
      keywords: keywords?.length ? keywords.map(compileKeyword).filter((k): k is Keyword => k !== null) : null,
      languages: languages?.length ? new Set(languages.map(languageCode)) : null,
    };
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
  const lang = language === null ? null : languageCode(language);
  let prepared: Prepared | null = null;
  const ids: string[] = [];
  for (const rule of list) {
    if (rule.languages && (lang === null || !rule.languages.has(lang))) continue;
    if (rule.keywords && !rule.keywords.some((k) => keywordHolds(k, (prepared ??= prepare(text))))) continue;
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
