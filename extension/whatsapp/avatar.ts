// A profile picture's key: what tells two chats with the same name apart ("John" twice) on a page
// with no JID (issue #7). Picture URLs are signed and their query changes (`oh=`, `oe=`), while
// the path names the photo: hash the path, so the key is short and says nothing of the URL.

const keys = new Map<string, string>();

/** `a:` and 16 hex digits for a picture URL; null for none (or a placeholder without a URL). */
export function avatarKey(src: string | null): string | null {
  if (!src || src.startsWith('data:')) return null;
  // Rows are read again and again with the same pictures: parse each address once.
  let key = keys.get(src);
  if (key === undefined) {
    if (keys.size > 5000) keys.clear();
    keys.set(src, (key = keyOf(src)));
  }
  return key;
}

function keyOf(src: string): string {
  let path = src;
  try {
    const url = new URL(src, 'https://web.whatsapp.com/');
    path = url.host + url.pathname;
  } catch {
    path = src.split('?')[0]!;
  }
  return `a:${fnv1a(path, 0x811c9dc5)}${fnv1a(path, 0x01000193)}`;
}

/** FNV-1a, 32 bits, as 8 hex digits; two seeds give 64 bits, plenty for a team's chats. */
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
