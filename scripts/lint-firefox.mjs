// `npm run lint:firefox`: Mozilla's add-on linter (web-ext lint, the checks addons.mozilla.org
// runs) on the Firefox build in .output/firefox-mv2 (`wxt build -b firefox` first).
//
// Fails on any error and any warning, with one exception, allowed and printed: Preact's own
// `innerHTML` assignment (UNSAFE_VAR_ASSIGNMENT), the way it applies `dangerouslySetInnerHTML`,
// which is bundled into every script that renders with Preact. It is recognised by the code at
// the reported place (`<el>.innerHTML=<props>.__html`, right after Preact's
// `"dangerouslySetInnerHTML"` prop check), not by file, so the same warning about Baton's own
// code still fails. Notices are printed and do not fail.
//
// Runs the linter through web-ext's API: no config files are read (as --no-config-discovery),
// no update check is made (web-ext's CLI would ask the npm registry), nothing leaves the machine.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cmd } from 'web-ext';

const sourceDir = resolve(process.argv[2] ?? '.output/firefox-mv2');
if (!existsSync(join(sourceDir, 'manifest.json'))) {
  console.error(`lint:firefox: no ${join(sourceDir, 'manifest.json')}; run \`wxt build -b firefox\` first.`);
  process.exit(1);
}

const result = await cmd.lint(
  { sourceDir, artifactsDir: join(sourceDir, '..', 'web-ext-artifacts'), output: 'none', boring: true, ignoreFiles: [] },
  { shouldExitProgram: false },
);

/** Preact's `dangerouslySetInnerHTML`: `t.innerHTML=h.__html` a little after the prop's name. */
function isPreactInnerHtml(message) {
  if (message.code !== 'UNSAFE_VAR_ASSIGNMENT' || !message.file || !message.line) return false;
  const line = readFileSync(join(sourceDir, message.file), 'utf8').split('\n')[message.line - 1] ?? '';
  const column = message.column ?? 0;
  const near = /[\w$]+\.innerHTML=[\w$]+\.__html\b/g;
  for (let match; (match = near.exec(line)); ) {
    const start = match.index;
    const end = start + match[0].length;
    if (column < start - 2 || column > end) continue;
    // Preact's diff reads the prop by name just before it applies it.
    if (line.slice(Math.max(0, start - 600), start).includes('"dangerouslySetInnerHTML"')) return true;
  }
  return false;
}

const where = (m) => `${m.file ?? ''}${m.line ? `:${m.line}:${m.column ?? 0}` : ''}`;
const describe = (m) => `${m.code} ${where(m)}: ${m.message}${m.description ? ` (${String(m.description).replace(/\s+/g, ' ').trim()})` : ''}`;

const allowed = result.warnings.filter(isPreactInnerHtml);
const warnings = result.warnings.filter((m) => !allowed.includes(m));

for (const m of result.errors) console.log(`error    ${describe(m)}`);
for (const m of warnings) console.log(`warning  ${describe(m)}`);
for (const m of result.notices) console.log(`notice   ${describe(m)}`);
for (const m of allowed) console.log(`allowed  ${m.code} ${where(m)}: Preact's own innerHTML (dangerouslySetInnerHTML), bundled`);
console.log(
  `web-ext lint ${sourceDir}: ${result.errors.length} errors, ${warnings.length} warnings, ${result.notices.length} notices` +
    ` (${allowed.length} allowed: Preact's innerHTML)`,
);
process.exit(result.errors.length || warnings.length ? 1 : 0);
