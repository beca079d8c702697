// Draws Baton's icon and writes it as PNG files: `node scripts/icons.mjs`.
//
// The mark: a speech bubble in Baton's teal (the owner's page --accent, #0f766e) with a white
// relay baton across it, a chat handed from one agent to the next. Plain shapes rasterised here,
// anti-aliased by supersampling, encoded with node:zlib: no image tools, nothing downloaded.
//
// Writes extension/public/icon/{16,32,48,96,128}.png (WXT puts them into the manifest's `icons`
// by their names) and extension/public/icon/store-128.png, the store listing's icon: 128 px with
// the artwork in the middle 96 px, as the Chrome Web Store asks. wxt.config.ts keeps the store
// icon out of the built extension. The PNGs are committed; run this again after changing it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'extension', 'public', 'icon');

const TEAL = [0x0f, 0x76, 0x6e];
const WHITE = [0xff, 0xff, 0xff];
const AMBER = [0xf5, 0xa5, 0x24];

/** Whether p lies in the box of half-width `r` around the segment a-b, its corners rounded by `round`. */
function inTube(px, py, ax, ay, bx, by, r, round) {
  const length = Math.hypot(bx - ax, by - ay);
  const ux = (bx - ax) / length;
  const uy = (by - ay) / length;
  const mx = (ax + bx) / 2;
  const my = (ay + by) / 2;
  // p in the tube's own axes: along it, and across it.
  const along = Math.abs((px - mx) * ux + (py - my) * uy) - (length / 2 - round);
  const across = Math.abs(-(px - mx) * uy + (py - my) * ux) - (r - round);
  return Math.hypot(Math.max(along, 0), Math.max(across, 0)) + Math.min(Math.max(along, across), 0) <= round;
}

function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.max(x0 + r, Math.min(x1 - r, x));
  const cy = Math.max(y0 + r, Math.min(y1 - r, y));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && Math.hypot(x - cx, y - cy) <= r;
}

function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const s1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  const s2 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
  const s3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/**
 * The colour at (x, y) in the unit square (y down), or null for transparent. `small` thickens the
 * baton and widens the bubble's tail so that both still read at 16 px.
 */
function colourAt(x, y, small) {
  // The baton: a tube with flat ends, lower left to upper right; above 16 px its two ends carry
  // an amber band, the grip tape of a relay baton.
  const [ax, ay, bx, by] = [0.26, 0.6, 0.74, 0.24];
  if (inTube(x, y, ax, ay, bx, by, small ? 0.12 : 0.1, small ? 0.03 : 0.035)) {
    if (small) return WHITE;
    const t = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2);
    return t < 0.14 || t > 0.86 ? AMBER : WHITE;
  }
  // At 16 px the bubble's straight edges fall on whole pixels (1/16 = 0.0625), so they stay crisp.
  const body = small ? inRoundedRect(x, y, 0.0625, 0.0625, 0.9375, 0.8125, 0.22) : inRoundedRect(x, y, 0.04, 0.06, 0.96, 0.8, 0.22);
  const tail = small
    ? inTriangle(x, y, [0.125, 0.75], [0.5, 0.75], [0.0625, 1])
    : inTriangle(x, y, [0.2, 0.7], [0.46, 0.7], [0.12, 0.96]);
  return body || tail ? TEAL : null;
}

/** RGBA pixels of the icon at `size` px, the artwork scaled into the middle `art` px. */
function render(size, art = size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 8; // 8 x 8 samples per pixel
  const pad = (size - art) / 2;
  const small = art < 24;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples - pad) / art;
          const y = (py + (sy + 0.5) / samples - pad) / art;
          const colour = colourAt(x, y, small);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
        pixels[i + 3] = Math.round((255 * a) / (samples * samples));
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file: 8-bit RGBA, no interlace, filter 0 on every row, no metadata (same bytes each run). */
function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
const files = [16, 32, 48, 96, 128].map((size) => [`${size}.png`, png(size, render(size))]);
files.push(['store-128.png', png(128, render(128, 96))]);
for (const [name, data] of files) {
  writeFileSync(join(OUT, name), data);
  console.log(`extension/public/icon/${name}  ${data.length} bytes`);
}
