// Builds the coordinator into dist/coordinator/ as plain JavaScript, for `npm start`: no
// TypeScript loader in the running server (bench/: it cost some 40 MB of RSS and a thread).
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './bundle-node';

const outDir = fileURLToPath(new URL('../dist/coordinator/', import.meta.url));
for (const entry of ['index.ts', 'cli.ts']) {
  await bundleForNode(fileURLToPath(new URL(`../coordinator/${entry}`, import.meta.url)), outDir);
}
