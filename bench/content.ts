// `npm run bench:content`: what the content script costs WhatsApp Web, in a real Chromium
// (issue #3). Two profiles take the same workload one after the other: one with the built
// extension (linked and signed in to a real coordinator), one without it, the baseline.
//   1. A 1,000-chat list scrolled continuously while 10 messages a second arrive: time in the
//      content script per frame (p95), from a CPU profile sampled every 100 µs, and forced
//      layouts it caused (layouts whose JavaScript stack is the extension's), from a trace.
//   2. The content script's bundle, gzipped (adapter and sidebar together).
//   3. JavaScript heap growth after 10,000 messages, with and without the extension.
// Figures, not assertions. Options: --seconds=N for phase 1 (default 20), --messages=N (10000),
// --gen=2026b|2026|2024 (default 2026b: the page as it is today, ~70 rows rendered).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { openProfile, type Profile } from '../e2e/harness/browser';
import { HAVE_CHROMIUM, INSTALL_HINT } from '../e2e/harness/chromium';
import { startCoordinator } from '../e2e/harness/coordinator-process';
import { buildExtension } from '../e2e/harness/extension-build';
import { linkAndSignIn } from '../e2e/harness/link';
import { setUpTeam } from '../e2e/harness/team';
import { startSim, type Sim } from '../e2e/sim/server';
import { mb, ms, int, summarize, table } from './stats';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SECONDS = arg('seconds', 20);
const MESSAGES = arg('messages', 10_000);
const GEN = process.argv.find((a) => a.startsWith('--gen='))?.split('=')[1] ?? '2026b';
const FRAME_US = 1_000_000 / 60;
/** The seed's pinned 'Ana Souza' (generated chats reuse names, so the JID, not the title). */
const OPEN_CHAT = '5511987654321@c.us';
const GOALS = { perFrameP95Ms: 2, forcedLayouts: 0, gzipBytes: 60 * 1024, heapGrowthBytes: 5 * 1024 * 1024 };

interface CpuProfile {
  nodes: { id: number; callFrame: { url: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}
interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  args?: { beginData?: { stackTrace?: { url: string }[] } };
}

const isExtension = (url: string) => url.startsWith('chrome-extension://');

/** Per 60 Hz frame: µs of samples inside the extension's code, and µs of any JavaScript. */
function framesOf(profile: CpuProfile): { extension: number[]; busy: number[]; hottest: [string, number][]; slowest: [string, number][] } {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const inExtension = new Map<number, boolean>();
  const extensionNode = (id: number): boolean => {
    const known = inExtension.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const parentId = parent.get(id);
    const result = isExtension(node.callFrame.url) || (parentId !== undefined && extensionNode(parentId));
    inExtension.set(id, result);
    return result;
  };
  const idle = new Set(profile.nodes.filter((n) => ['(idle)', '(program)', '(root)'].includes((n.callFrame as { functionName?: string }).functionName ?? '')).map((n) => n.id));
  const extension: number[] = [];
  const busy: number[] = [];
  const name = (f: { functionName?: string; lineNumber?: number }) => `${f.functionName || '(anonymous)'}:${f.lineNumber}`;
  const selfTime = new Map<string, number>();
  // Per frame, the extension's time by function, to say where the slowest frames go.
  const perFrame = new Map<number, Map<string, number>>();
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const weight = profile.timeDeltas[i + 1] ?? 0;
    const frame = Math.floor(t / FRAME_US);
    extension[frame] ??= 0;
    busy[frame] ??= 0;
    const id = profile.samples[i]!;
    if (!idle.has(id)) busy[frame] += weight;
    if (extensionNode(id)) {
      extension[frame] += weight;
      const frameName = byId.get(id)!.callFrame as { functionName?: string; url: string; lineNumber?: number };
      let caller = parent.get(id);
      while (caller !== undefined && !isExtension(byId.get(caller)!.callFrame.url)) caller = parent.get(caller);
      const callerName = caller === undefined ? '?' : name(byId.get(caller)!.callFrame as { functionName?: string; lineNumber?: number });
      const key = isExtension(frameName.url) ? name(frameName) : `${frameName.functionName || '(native)'} (browser, from ${callerName})`;
      selfTime.set(key, (selfTime.get(key) ?? 0) + weight);
      let mine = perFrame.get(frame);
      if (!mine) perFrame.set(frame, (mine = new Map()));
      // Attributed to the extension's outermost function on the stack: which job the frame did.
      // and the extension function it called (two levels say more than one).
      const chain: number[] = [];
      for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) if (isExtension(byId.get(up)!.callFrame.url)) chain.unshift(up);
      const job = chain
        .slice(0, Number(process.env.BENCH_DEPTH ?? 2))
        .map((n) => name(byId.get(n)!.callFrame as { functionName?: string; lineNumber?: number }))
        .join(' > ');
      mine.set(job, (mine.get(job) ?? 0) + weight);
    }
  }
  const hottest = [...selfTime].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([k, v]) => [k, v / 1000] as [string, number]);
  const frames = [...extension].map((x) => x ?? 0);
  const cut = [...frames].sort((a, b) => a - b)[Math.floor(frames.length * 0.95)] ?? 0;
  const slow = new Map<string, number>();
  frames.forEach((x, i) => {
    if (x < cut || x === 0) return;
    for (const [job, w] of perFrame.get(i) ?? []) slow.set(job, (slow.get(job) ?? 0) + w);
  });
  const slowest = [...slow].sort((x, y) => y[1] - x[1]).slice(0, 10).map(([k, v]) => [k, v / 1000] as [string, number]);
  return { extension: frames.map((x) => x / 1000), busy: [...busy].map((x) => (x ?? 0) / 1000), hottest, slowest };
}

async function trace(cdp: CDPSession, work: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack'] },
  });
  await work();
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  return events;
}

/** Forced layouts and style recalculations: those a script's stack asked for. */
function forcedLayouts(events: TraceEvent[]) {
  const forced = events.filter((e) => (e.name === 'Layout' || e.name === 'UpdateLayoutTree') && e.args?.beginData?.stackTrace?.length);
  return {
    byExtension: forced.filter((e) => e.args!.beginData!.stackTrace!.some((f) => isExtension(f.url))).length,
    byPage: forced.filter((e) => !e.args!.beginData!.stackTrace!.some((f) => isExtension(f.url))).length,
  };
}

/** Scrolls the chat list up and down while 10 messages a second arrive (some in the open chat). */
async function scrollAndReceive(page: Page, sim: Sim, seconds: number): Promise<void> {
  const jids = (await sim.control.chats()).map((c) => c.jid);
  await page.mouse.move(200, 450);
  let direction = 1;
  let sent = 0;
  const started = Date.now();
  const messages = setInterval(() => {
    const chat = sent % 5 === 0 ? OPEN_CHAT : jids[(sent * 37) % jids.length]!;
    sent++;
    sim.control.incoming({ chat, text: `Message ${sent}: do you have it in blue?` }).catch((err: unknown) => console.error(err));
  }, 100);
  try {
    while (Date.now() - started < seconds * 1000) {
      const atEnd = await page.evaluate(
        (d) => {
          const list = document.querySelector('#pane-side')!;
          return d > 0 ? list.scrollTop + list.clientHeight >= list.scrollHeight - 5 : list.scrollTop <= 0;
        },
        direction,
      );
      if (atEnd) direction = -direction;
      await page.mouse.wheel(0, 300 * direction);
      await page.waitForTimeout(50);
    }
  } finally {
    clearInterval(messages);
  }
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
}

interface Run {
  name: string;
  hottest: [string, number][];
  slowest: [string, number][];
  extensionFrames: number[];
  busyFrames: number[];
  forced: { byExtension: number; byPage: number };
  heapGrowth: number;
}

async function measure(name: string, profile: Profile, sim: Sim): Promise<Run> {
  await sim.control.reset({ seed: 'default' });
  await sim.control.createChats({ count: 1000 });
  const page = await profile.whatsapp(`?gen=${GEN}`);
  await page.waitForSelector('#pane-side [role="row"]', { timeout: 30_000 });
  await page.getByText('Ana Souza', { exact: true }).first().click();
  await page.waitForTimeout(1500); // let the extension settle (first reports, health)
  const cdp = await profile.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Runtime.enable');

  process.stdout.write(`${name}: scrolling ${SECONDS} s with 10 messages/s... `);
  await cdp.send('Profiler.start');
  const events = await trace(cdp, () => scrollAndReceive(page, sim, SECONDS));
  const { profile: cpu } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  const frames = framesOf(cpu);

  process.stdout.write(`${int(MESSAGES)} messages... `);
  const chats = (await sim.control.chats()).slice(0, 50).map((c) => c.jid);
  const before = await heapUsed(cdp);
  for (let i = 0; i < MESSAGES; i++) {
    await sim.control.incoming({ chat: i % 10 === 0 ? OPEN_CHAT : chats[i % chats.length]!, text: `Order ${i}: two boxes please` });
    if (i % 200 === 199) await page.waitForTimeout(100); // ~1,000 messages a second, in bursts
  }
  await page.waitForTimeout(3000);
  const after = await heapUsed(cdp);
  console.log('done');
  await page.close();
  return { name, hottest: frames.hottest, slowest: frames.slowest, extensionFrames: frames.extension, busyFrames: frames.busy, forced: forcedLayouts(events), heapGrowth: after - before };
}

function bundleBytes(dir: string): { raw: number; gzip: number; files: string[] } {
  const scripts = join(dir, 'content-scripts');
  const files = readdirSync(scripts).filter((f) => f.startsWith('whatsapp'));
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const data = readFileSync(join(scripts, file));
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { raw, gzip, files };
}

async function main() {
  if (!HAVE_CHROMIUM) throw new Error(INSTALL_HINT);
  console.log(`Baton content-script bench (gen=${GEN}): 1,000 chats, ${SECONDS} s of scrolling with 10 messages/s, then ${int(MESSAGES)} messages`);
  const extensionDir = buildExtension();
  const [sim, coordinator] = await Promise.all([startSim({ port: 0 }), startCoordinator()]);
  const profiles: Profile[] = [];
  try {
    const team = await setUpTeam(coordinator.url, ['Olivia', 'Ana']);
    const withExtension = await openProfile({ extensionDir, simPort: sim.port });
    profiles.push(withExtension);
    await linkAndSignIn(withExtension, team, team.people[1]!);
    const baseline = await openProfile({ extensionDir: null, simPort: sim.port });
    profiles.push(baseline);

    const a = await measure('with the extension', withExtension, sim);
    const b = await measure('baseline, no extension', baseline, sim);
    const bundle = bundleBytes(extensionDir);

    const ext = summarize(a.extensionFrames);
    const ran = a.extensionFrames.filter((x) => x > 0);
    const ranSummary = ran.length ? summarize(ran) : null;
    const busyA = summarize(a.busyFrames);
    const busyB = summarize(b.busyFrames);
    console.log(`\n== 1. Per frame (${int(a.extensionFrames.length)} frames of 16.7 ms)`);
    console.log(
      table([
        ['', 'p50', 'p95', 'p99', 'max', 'total'],
        ['content script, every frame', ms(ext.p50), ms(ext.p95), ms(ext.p99), ms(ext.max), ms(a.extensionFrames.reduce((s, x) => s + x, 0))],
        [`content script, frames it ran in (${int(ran.length)})`, ...(ranSummary ? [ms(ranSummary.p50), ms(ranSummary.p95), ms(ranSummary.p99), ms(ranSummary.max)] : ['-', '-', '-', '-']), ''],
        ['all JavaScript, with the extension', ms(busyA.p50), ms(busyA.p95), ms(busyA.p99), ms(busyA.max), ''],
        ['all JavaScript, baseline', ms(busyB.p50), ms(busyB.p95), ms(busyB.p99), ms(busyB.max), ''],
      ]),
    );
    console.log(`main-thread JavaScript per frame, with / without the extension: mean ${(busyA.mean / busyB.mean).toFixed(2)}x, p95 ${(busyA.p95 / busyB.p95).toFixed(2)}x`);
    console.log(`where the content script's time goes (self time, ms): ${a.hottest.map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; ')}`);
    console.log(`what its slowest 5% of frames were doing (outermost function, ms): ${a.slowest.map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; ')}`);
    console.log(`forced layouts or style recalcs from the extension: ${a.forced.byExtension}; from the page itself: ${a.forced.byPage} (baseline run: ${b.forced.byPage})`);
    console.log(`\n== 2. Bundle: ${bundle.files.join(', ')}: ${int(bundle.raw)} bytes, ${int(bundle.gzip)} gzipped`);
    console.log(`\n== 3. Heap growth after ${int(MESSAGES)} messages (after a GC): with the extension ${mb(a.heapGrowth)}, baseline ${mb(b.heapGrowth)}, the extension's share ${mb(a.heapGrowth - b.heapGrowth)}`);

    const share = a.heapGrowth - b.heapGrowth;
    const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    console.log('\n== Summary');
    console.log(
      table([
        ['Goal', 'Figure', 'Target', 'Result'],
        ['content script per frame, p95', ms(ext.p95), '< 2 ms', pass(ext.p95 < GOALS.perFrameP95Ms)],
        ['forced layouts by the extension', String(a.forced.byExtension), 'none', pass(a.forced.byExtension === GOALS.forcedLayouts)],
        ['content script gzipped', `${(bundle.gzip / 1024).toFixed(1)} KB`, '< 60 KB', pass(bundle.gzip < GOALS.gzipBytes)],
        [`heap growth, ${int(MESSAGES)} messages`, mb(share), '< 5 MB', pass(share < GOALS.heapGrowthBytes)],
      ]),
    );
  } finally {
    await Promise.allSettled(profiles.map((p) => p.close()));
    await Promise.allSettled([sim.close(), coordinator.stop()]);
  }
}

main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exit(1);
});
