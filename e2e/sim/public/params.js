// Per-page options from the query string. Each page (browser profile) is one linked device and
// can show a different DOM generation or language, as two agents can on the same day
// (whatsapp-dom.md, "The one rule").
const q = new URLSearchParams(location.search);

const bare = q.get('bare');

export const params = {
  /**
   * DOM generation: '2024' (listitem rows, no test ids), '2026' (grid rows, test ids) or '2026b'
   * (the page as measured April to August 2026: whatsapp-dom.md, "The 2026 generation").
   */
  gen: ['2024', '2026b'].includes(q.get('gen')) ? q.get('gen') : '2026',
  /** UI language: 'en' or 'pt' (Brazilian Portuguese). */
  lang: q.get('lang') === 'pt' ? 'pt' : 'en',
  /** 'nolist': the chat list is there to click but matches none of the known landmarks. */
  layout: q.get('layout') === 'nolist' ? 'nolist' : 'normal',
  /** Bare message ids in `data-id`; null follows the server's `bareIds` option. */
  bare: bare === null ? null : bare === '1' || bare === 'true',
  /** 12- or 24-hour clock in times and `data-pre-plain-text` (WhatsApp follows the system). */
  clock: q.get('clock') === '12' ? 12 : 24,
};
