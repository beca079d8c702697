// Chat pictures. Generations with photos (GEN.avatars) show the chat's profile photo as an
// <img>; chats without one, and generations without photos, show the default contact or group
// icon. The state hands out pps.whatsapp.net URLs whose query is signed and changes on every
// server start and reset (see ../avatars.ts); the page loads the same path and query from its
// own origin, because pps.whatsapp.net does not resolve where the tests run.
import { h } from './dom.js';
import { GEN } from './gen.js';
import { icon } from './icons.js';

const PPS = /^https:\/\/pps\.whatsapp\.net(?=\/)/;

/** The URL the page loads for a pps.whatsapp.net photo URL. */
export const photoSrc = (url) => url.replace(PPS, '');

const defaultIcon = (chat, size) => icon(chat.kind === 'group' ? 'group' : 'user', { size });

/** What a chat shows as its picture; `key` tells a patcher whether it must be rebuilt. */
export function avatar(chat, size) {
  if (!GEN.avatars || !chat.avatar) return defaultIcon(chat, size);
  const img = h('img', { c: 'avatar-img', src: photoSrc(chat.avatar), alt: '', draggable: 'false', width: size, height: size, style: 'visibility: visible;' });
  // A refused URL (an old signature) shows the default icon, as the real page does.
  img.addEventListener('error', () => img.replaceWith(defaultIcon(chat, size)), { once: true });
  return img;
}

/** Identifies what `avatar()` would draw for a chat. */
export const avatarKey = (chat) => (GEN.avatars && chat.avatar ? chat.avatar : chat.kind);
