// The contact info drawer of the 2026b page (whatsapp-dom.md, "Open chat"): clicking the
// conversation header opens [data-testid="drawer-right"] beside #main; a contact's number sits
// under [data-testid="section-about-and-phone-number"], formatted and bidi-marked like titles.
// It is the one place besides the compose label where an unsaved contact's number still shows.
import { avatar } from './avatar.js';
import { T } from './gen.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { icon } from './icons.js';
import { bidiNumber, shownName, shownTitle } from './titles.js';

/** createDrawer(col) → { show(chat), hide(), update(chat), jid } */
export function createDrawer(col) {
  let shown = null;

  function show(chat) {
    shown = chat.jid;
    col.hidden = false;
    col.replaceChildren(build(chat));
  }

  function hide() {
    if (shown === null) return;
    shown = null;
    col.hidden = true;
    col.replaceChildren();
  }

  function build(chat) {
    const group = chat.kind === 'group';
    const close = h('button', { c: 'icon-btn drawer-close', type: 'button', 'aria-label': t.close, title: t.close, onclick: hide }, icon('close'));
    const title = shownTitle(chat);
    const hero = h(
      'section',
      { c: 'drawer-hero' },
      h('div', { c: 'drawer-photo' }, avatar(chat, 200)),
      h('h2', { c: 'drawer-name' }, h('span', { dir: 'auto', text: title })),
      group ? h('div', { c: 'drawer-sub', text: t.members(chat.participants.length + 1) }) : null,
    );
    const details = group
      ? h(
          'section',
          { c: 'drawer-section' },
          ...chat.participants.map((p) => h('div', { c: 'drawer-member' }, h('span', { dir: 'auto', text: shownName(p.title) }))),
          h('div', { c: 'drawer-member' }, h('span', { text: t.you })),
        )
      : h(
          'section',
          { c: 'drawer-section', ...T('section-about-and-phone-number') },
          h('div', { c: 'drawer-label', text: t.about }),
          h('div', { c: 'drawer-about', dir: 'auto', text: t.aboutText }),
          chat.formattedPhone ? h('div', { c: 'drawer-phone' }, h('span', { dir: 'auto', text: bidiNumber(chat.formattedPhone) })) : null,
        );
    return h(
      'div',
      { c: 'drawer', tabindex: -1, ...T('drawer-right') },
      h('header', { c: 'drawer-header' }, close, h('h1', { c: 'drawer-title', text: group ? t.groupInfoTitle : t.contactInfoTitle })),
      h('div', { c: 'drawer-body' }, hero, details),
    );
  }

  return {
    show,
    hide,
    /** The chat changed (renamed, new photo): redraw if it is the one shown. */
    update(chat) {
      if (shown === chat.jid) col.replaceChildren(build(chat));
    },
    get jid() {
      return shown;
    },
  };
}
