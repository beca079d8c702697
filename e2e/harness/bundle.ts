import { resolve } from 'node:path';
import { build, type Rollup } from 'vite';

let bundled: Promise<string> | null = null;

/** page-adapter.ts as one classic script, for page.addScriptTag. */
export function adapterBundle(): Promise<string> {
  bundled ??= build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(import.meta.dirname, 'page-adapter.ts'), name: 'BatonPageAdapter', formats: ['iife'] },
    },
  }).then((out) => ((Array.isArray(out) ? out[0] : out) as Rollup.RollupOutput).output[0].code);
  return bundled;
}
