// Profile photos. WhatsApp serves them from pps.whatsapp.net under a path that is stable per
// photo (`/v/t61.24694-24/<digits>_<digits>_n.jpg`) and a signed query (`ccb`, `oh` = signature,
// `oe` = expiry in hex seconds) that changes whenever the client is handed the photo again, and
// that the CDN refuses once expired or tampered with. The simulator signs with a key that changes
// on every server start and reset, so a reader that keys chats by the full URL breaks the way it
// would on the real page; only the path is an identity (and even it changes with a new photo).
//
// pps.whatsapp.net does not resolve in the browser tests (their host rules map web.whatsapp.com
// only), so the page loads the same path and query from its own origin; this file serves it.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Rng } from './ids';

export const PPS_ORIGIN = 'https://pps.whatsapp.net';
export const PHOTO_DIR = '/v/t61.24694-24/';
const PHOTO_FILE = /^\d{6,20}_\d{6,20}_n\.jpg$/;
/** How long a signed URL is good for (real `oe` values are a few weeks ahead). */
const TTL_S = 14 * 24 * 3600;

/** A new photo's stable path part, e.g. "v/t61.24694-24/401234567_1023456789012345_n.jpg". */
export function newPhotoPath(rng: Rng): string {
  return `${PHOTO_DIR.slice(1)}${rng.digits(9)}_${rng.digits(16)}_n.jpg`;
}

export const isPhotoPath = (p: unknown): p is string =>
  typeof p === 'string' && p.startsWith(PHOTO_DIR.slice(1)) && PHOTO_FILE.test(p.slice(PHOTO_DIR.length - 1));

export class PhotoSigner {
  private key = randomBytes(16);
  private expires = 0;

  constructor() {
    this.rotate();
  }

  /** A new signing key: every URL handed out so far stops working. */
  rotate(now = Date.now()): void {
    this.key = randomBytes(16);
    this.expires = Math.floor(now / 1000) + TTL_S;
  }

  /** The URL a client is given for a photo path. */
  url(path: string): string {
    const oe = this.expires.toString(16).toUpperCase();
    return `${PPS_ORIGIN}/${path}?ccb=11-4&oh=${this.sign(path, oe)}&oe=${oe}`;
  }

  /** What the CDN says about a request for `path` with these query parameters. */
  check(path: string, query: URLSearchParams, now = Date.now()): 'ok' | 'URL signature mismatch' | 'URL signature expired' {
    const oe = query.get('oe') ?? '';
    const oh = query.get('oh') ?? '';
    const want = Buffer.from(this.sign(path, oe));
    const got = Buffer.from(oh);
    if (!/^[0-9A-F]{1,12}$/.test(oe) || got.length !== want.length || !timingSafeEqual(got, want)) return 'URL signature mismatch';
    if (parseInt(oe, 16) < Math.floor(now / 1000)) return 'URL signature expired';
    return 'ok';
  }

  private sign(path: string, oe: string): string {
    return `01_Q5Aa${createHmac('sha256', this.key).update(`${path}|${oe}`).digest('base64url').slice(0, 43)}`;
  }
}

/** A small generated portrait: deterministic per photo path, so a photo looks the same each load. */
export function photoSvg(path: string): string {
  const b = createHash('sha256').update(path).digest();
  const BACK = [['#7fb3d5', '#d6eaf8'], ['#f5b041', '#fdebd0'], ['#76d7c4', '#e8f8f5'], ['#c39bd3', '#f4ecf7'], ['#ec7063', '#fadbd8'], ['#85929e', '#eaecee'], ['#58d68d', '#e9f7ef']];
  const SKIN = ['#f1c27d', '#e0ac69', '#c68642', '#8d5524', '#ffdbac'];
  const SHIRT = ['#2e4053', '#a93226', '#1f618d', '#117a65', '#6c3483', '#b9770e', '#f8f9f9'];
  const HAIR = ['#2c1b10', '#4a2c17', '#a0522d', '#d4a017', '#111', '#7b7d7d'];
  const [c1, c2] = BACK[b[0]! % BACK.length]!;
  const skin = SKIN[b[1]! % SKIN.length];
  const shirt = SHIRT[b[2]! % SHIRT.length];
  const hair = HAIR[b[3]! % HAIR.length];
  const angle = b[4]! % 360;
  const headX = 44 + (b[5]! % 12);
  const long = b[6]! % 2 === 0;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">
<defs><linearGradient id="g" gradientTransform="rotate(${angle} .5 .5)"><stop offset="0" stop-color="${c1}"/><stop offset="1" stop-color="${c2}"/></linearGradient></defs>
<rect width="96" height="96" fill="url(#g)"/>
${long ? `<path d="M${headX - 20} 70 Q${headX - 22} 22 ${headX} 22 Q${headX + 22} 22 ${headX + 20} 70z" fill="${hair}"/>` : ''}
<path d="M${headX - 34} 96 Q${headX - 30} 66 ${headX} 64 Q${headX + 30} 66 ${headX + 34} 96z" fill="${shirt}"/>
<rect x="${headX - 6}" y="52" width="12" height="14" fill="${skin}"/>
<circle cx="${headX}" cy="42" r="16" fill="${skin}"/>
<path d="M${headX - 17} 40 Q${headX - 16} 22 ${headX} 24 Q${headX + 16} 22 ${headX + 17} 40 Q${headX} 28 ${headX - 17} 40z" fill="${hair}"/>
</svg>`;
}

/**
 * Serves `/v/t61.24694-24/<file>?ccb=…&oh=…&oe=…` on any host, as pps.whatsapp.net would: the
 * photo, or 403 with the CDN's wording. SVG stands in for the JPEG (no image encoder here);
 * `<img>` does not care. Returns false when the path is not a photo path.
 */
export function servePhoto(signer: PhotoSigner, url: URL, res: ServerResponse): boolean {
  if (!url.pathname.startsWith(PHOTO_DIR)) return false;
  const path = url.pathname.slice(1);
  if (!isPhotoPath(path)) return false;
  const verdict = signer.check(path, url.searchParams);
  const body = verdict === 'ok' ? photoSvg(path) : verdict;
  res.writeHead(verdict === 'ok' ? 200 : 403, {
    'content-type': verdict === 'ok' ? 'image/svg+xml' : 'text/plain',
    'cache-control': verdict === 'ok' ? 'private, max-age=86400' : 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
  return true;
}
