// Bundles a Node entry point of ours (the coordinator, or a bench child built on it) into one
// plain ES module, with the files the coordinator reads at run time copied beside it: the
// migrations and the owner's page assets, which it finds relative to its own module URL.
// npm packages stay external and load from node_modules.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNTIME_FILES = [
  ['../coordinator/db/migrations', 'migrations'],
  ['../coordinator/web/assets', 'assets'],
] as const;

/** Writes `<outDir>/<entry name>.mjs` and the runtime files; returns the bundle's path. */
export async function bundleForNode(entry: string, outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, basename(entry).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const [from, to] of RUNTIME_FILES) {
    cpSync(fileURLToPath(new URL(from, import.meta.url)), join(outDir, to), { recursive: true });
  }
  return outfile;
}
