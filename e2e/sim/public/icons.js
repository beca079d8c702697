// Inline SVG icons (nothing is fetched). The `data-icon` name comes from the generation table,
// because WhatsApp renames icons between generations (whatsapp-dom.md: send button, muted/pinned).
import { classes } from './dom.js';
import { GEN } from './gen.js';

const P = {
  send: 'M2.01 21 23 12 2.01 3 2 10l15 2-15 2z',
  mic: 'M12 14c1.66 0 3-1.34 3-3V5c0-1.66-1.34-3-3-3S9 3.34 9 5v6c0 1.66 1.34 3 3 3zm5.3-3c0 3-2.54 5.1-5.3 5.1S6.7 14 6.7 11H5c0 3.41 2.72 6.23 6 6.72V21h2v-3.28c3.28-.48 6-3.3 6-6.72h-1.7z',
  search: 'M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z',
  muted: 'M16.5 12A4.5 4.5 0 0 0 14 7.97v2.21l2.45 2.45c.03-.2.05-.41.05-.63zm2.5 0c0 .94-.2 1.82-.54 2.64l1.51 1.51A8.8 8.8 0 0 0 21 12c0-4.28-2.99-7.86-7-8.77v2.06c2.89.86 5 3.54 5 6.71zM4.27 3 3 4.27 7.73 9H3v6h4l5 5v-6.73l4.25 4.25c-.67.52-1.42.93-2.25 1.18v2.06a9 9 0 0 0 3.69-1.81L19.73 21 21 19.73l-9-9L4.27 3zM12 4 9.91 6.09 12 8.18V4z',
  pinned: 'M16 9V4h1c.55 0 1-.45 1-1s-.45-1-1-1H7c-.55 0-1 .45-1 1s.45 1 1 1h1v5c0 1.66-1.34 3-3 3v2h5.97v7l1 1 1-1v-7H19v-2c-1.66 0-3-1.34-3-3z',
  menu: 'M12 8c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2zm0 2c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2zm0 6c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2z',
  newChat: 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2zm-3 9h-4v4h-2v-4H7V9h4V5h2v4h4v2z',
  attach: 'M19 13h-6v6h-2v-6H5v-2h6V5h2v6h6v2z',
  emoji: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm3.5-9a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm-7 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm3.5 6.5c2.33 0 4.31-1.46 5.11-3.5H6.89c.8 2.04 2.78 3.5 5.11 3.5z',
  pending: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.25 3.15.75-1.23-4.5-2.67z',
  check: 'M9 16.17 4.83 12l-1.42 1.41L9 19 21 7l-1.41-1.41z',
  dblcheck: 'M18 7l-1.41-1.41-6.34 6.34 1.41 1.41L18 7zm4.24-1.41L11.66 16.17 7.48 12l-1.41 1.41L11.66 19l12-12-1.42-1.41zM.41 13.41 6 19l1.41-1.41L1.83 12 .41 13.41z',
  lock: 'M18 8h-1V6A5 5 0 0 0 7 6v2H6a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V10a2 2 0 0 0-2-2zm-6 9a2 2 0 1 1 0-4 2 2 0 0 1 0 4zm3.1-9H8.9V6a3.1 3.1 0 0 1 6.2 0v2z',
  status: 'M12 2a10 10 0 1 0 10 10h-2a8 8 0 1 1-8-8V2zm0 5a5 5 0 1 0 0 10 5 5 0 0 0 0-10zm3-4.6-.8 1.8a8 8 0 0 1 2.5 1.7l1.4-1.4a10 10 0 0 0-3.1-2.1z',
  channels: 'M3 10v4h3l5 4V6L6 10H3zm13.5 2A4.5 4.5 0 0 0 14 7.97v8.05A4.5 4.5 0 0 0 16.5 12zM14 3.23v2.06a7 7 0 0 1 0 13.42v2.06A9 9 0 0 0 14 3.23z',
  communities: 'M16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm0 2c-2.33 0-7 1.17-7 3.5V19h14v-2.5C15 14.17 10.33 13 8 13zm8 0c-.29 0-.62.02-.97.05 1.16.84 1.97 1.97 1.97 3.45V19h6v-2.5c0-2.33-4.67-3.5-7-3.5z',
  settings: 'M19.14 12.94a7.07 7.07 0 0 0 0-1.88l2.03-1.58-1.92-3.32-2.39.96a7.03 7.03 0 0 0-1.62-.94L14.88 3.6h-3.84l-.36 2.58c-.58.24-1.12.55-1.62.94l-2.39-.96-1.92 3.32 2.03 1.58a7.07 7.07 0 0 0 0 1.88l-2.03 1.58 1.92 3.32 2.39-.96c.5.39 1.04.7 1.62.94l.36 2.58h3.84l.36-2.58c.58-.24 1.12-.55 1.62-.94l2.39.96 1.92-3.32-2.03-1.58zM12.96 15.6a3.6 3.6 0 1 1 0-7.2 3.6 3.6 0 0 1 0 7.2z',
  chats: 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z',
  back: 'M20 11H7.83l5.59-5.59L12 4l-8 8 8 8 1.41-1.41L7.83 13H20v-2z',
  close: 'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z',
  play: 'M8 5v14l11-7z',
  camera: 'M12 15.2a3.2 3.2 0 1 0 0-6.4 3.2 3.2 0 0 0 0 6.4zM9 2 7.17 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-3.17L15 2H9zm3 15a5 5 0 1 1 0-10 5 5 0 0 1 0 10z',
  document: 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8l-6-6zm2 16H8v-2h8v2zm0-4H8v-2h8v2zm-3-5V3.5L18.5 9H13z',
  sticker: 'M12 2a10 10 0 1 0 10 10V11l-11-9h1zm-1 2.1V12h7.9A8 8 0 1 1 11 4.1zm2 .3L19.6 11H13V4.4z',
  download: 'M19 9h-4V3H9v6H5l7 7 7-7zM5 18v2h14v-2H5z',
  tailIn: 'M8 0H1.5C.3 0-.3 1.4.5 2.3L8 11V0z',
  tailOut: 'M0 0h6.5c1.2 0 1.8 1.4 1 2.3L0 11V0z',
};

// Keys that share a drawing.
P.read = P.dblcheck;
P.ptt = P.mic;

const AVATAR = {
  user: '<circle cx="24" cy="24" r="24" fill="#dfe5e7"/><circle cx="24" cy="19" r="8" fill="#fff"/><path d="M9.5 39.5C12 33 17.5 30 24 30s12 3 14.5 9.5A23.9 23.9 0 0 1 24 48a23.9 23.9 0 0 1-14.5-8.5z" fill="#fff"/>',
  group: '<circle cx="24" cy="24" r="24" fill="#dfe5e7"/><circle cx="17" cy="20" r="6" fill="#fff"/><circle cx="31" cy="20" r="6" fill="#fff"/><path d="M6 37c2-6 6-9 11-9s9 3 11 9zm14 0c2-6 6-9 11-9s9 3 11 9z" fill="#fff"/>',
};

/**
 * `<span data-icon="NAME"><svg><title>NAME</title>…</svg></span>`, NAME from the current
 * generation. `hook: 'title'` leaves `data-icon` out: the name is only in the SVG `<title>`, as in
 * the 2026 row status (`<svg><title>wds-ic-read</title>`, whatsapp-dom.md).
 */
export function icon(key, { size = 24, label, hook = 'data-icon' } = {}) {
  const name = GEN.icons[key] ?? key;
  const span = document.createElement('span');
  if (hook === 'data-icon') span.setAttribute('data-icon', name);
  else span.className = classes('icon');
  if (label) span.setAttribute('aria-label', label);
  else span.setAttribute('aria-hidden', 'true');
  const tail = key === 'tailIn' || key === 'tailOut';
  const view = AVATAR[key] ? '0 0 48 48' : tail ? '0 0 8 13' : '0 0 24 24';
  const w = tail ? 8 : size;
  const hgt = tail ? 13 : size;
  const body = AVATAR[key] ?? `<path fill="currentColor" d="${P[key] ?? ''}"></path>`;
  span.innerHTML = `<svg viewBox="${view}" height="${hgt}" width="${w}" preserveAspectRatio="xMidYMid meet" fill="none"><title>${name}</title>${body}</svg>`;
  return span;
}
