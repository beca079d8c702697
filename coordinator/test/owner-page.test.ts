// The owner's page: served with the right types, labelled forms, and a script that only calls
// endpoints the API has (so renaming a route without fixing the page fails here).
import { JSDOM, VirtualConsole } from 'jsdom';
import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../routes/openapi';
import { testCoordinator, type TestCoordinator } from './harness';

let t: TestCoordinator;
afterEach(() => t?.close());

const asset = (name: string) => readFileSync(new URL(`../web/assets/${name}`, import.meta.url), 'utf8');

/** `/api/v1/agents/${encodeURIComponent(agent.id)}` -> `/agents/{}`; query strings dropped. */
const normalise = (path: string) =>
  path
    .slice('/api/v1'.length)
    .replace(/\$\{[^}]*\}/g, '{}')
    .replace(/\{\w*\}/g, '{}')
    .replace(/[?#].*$/, '')
    .replace(/(.)\/$/, '$1');

const documentedPaths = new Set(ENDPOINTS.map((e) => normalise(`/api/v1${e.path}`)));
const documentedCalls = new Set(ENDPOINTS.map((e) => `${e.method.toUpperCase()} ${normalise(`/api/v1${e.path}`)}`));

/** Every '/api/v1/...' path in a script: inside quotes, backticks or after a template expression. */
function apiPaths(script: string): string[] {
  return [...script.matchAll(/\/api\/v1\/(?:\$\{[^}]*\}|[A-Za-z0-9_\-./{}])*/g)].map((m) => normalise(m[0]));
}

/** Every api('METHOD', '/api/v1/...') or request('METHOD', ...) call: method and path. */
function apiCalls(script: string): string[] {
  return [...script.matchAll(/\b(?:api|request)\(\s*'([A-Z]+)'\s*,\s*[`'"](\/api\/v1\/[^`'"]*)[`'"]/g)].map((m) => `${m[1]} ${normalise(m[2]!)}`);
}

/** The inner HTML of the element with this id (forms here hold no nested forms). */
function formHtml(html: string, id: string): string {
  const match = new RegExp(`<form[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
  expect(match, `form #${id}`).not.toBeNull();
  return match![1]!;
}

/** label text -> the name of the control it labels, for every <label for> in a form. */
function labelledControls(form: string): Record<string, string> {
  const controls: Record<string, string> = {};
  for (const [, forId, text] of form.matchAll(/<label for="([^"]+)">([^<]+)<\/label>/g)) {
    const control = new RegExp(`<(?:input|select|textarea)\\b[^>]*\\bid="${forId}"[^>]*>`).exec(form);
    expect(control, `a control with id ${forId} for the label "${text}"`).not.toBeNull();
    controls[text!.trim()] = /\bname="([^"]+)"/.exec(control![0])?.[1] ?? '';
  }
  return controls;
}

describe("the owner's page", () => {
  it('serves the page, its script and its styles with the right content types', async () => {
    t = testCoordinator();
    const page = await t.app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toBe(asset('owner.html'));
    expect(html).toMatch(/<script src="\/owner\.js" defer><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/owner\.css">/);

    const script = await t.app.request('/owner.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe(asset('owner.js'));

    const styles = await t.app.request('/owner.css');
    expect(styles.status).toBe(200);
    expect(styles.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await styles.text()).toBe(asset('owner.css'));

    // The strict CSP from secureHeaders covers the page.
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('has a labelled setup form and a labelled sign-in form whose fields match the API bodies', () => {
    const html = asset('owner.html');
    expect(labelledControls(formHtml(html, 'setup-form'))).toEqual({
      'Business name': 'workspace',
      'Your name': 'name',
      Email: 'email',
      Password: 'password',
    });
    expect(labelledControls(formHtml(html, 'signin-form'))).toEqual({ Email: 'email', Password: 'password' });
    expect(labelledControls(formHtml(html, 'agent-form'))).toEqual({
      Name: 'name',
      Email: 'email',
      Password: 'password',
      Role: 'role',
      Capacity: 'capacity',
    });
  });

  it('keeps every script and style in its own file, as the CSP demands, and loads nothing from elsewhere', () => {
    const html = asset('owner.html');
    const script = asset('owner.js');
    // No inline <script> blocks, inline handlers or style attributes.
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\bsrc="/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//);
    expect(asset('owner.css')).not.toMatch(/@import|url\(\s*['"]?(?:https?:)?\/\//);
    expect(script.match(/https?:\/\/\S*/g)).toBeNull();
    // Data is rendered with textContent / createElement only.
    expect(script.match(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/g)).toBeNull();
    // It is plain JavaScript a browser can run as is.
    expect(() => new Script(script, { filename: 'owner.js' })).not.toThrow();
  });

  it('calls only endpoints the API documents, with their methods', () => {
    const script = asset('owner.js');
    const paths = apiPaths(script);
    expect(paths).toEqual(expect.arrayContaining(['/health', '/setup', '/sessions', '/me', '/agents/{}', '/devices/{}', '/pairing-codes', '/realtime']));
    const unknownPaths = paths.filter((p) => !documentedPaths.has(p));
    expect(unknownPaths, 'paths the page uses that ENDPOINTS lacks').toEqual([]);

    const calls = apiCalls(script);
    expect(calls.length).toBeGreaterThanOrEqual(15);
    const unknownCalls = calls.filter((c) => !documentedCalls.has(c));
    expect(unknownCalls, 'method + path pairs the page uses that ENDPOINTS lacks').toEqual([]);
  });

  it('would notice a wrong path', () => {
    expect(apiPaths("api('GET', '/api/v1/agent')").filter((p) => !documentedPaths.has(p))).toEqual(['/agent']);
    expect(apiPaths('api(`/api/v1/devices/${encodeURIComponent(d.id)}/x`)')).toEqual(['/devices/{}/x']);
    expect(apiCalls("api('PUT', '/api/v1/workspace', body)").filter((c) => !documentedCalls.has(c))).toEqual(['PUT /workspace']);
  });

  it('shows each device’s reading of WhatsApp: OK with nothing missing, and what it holds back', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    for (const [name, health] of [
      ['Counter', { missing: [], matched: {}, extensionVersion: '0.2.0' }],
      ['Office', { missing: [], matched: {}, extensionVersion: '0.2.0', counts: { undirected: 3, refused: 1 } }],
      ['Laptop', { missing: ['chatList'], matched: { chatList: null }, extensionVersion: '0.2.0', counts: { undirected: 0, refused: 2 } }],
    ] as const) {
      const device = (await t.linkDevice(owner.token, name)).body;
      const agent = await t.addAgent(owner.token, `${name} agent`, { deviceToken: device.deviceToken });
      expect((await t.call('PUT', '/devices/current/health', { token: agent.token, body: health })).status).toBe(204);
      t.advance(1000);
    }
    // The page itself, in jsdom, talking to this coordinator over its API; its socket only says welcome.
    const dom = new JSDOM(asset('owner.html'), {
      url: 'http://coordinator.test/',
      runScripts: 'outside-only',
      pretendToBeVisual: true,
      virtualConsole: new VirtualConsole(), // jsdom's "not implemented: scrollTo" is not the page's fault
    });
    const { window } = dom;
    window.sessionStorage.setItem('baton.ownerToken', owner.token);
    Object.assign(window, {
      fetch: (path: string, init: RequestInit) => t.app.request(new URL(path, 'http://coordinator.test/').pathname, init),
      WebSocket: class {
        static OPEN = 1;
        readyState = 0;
        private readonly listeners: Record<string, ((event: unknown) => void)[]> = {};
        constructor() {
          setTimeout(() => {
            this.readyState = 1;
            this.fire('open', {});
          });
        }
        private fire(type: string, event: unknown) {
          for (const listener of this.listeners[type] ?? []) listener(event);
        }
        addEventListener(type: string, listener: (event: unknown) => void) {
          (this.listeners[type] ??= []).push(listener);
        }
        send(data: string) {
          if (JSON.parse(data).type === 'hello') setTimeout(() => this.fire('message', { data: JSON.stringify({ type: 'welcome', v: 1, seq: 0, agentId: owner.ownerId, snapshot: {} }) }));
        }
        close() {
          this.readyState = 3;
        }
      },
    });
    try {
      window.eval(asset('owner.js'));
      const cells = () => [...window.document.querySelectorAll('#devices-body td[data-label="Reading WhatsApp"]')].map((c) => c.textContent ?? '');
      await expect.poll(() => cells().length, { timeout: 5000 }).toBe(3);
      const [counter, office, laptop] = cells();
      expect(counter).toMatch(/^OK · extension 0\.2\.0 · /);
      expect(counter).not.toContain('waiting');
      expect(office).toMatch(/^OK · extension 0\.2\.0 · .*3 messages waiting for their direction, 1 report refused$/);
      expect(laptop).toMatch(/^Cannot find the chat list · extension 0\.2\.0 · .*2 reports refused$/);
      expect(window.document.querySelectorAll('#devices-body [data-health="ok"]')).toHaveLength(2);
    } finally {
      window.close();
    }
  });
});
