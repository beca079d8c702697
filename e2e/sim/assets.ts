// Serves the page and its static files. Everything is local (no CDN, no fonts) and referenced by
// root-relative URLs, so the page works under any host name (https://web.whatsapp.com mapped here).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
export const STATIC_PREFIX = '/sim-static/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * A build id per server start: the page derives its hashed class names from it, so class names
 * change from run to run the way WhatsApp's change from release to release.
 */
export function newBuildId(): string {
  return randomBytes(6).toString('hex');
}

export async function serveStatic(path: string, res: ServerResponse, build: string): Promise<boolean> {
  if (path === `${STATIC_PREFIX}build.js`) {
    send(res, 200, TYPES['.js']!, `export const BUILD = ${JSON.stringify(build)};\n`);
    return true;
  }
  const rel = normalize(decodeURIComponent(path.slice(STATIC_PREFIX.length)));
  if (rel.startsWith('..') || rel.includes(`..${sep}`)) return false;
  try {
    const body = await readFile(join(PUBLIC_DIR, rel));
    send(res, 200, TYPES[extname(rel)] ?? 'application/octet-stream', body);
    return true;
  } catch {
    return false;
  }
}

export async function serveIndex(res: ServerResponse): Promise<void> {
  send(res, 200, TYPES['.html']!, await readFile(join(PUBLIC_DIR, 'index.html')));
}

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
