// Element helpers and hashed class names. WhatsApp's class names are generated per release
// (`x10l6tqk`, `_ak8q`: whatsapp-dom.md, "never rely on"), so ours are derived from the server's
// build id: they change on every server start and nothing can depend on them.
import { BUILD } from './build.js';
import { GEN } from './gen.js';

function fnv1a(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A stable 32-bit hash of a string (FNV-1a), for decisions that must not change between renders. */
export const hash = (str) => fnv1a(str);

const b36 = (n, len) => n.toString(36).padStart(len, '0').slice(-len);
const atomic = (seed) => `x${b36(fnv1a(seed), 7)}`;

const primaries = new Map();
const taken = new Set();

/** The one hashed class the stylesheet uses for a semantic name. */
export function primary(name) {
  let p = primaries.get(name);
  if (p) return p;
  for (let salt = 0; ; salt++) {
    const h = fnv1a(`${BUILD}:${GEN.id}:${name}:${salt}`);
    // 2024 mixes `_akXX` module classes with atomic ones; 2026 is atomic classes only.
    p = GEN.classStyle === 'mixed' && h % 3 === 0 ? `_a${b36(h >>> 2, 3)}` : `x${b36(h, 7)}`;
    if (!taken.has(p)) break;
  }
  taken.add(p);
  primaries.set(name, p);
  return p;
}

// Atomic classes shared by many unrelated elements, as in a real atomic-CSS build.
const SHARED = Array.from({ length: 24 }, (_, i) => atomic(`${BUILD}:shared:${i}`));

/** Primary classes plus look-alike noise, e.g. "x1n2onr6 x10l6tqk _ak8q xh8yej3". */
export function classes(names) {
  const out = [];
  for (const name of names.split(' ')) {
    if (!name) continue;
    const h = fnv1a(`${BUILD}:noise:${name}`);
    out.push(SHARED[h % SHARED.length], primary(name));
    if (h & 1) out.push(SHARED[(h >>> 5) % SHARED.length]);
    if (h & 2) out.push(atomic(`${BUILD}:own:${name}`));
  }
  return [...new Set(out)].join(' ');
}

/**
 * h('div', { c: 'row cell', k: 'focusable-list-item', role: 'row' }, ...children)
 * `c`: semantic names turned into hashed classes; `k`: literal classes WhatsApp really uses
 * (copyable-text, message-in, ...); `text`: textContent; `style`: cssText; `on<event>`: listener.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  let cls = '';
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'c') cls = `${classes(value)} ${cls}`;
    else if (key === 'k') cls = `${cls} ${value}`;
    else if (key === 'text') el.textContent = value;
    else if (key === 'style') el.style.cssText = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  cls = cls.trim();
  if (cls) el.className = cls;
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** Sets an attribute only when it changes (recycled rows are patched, not rebuilt). */
export function setAttr(el, name, value) {
  if (value === null || value === undefined) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== String(value)) {
    el.setAttribute(name, String(value));
  }
}

export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Random ids like React's useId output (":r1f:"), regenerated on every load. */
export const reactId = () => `:r${Math.floor(Math.random() * 36 ** 3).toString(36)}:`;

/** A readable colour per group participant, as WhatsApp colours author names. */
const AUTHOR_COLOURS = ['#a5b337', '#06cf9c', '#25d366', '#02a698', '#7d9ef3', '#007bfc', '#ae8ed6', '#ff72a1', '#fc9775', '#ffbc38', '#d88deb', '#53bdeb'];
export const authorColour = (key) => AUTHOR_COLOURS[fnv1a(key) % AUTHOR_COLOURS.length];
