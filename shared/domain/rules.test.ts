import { describe, expect, it } from 'vitest';
import { firstMatchingRule, foldText, menuChoice, readsText, satisfactionDigit, textMatches, type RuleWithConditions } from './rules';

const rules = [
  { id: 'refunds', name: 'Refunds', when: { keywords: ['refund'] } },
  { id: 'vip', name: 'VIP', when: { tags: ['vip'] } },
  { id: 'es-vip', name: 'Spanish VIP', when: { languages: ['es'], tags: ['vip'] } },
  { id: 'all', name: 'Everyone else', when: {} },
];

/** Ids of the rules, one per keyword, that a message holds for. */
const keywordsFound = (keywords: string[], text: string) =>
  textMatches(
    keywords.map((k) => ({ id: k, name: k, when: { keywords: [k] } })),
    text,
    null,
  );
const finds = (keyword: string, text: string) => keywordsFound([keyword], text).length === 1;

describe('firstMatchingRule', () => {
  it('takes the first rule in order whose reported text conditions and tags hold', () => {
    expect(firstMatchingRule(rules, ['refunds'], [])?.id).toBe('refunds');
    expect(firstMatchingRule(rules, ['es-vip'], ['vip'])?.id).toBe('vip');
    expect(firstMatchingRule(rules, new Set(['es-vip']), ['regular'])?.id).toBe('all');
    expect(firstMatchingRule(rules.slice(0, 3), [], ['regular'])).toBeNull();
  });

  it('never takes a text rule the browser did not report', () => {
    expect(firstMatchingRule(rules.slice(0, 1), [], ['vip'])).toBeNull();
    expect(readsText(rules[0]!)).toBe(true);
    expect(readsText(rules[1]!)).toBe(false);
  });

  it('holds a text rule with tags to both halves, and keeps the caller’s rule type', () => {
    const typed = [
      { id: 'es-vip', name: 'Spanish VIP', when: { languages: ['es'], tags: ['vip'] }, target: { agentId: 'bea' } },
      { id: 'rest', name: 'Rest', when: {}, target: { agentId: 'dan' } },
    ];
    expect(firstMatchingRule(typed, ['es-vip'], ['vip'])?.target).toEqual({ agentId: 'bea' });
    expect(firstMatchingRule(typed, ['es-vip'], [])?.id).toBe('rest');
    expect(firstMatchingRule(typed, [], ['vip'])?.id).toBe('rest');
    expect(firstMatchingRule([], ['es-vip'], ['vip'])).toBeNull();
  });
});

describe('textMatches', () => {
  const routing: RuleWithConditions[] = [
    { id: 'refunds', name: 'Refunds', when: { keywords: ['refund', 'reembolso', 'remboursement'] } },
    { id: 'spanish', name: 'Spanish', when: { languages: ['es'] } },
    { id: 'es-refunds', name: 'Spanish refunds', when: { keywords: ['reembolso'], languages: ['es', 'pt'] } },
    { id: 'vip', name: 'VIP', when: { tags: ['vip'] } },
    { id: 'all', name: 'Everyone else', when: {} },
  ];

  it('reports only rules with a text condition, when all their text conditions hold', () => {
    expect(textMatches(routing, 'Quiero un reembolso', 'es')).toEqual(['refunds', 'spanish', 'es-refunds']);
    expect(textMatches(routing, 'Quiero un reembolso', 'fr')).toEqual(['refunds']);
    expect(textMatches(routing, 'Hola, buenas tardes', 'es')).toEqual(['spanish']);
    expect(textMatches(routing, 'Hola, buenas tardes', null)).toEqual([]);
    expect(textMatches(routing.slice(3), 'refund', 'en')).toEqual([]);
  });

  it('reads a language code by its primary subtag, in any case', () => {
    expect(textMatches(routing, 'hola', 'ES')).toEqual(['spanish']);
    expect(textMatches(routing, 'reembolso', 'pt-BR')).toEqual(['refunds', 'es-refunds']);
    expect(textMatches([{ id: 'x', name: 'x', when: { languages: ['PT'] } }], 'oi', 'pt')).toEqual(['x']);
  });

  it('ignores case and accents on both sides', () => {
    expect(finds('reembolso', 'Reembolsó ya!')).toBe(true);
    expect(finds('Reembolsó', 'quiero el REEMBOLSO')).toBe(true);
    expect(finds('cafe', 'Um café, por favor')).toBe(true);
    expect(finds('İstanbul', 'shipping to istanbul?')).toBe(true);
    expect(finds('ｒｅｆｕｎｄ', 'refund')).toBe(true);
    expect(finds('refund', 'ＲＥＦＵＮＤ')).toBe(true);
  });

  it('matches whole words only, or a prefix with a trailing star', () => {
    expect(finds('refund', 'Refund please!')).toBe(true);
    expect(finds('refund', 'I was refunded')).toBe(false);
    expect(finds('refund', 'norefund')).toBe(false);
    expect(finds('refund*', 'I was refunded')).toBe(true);
    expect(finds('refund*', 'norefunds')).toBe(false);
    expect(finds('refund', '#refund')).toBe(true);
    expect(finds('order 42', 'order 421')).toBe(false);
  });

  it('matches a keyword with spaces as a phrase, whatever separates its words', () => {
    expect(finds('refund please', 'REFUND, please!!')).toBe(true);
    expect(finds('refund please', 'refund 🙏 please')).toBe(true);
    expect(finds('refund  please', 'refund\nplease')).toBe(true);
    expect(finds('refund please', 'please refund')).toBe(false);
    expect(finds('refund please', 'refund me please')).toBe(false);
  });

  it('reads Arabic without harakat or tatweel, with its letter variants and attached prefixes', () => {
    expect(finds('مرحبا', 'مَرْحَبًا بكم')).toBe(true);
    expect(finds('مَرْحَبًا', 'مرحبا')).toBe(true);
    expect(finds('توصيل', 'كم سعر التـــوصيل؟')).toBe(true);
    expect(finds('توصيل', 'والتوصيل مجاني؟')).toBe(true);
    expect(finds('توصيل', 'بالتوصيل')).toBe(true);
    expect(finds('استرداد', 'أريد إسترداد المبلغ')).toBe(true);
    expect(finds('مستشفى', 'اين المستشفي')).toBe(true);
    expect(finds('فاتورة', 'ارسل الفاتوره')).toBe(true);
    expect(finds('كتاب', 'کتاب')).toBe(true);
    expect(finds('طلب', 'طلبي لم يصل')).toBe(false);
    expect(finds('طلب', 'رقم الطلب ١٢٣')).toBe(true);
    expect(finds('123', 'رقم الطلب ١٢٣')).toBe(true);
    expect(finds('۱۲۳', 'order 123')).toBe(true);
  });

  it('finds keywords inside text in scripts written without spaces', () => {
    expect(finds('退款', '我要退款谢谢')).toBe(true);
    expect(finds('返品', '返品したいです')).toBe(true);
    expect(finds('คืนเงิน', 'ขอคืนเงินครับ')).toBe(true);
    expect(finds('退款', '我要退货')).toBe(false);
  });

  it('keeps the marks that make words different where they are letters, not accents', () => {
    expect(finds('が', 'か')).toBe(false);
    expect(finds('किताब', 'मुझे किताब चाहिए')).toBe(true);
    expect(finds('किताब', 'मुझे कताब चाहिए')).toBe(false);
  });

  it('finds emoji keywords anywhere, with or without their selector or skin tone', () => {
    expect(finds('❤️', 'love it❤')).toBe(true);
    expect(finds('❤', 'love it ❤️')).toBe(true);
    expect(finds('👍', 'ok👍🏽')).toBe(true);
    expect(finds('🔥', 'great 👍')).toBe(false);
    expect(finds('refund', '🔥refund🔥')).toBe(true);
    expect(finds('reembolso', '👨‍👩‍👧 reembolso 👨‍👩‍👧')).toBe(true);
  });

  it('takes regular-expression characters in a keyword literally', () => {
    expect(finds('c++', 'we use c++ here')).toBe(true);
    expect(finds('c++', 'we use ccc here')).toBe(false);
    expect(finds('a.b', 'axb')).toBe(false);
    expect(finds('(50%)', 'save (50%) now')).toBe(true);
    expect(finds("c'est urgent", 'C’est URGENT !')).toBe(true);
    expect(finds('e-mail', 'my e-mail address')).toBe(true);
    expect(finds('e-mail', 'my xe-mail address')).toBe(false);
    expect(finds('e-mail', 'my e-mails')).toBe(false);
  });

  it('never holds a keyword condition that has nothing left to look for', () => {
    const broken = [{ id: 'blank', name: 'Blank', when: { keywords: ['  ', '*'] } }];
    expect(textMatches(broken, 'anything at all', 'en')).toEqual([]);
    expect(textMatches([{ id: 'none', name: 'None', when: { keywords: [] } }], 'anything', 'en')).toEqual([]);
  });

  it('holds a rule for any one of its keywords, found anywhere in the message', () => {
    expect(keywordsFound(['refund', 'cancel'], 'First: hello. Then: cancel, and a refund')).toEqual(['refund', 'cancel']);
    expect(textMatches([{ id: 'r', name: 'r', when: { keywords: ['refund', 'cancel'] } }], 'please cancel it', null)).toEqual(['r']);
    expect(finds('refund', 'refunded, then refund')).toBe(true);
    expect(finds('توصيل', 'مواصلة توصيلات التوصيل')).toBe(true);
  });

  it('compiles once per rules array, and sees a new array as new rules', () => {
    const list: RuleWithConditions[] = [{ id: 'a', name: 'A', when: { keywords: ['alpha'] } }];
    expect(textMatches(list, 'alpha', null)).toEqual(['a']);
    list[0]!.when.keywords = ['beta']; // edits in place are not seen: the array is the cache key
    expect(textMatches(list, 'beta', null)).toEqual([]);
    expect(textMatches([...list], 'beta', null)).toEqual(['a']);
  });

  it('folds text the same way whichever way it was composed', () => {
    expect(foldText('Reembolso\u0301')).toBe(foldText('Reembolsó'));
    expect(foldText('JOÃO')).toBe('joao');
    expect(foldText('한국어')).toBe('한국어');
    expect(foldText('\u202aNº ٤٢\u202c')).toBe('no 42');
  });
});

describe('menuChoice', () => {
  it('reads a lone number, with spaces and punctuation around it', () => {
    for (const text of ['2', ' 2. ', '2)', '(2)', '#2', '*2*', '2!', '  2 ', '02', '2؟']) expect(menuChoice(text, 3), text).toBe(2);
    expect(menuChoice('10', 12)).toBe(10);
  });

  it('reads fullwidth, Arabic-Indic and Persian digits, and keycap emoji', () => {
    for (const text of ['２', '٢', '۲', '2️⃣', '2⃣', ' 2️⃣ ']) expect(menuChoice(text, 3), text).toBe(2);
    expect(menuChoice('🔟', 10)).toBe(10);
    expect(menuChoice('1️⃣2️⃣', 12)).toBe(12);
    expect(menuChoice('١٢', 12)).toBe(12);
  });

  it('answers nothing for words, sentences, other emoji or numbers out of range', () => {
    for (const text of ['opção 2', '2 please', 'the 2nd', '2 👍', '2.5', '1 2', '', '   ', '👍', 'two', '0', '4', '99999'])
      expect(menuChoice(text, 3), text).toBeNull();
    expect(menuChoice('1', 0)).toBeNull();
    expect(menuChoice(`${' '.repeat(30)}2`, 3)).toBeNull();
  });
});

describe('satisfactionDigit', () => {
  it('reads a lone digit from 1 to 5, as strictly as a menu answer', () => {
    expect(satisfactionDigit('5')).toBe(5);
    expect(satisfactionDigit(' 1. ')).toBe(1);
    expect(satisfactionDigit('٣')).toBe(3);
    expect(satisfactionDigit('4️⃣')).toBe(4);
  });

  it('reads no stars, words or digits out of range', () => {
    for (const text of ['⭐⭐⭐⭐⭐', '5 stars', 'excelente', '0', '6', '10', 'nota 5']) expect(satisfactionDigit(text), text).toBeNull();
  });
});
