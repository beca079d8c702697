// The extension as the browser tests load it: built once per run with `wxt build`.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = resolve(ROOT, '.output/chrome-mv3');

let built = false;
export function buildExtension(): string {
  if (!built) {
    execFileSync(resolve(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd: ROOT, stdio: 'pipe' });
    built = true;
  }
  return EXTENSION_DIR;
}
