// Baton: the owner's page. Plain browser JavaScript, no build step and nothing from the internet.
// It is a client of the public REST API (/api/v1) and the realtime socket like any other, so it
// holds no rules of its own. Every piece of data reaches the page through textContent or
// createElement, never parsed as HTML.
'use strict';

(() => {
  const TOKEN_KEY = 'baton.ownerToken';
  const PROTOCOL_VERSION = 1; // shared/protocol.ts
  const HEARTBEAT_MS = 25_000; // shared/domain/limits.ts HEARTBEAT_INTERVAL_MS
  const MAX_DEVICES = 4; // shared/domain/limits.ts MAX_LINKED_DEVICES
  const MAX_CONVERSATION_ROWS = 200;
  const REFRESH_DEBOUNCE_MS = 200;
  const PERIODIC_REFRESH_MS = 60_000; // last-seen times change without events

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- state

  const state = {
    token: readToken(),
    generation: 0, // bumped on every sign-in and sign-out: late answers of an old session are dropped
    skewMs: 0, // the coordinator's clock minus ours
    me: null,
    workspace: null,
    agents: [],
    devices: [],
    conversations: [],
    canned: [],
    tags: [],
    pairing: null, // { code, deadline (our clock), linkedName }
  };

  function readToken() {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  }

  function setToken(token) {
    state.token = token;
    try {
      if (token) sessionStorage.setItem(TOKEN_KEY, token);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // storage disabled: the token lives in memory for this page only
    }
  }

  // ---------------------------------------------------------------- the API

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  // crypto.randomUUID only exists on https and localhost; the coordinator may be on a LAN address.
  function newKey() {
    if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** One API call. Resolves to { data, res }; rejects with an ApiError carrying the server's message. */
  async function request(method, path, body) {
    const headers = { accept: 'application/json' };
    const sentToken = state.token;
    if (sentToken) headers.authorization = `Bearer ${sentToken}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    // One key per action: the retry below reuses it, so a request that did arrive is not done twice.
    if (method !== 'GET') headers['idempotency-key'] = newKey();
    const init = { method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) };
    let res;
    try {
      res = await fetch(path, init);
    } catch {
      await sleep(800);
      try {
        res = await fetch(path, init);
      } catch {
        throw new ApiError(0, 'network', 'Could not reach the coordinator. Check the connection and try again.');
      }
    }
    const text = await res.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    if (res.status === 401 && sentToken && sentToken === state.token) {
      signedOut('Your session has ended. Please sign in again.');
    }
    if (!res.ok) {
      const error = data && data.error;
      throw new ApiError(
        res.status,
        (error && error.code) || 'http_error',
        (error && error.message) || `The coordinator answered ${res.status} ${res.statusText}`.trim(),
      );
    }
    return { data, res };
  }

  const api = async (method, path, body) => (await request(method, path, body)).data;

  // ---------------------------------------------------------------- DOM helpers

  /** createElement with attributes (class, text, on<event>, anything else via setAttribute) and children. */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child); // strings become text nodes
    }
    return node;
  }

  // The wrapper keeps a cell's content together when narrow screens stack the table.
  const cell = (label, content, className) => h('td', { 'data-label': label, class: className }, h('div', { class: 'cell' }, content));

  function placeholderRow(tbody, columns, text, className) {
    tbody.replaceChildren(h('tr', { class: 'placeholder' }, h('td', { colspan: columns, class: className || 'muted' }, text)));
  }

  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  // ---------------------------------------------------------------- time

  const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const serverNow = () => Date.now() + state.skewMs;

  function relTime(iso) {
    const diff = Date.parse(iso) - serverNow();
    const seconds = Math.abs(diff) / 1000;
    if (seconds < 45) return 'just now';
    if (seconds < 3600) return relative.format(Math.round(diff / 60_000), 'minute');
    if (seconds < 86_400) return relative.format(Math.round(diff / 3_600_000), 'hour');
    if (seconds < 7 * 86_400) return relative.format(Math.round(diff / 86_400_000), 'day');
    return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  }

  const fullTime = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

  /** A <time> that the clock keeps up to date ("5 minutes ago"), or a muted fallback. */
  function timeEl(iso, fallback) {
    if (!iso) return h('span', { class: 'muted' }, fallback);
    return h('time', { datetime: iso, title: fullTime(iso), 'data-rel': '' }, relTime(iso));
  }

  function updateRelativeTimes() {
    for (const node of document.querySelectorAll('time[data-rel]')) node.textContent = relTime(node.getAttribute('datetime'));
  }

  // ---------------------------------------------------------------- views

  const VIEWS = ['view-loading', 'view-setup', 'view-signin', 'view-not-owner', 'view-dashboard'];

  function show(view) {
    for (const id of VIEWS) $(id).hidden = id !== view;
    window.scrollTo(0, 0);
  }

  function showLoading(text, retry) {
    $('loading-text').textContent = text;
    $('loading-retry').hidden = !retry;
    $('view-loading').setAttribute('aria-busy', retry ? 'false' : 'true');
    show('view-loading');
  }

  function showSetup() {
    document.title = 'Set up Baton';
    show('view-setup');
    $('setup-workspace').focus();
  }

  function showSignIn(notice, email) {
    document.title = 'Sign in · Baton';
    const box = $('signin-notice');
    box.textContent = notice || '';
    box.hidden = !notice;
    if (email && !$('signin-email').value) $('signin-email').value = email;
    show('view-signin');
    ($('signin-email').value ? $('signin-password') : $('signin-email')).focus();
  }

  function showNotOwner(me) {
    document.title = 'Baton';
    $('not-owner-text').textContent = `Hi ${me.agent.name}. You are signed in as an agent of ${me.workspace.name}; only the owner manages the workspace here.`;
    show('view-not-owner');
  }

  // ---------------------------------------------------------------- start

  async function boot() {
    showLoading('Connecting to the coordinator…', false);
    let health;
    try {
      const { data, res } = await request('GET', '/api/v1/health');
      health = data;
      const serverDate = Date.parse(res.headers.get('date') || '');
      if (Number.isFinite(serverDate) && Math.abs(serverDate - Date.now()) > 5000) state.skewMs = serverDate - Date.now();
    } catch (error) {
      showLoading(`Could not reach the coordinator: ${error.message}`, true);
      return;
    }
    if (!health.setUp) {
      setToken(null);
      showSetup();
      return;
    }
    if (!state.token) {
      showSignIn();
      return;
    }
    await enter();
  }

  /** With a token: who am I? The owner gets the dashboard; anyone else a short note. */
  async function enter() {
    showLoading('Opening your workspace…', false);
    let me;
    try {
      me = await api('GET', '/api/v1/me');
    } catch (error) {
      if (error.status === 401) return; // request() has shown the sign-in form
      showLoading(`Could not open your workspace: ${error.message}`, true);
      return;
    }
    if (me.agent.role !== 'owner') showNotOwner(me);
    else startDashboard(me);
  }

  /** Forgets the session and shows the sign-in form (a 401, a 4401 close, or Sign out). */
  function signedOut(notice) {
    state.generation += 1;
    stopLive();
    stopClock();
    setToken(null);
    Object.assign(state, { me: null, workspace: null, agents: [], devices: [], conversations: [], canned: [], tags: [], pairing: null });
    for (const section of Object.values(SECTIONS)) section.loaded = false;
    showSignIn(notice);
  }

  // ---------------------------------------------------------------- forms

  function formMessage(form, selector, text) {
    const node = form.querySelector(selector);
    if (!node) return;
    node.textContent = text || '';
    node.hidden = !text;
  }

  /** Shows the server's message next to the form and marks the fields it names ("email: ..."). */
  function formError(form, error) {
    let message = error.message;
    for (const part of message.split('; ')) {
      const match = /^(\w+): /.exec(part);
      const field = match && form.elements.namedItem(match[1]);
      if (!field || !field.id) continue;
      field.setAttribute('aria-invalid', 'true');
      const label = form.querySelector(`label[for="${field.id}"]`);
      if (!label) continue;
      // "shortcut: Shortcut: 1 to 32 ..." reads "Shortcut: 1 to 32 ..."; "email: Invalid" reads "Email: Invalid".
      const rest = part.slice(match[0].length);
      const name = label.textContent.trim();
      message = message.replace(part, rest.toLowerCase().startsWith(`${name.toLowerCase()}:`) ? rest : `${name}: ${rest}`);
    }
    formMessage(form, '.form-ok', '');
    formMessage(form, '.form-error', message);
  }

  function formOk(form, text) {
    formMessage(form, '.form-ok', text);
    clearTimeout(form.okTimer);
    form.okTimer = setTimeout(() => formMessage(form, '.form-ok', ''), 6000);
  }

  /** Submits through `handler(values)`; errors stay next to the form and nothing typed is lost. */
  function bindForm(form, handler) {
    const button = form.querySelector('button[type="submit"]');
    const label = button.textContent;
    form.addEventListener('input', (event) => event.target.removeAttribute('aria-invalid'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (form.dataset.busy) return;
      formMessage(form, '.form-error', '');
      const values = Object.fromEntries(new FormData(form));
      const generation = state.generation;
      form.dataset.busy = 'true';
      button.disabled = true;
      button.textContent = button.dataset.busy || label;
      try {
        const ok = await handler(values, form);
        if (ok) formOk(form, ok);
      } catch (error) {
        if (!(error instanceof ApiError)) {
          console.error(error);
          formError(form, { message: 'Something went wrong on this page. Reload it and try again.' });
        } else if (!(error.status === 401 && generation !== state.generation)) {
          formError(form, error);
        }
      } finally {
        delete form.dataset.busy;
        button.disabled = false;
        button.textContent = label;
      }
    });
  }

  bindForm($('setup-form'), async (v) => {
    try {
      const result = await api('POST', '/api/v1/setup', {
        workspace: v.workspace.trim(),
        name: v.name.trim(),
        email: v.email.trim(),
        password: v.password,
      });
      setToken(result.token);
      $('setup-form').reset();
      startDashboard(result);
    } catch (error) {
      // Someone finished setup first (another tab, another person): sign in instead.
      if (error.code === 'already_set_up') showSignIn(error.message, v.email.trim());
      else throw error;
    }
  });

  bindForm($('signin-form'), async (v, form) => {
    $('signin-notice').hidden = true;
    const result = await api('POST', '/api/v1/sessions', { email: v.email.trim(), password: v.password });
    setToken(result.token);
    form.reset();
    await enter();
  });

  // ---------------------------------------------------------------- dashboard sections

  /** Each section: how to load it, where to keep it, how to draw it. */
  const SECTIONS = {
    workspace: {
      label: 'the workspace',
      element: 'devices',
      load: () => api('GET', '/api/v1/workspace'),
      store: (data) => (state.workspace = data),
      render: () => {
        renderHeader();
        renderDevices();
        renderHotfix();
      },
    },
    agents: {
      label: 'agents',
      element: 'agents',
      load: () => api('GET', '/api/v1/agents'),
      store: (data) => (state.agents = data),
      render: () => {
        renderAgents();
        renderConversations();
      },
    },
    devices: {
      label: 'devices',
      element: 'devices',
      load: () => api('GET', '/api/v1/devices'),
      store: (data) => (state.devices = data),
      render: () => renderDevices(),
    },
    conversations: {
      label: 'conversations',
      element: 'conversations',
      load: () => api('GET', '/api/v1/conversations'),
      store: (data) => (state.conversations = data),
      render: () => renderConversations(),
    },
    canned: {
      label: 'canned responses',
      element: 'canned',
      load: () => api('GET', '/api/v1/canned-responses'),
      store: (data) => (state.canned = data),
      render: () => renderCanned(),
    },
    tags: {
      label: 'tags',
      element: 'tags',
      load: () => api('GET', '/api/v1/tags'),
      store: (data) => (state.tags = data),
      render: () => {
        renderTags();
        renderConversations();
      },
    },
  };

  function sectionError(sectionId, message, retry) {
    const node = $(sectionId).querySelector('.section-error');
    node.replaceChildren();
    node.hidden = !message;
    if (!message) return;
    node.append(message);
    if (retry) node.append(' ', h('button', { type: 'button', class: 'link', onclick: retry }, 'Try again'));
  }

  /** Loads a section; a second call while one runs loads once more after it, never in parallel. */
  async function refresh(name) {
    const section = SECTIONS[name];
    if (section.running) {
      section.again = true;
      return;
    }
    section.running = true;
    const generation = state.generation;
    const spinner = $(section.element).querySelector('.loading');
    // The first load shows the indicator at once; live refreshes only when they are slow.
    const spin = setTimeout(() => (spinner.hidden = false), section.loaded ? 400 : 0);
    try {
      do {
        section.again = false;
        const data = await section.load();
        if (generation !== state.generation) return;
        section.store(data);
        section.loaded = true;
        section.render();
        if (section.failed) sectionError(section.element, '');
        section.failed = false;
      } while (section.again);
    } catch (error) {
      if (generation !== state.generation || error.status === 401) return;
      section.failed = true;
      sectionError(section.element, `Could not load ${section.label}: ${error.message}`, () => refresh(name));
    } finally {
      clearTimeout(spin);
      spinner.hidden = true;
      section.running = false;
    }
  }

  const refreshAll = () => Object.keys(SECTIONS).forEach(refresh);

  // ---------------------------------------------------------------- header

  function renderHeader() {
    if (!state.workspace || !state.me) return;
    $('workspace-name').textContent = state.workspace.name;
    $('owner-name').textContent = state.me.name;
    document.title = `${state.workspace.name} · Baton`;
  }

  let bannerTimer = null;
  function banner(text, isError) {
    const node = $('header-message');
    node.textContent = text;
    node.classList.toggle('error', !!isError);
    node.hidden = false;
    clearTimeout(bannerTimer);
    bannerTimer = setTimeout(() => (node.hidden = true), isError ? 15_000 : 10_000);
  }

  async function signOut(button) {
    button.disabled = true;
    stopLive();
    try {
      await api('DELETE', '/api/v1/sessions/current');
    } catch {
      // Signed out here all the same; the session ends by itself after 30 days.
    } finally {
      button.disabled = false;
    }
    if (state.token) signedOut('You are signed out.');
  }

  $('signout').addEventListener('click', (event) => signOut(event.currentTarget));
  $('not-owner-signout').addEventListener('click', (event) => signOut(event.currentTarget));

  $('signout-everyone').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    const ok = confirm(
      'Sign everyone out?\n\nEvery agent on every device is signed out and shown offline (you stay signed in here). They sign in again with their own password.',
    );
    if (!ok) return;
    button.disabled = true;
    try {
      const result = await api('DELETE', '/api/v1/sessions');
      banner(
        result.signedOut === 0
          ? 'Nobody else was signed in.'
          : `Signed out ${plural(result.signedOut, 'session', 'sessions')}. You are still signed in here.`,
      );
      refresh('agents');
      refresh('devices');
    } catch (error) {
      if (error.status !== 401) banner(`Could not sign everyone out: ${error.message}`, true);
    } finally {
      button.disabled = false;
    }
  });

  // ---------------------------------------------------------------- agents

  const STATUS_LABELS = { online: 'Online', away: 'Away', on_break: 'On a break', offline: 'Offline' };
  const badge = (kind, text) => h('span', { class: `badge badge-${kind}` }, text);

  function renderAgents() {
    const me = state.me && state.agents.find((agent) => agent.id === state.me.id);
    if (me) {
      state.me = me;
      renderHeader();
      // Another owner made me an agent: this page is no longer mine to use.
      if (me.role !== 'owner') {
        state.generation += 1;
        stopLive();
        stopClock();
        enter();
        return;
      }
    }
    const agents = state.agents.slice().sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'owner' ? -1 : 1));
    $('agents-body').replaceChildren(
      ...agents.map((agent) => {
        const isMe = state.me && agent.id === state.me.id;
        return h(
          'tr',
          null,
          cell('Name', [h('span', { class: 'strong' }, agent.name), isMe ? h('span', { class: 'you' }, ' (you)') : null]),
          cell('Email', agent.email, 'wrap'),
          cell('Role', agent.role === 'owner' ? 'Owner' : 'Agent'),
          cell('Status', badge(agent.status, STATUS_LABELS[agent.status] || agent.status)),
          cell('Last seen', timeEl(agent.lastSeenAt, 'Never')),
          cell(
            '',
            isMe ? null : h('button', { type: 'button', class: 'danger small', onclick: (e) => removeAgent(agent, e.currentTarget) }, 'Remove'),
            'actions',
          ),
        );
      }),
    );
  }

  async function removeAgent(agent, button) {
    const ok = confirm(`Remove ${agent.name}?\n\nThey are signed out everywhere and their conversations go back to the queue.`);
    if (!ok) return;
    button.disabled = true;
    sectionError('agents', '');
    try {
      await api('DELETE', `/api/v1/agents/${encodeURIComponent(agent.id)}`);
      refresh('agents');
      refresh('conversations');
      refresh('devices');
    } catch (error) {
      button.disabled = false;
      if (error.status !== 401) sectionError('agents', `Could not remove ${agent.name}: ${error.message}`);
    }
  }

  bindForm($('agent-form'), async (v, form) => {
    const body = { name: v.name.trim(), email: v.email.trim(), password: v.password, role: v.role };
    if (String(v.capacity).trim() !== '') body.capacity = Number(v.capacity);
    const agent = await api('POST', '/api/v1/agents', body);
    form.reset();
    $('agent-name').focus();
    refresh('agents');
    return `Added ${agent.name}. They sign in with ${agent.email} and the password you chose.`;
  });

  // ---------------------------------------------------------------- devices and pairing

  function renderDevices() {
    const workspace = state.workspace;
    const loaded = SECTIONS.devices.loaded && workspace;
    const linked = state.devices.length;
    const max = workspace ? workspace.maxDevices : null;
    $('devices-count').textContent = loaded ? `${linked} of ${plural(max, 'device', 'devices')} linked` : '';
    if (workspace) $('device-limit').value = String(max);

    const full = loaded && linked >= max;
    const fullNote = $('devices-full');
    fullNote.hidden = !full;
    if (full) {
      const extra = linked - max + 1;
      fullNote.textContent =
        linked > max
          ? `${linked} devices are linked, more than the limit of ${max}. Unlink ${plural(extra, 'device', 'devices')} or raise the limit before linking another.`
          : max < MAX_DEVICES
            ? `The workspace is full (${max} of ${max}). Unlink a device or raise the limit before linking another.`
            : `The workspace is full (${max} of ${max}, WhatsApp's limit). Unlink a device before linking another.`;
    }
    $('pairing-new').disabled = !!full;

    const body = $('devices-body');
    if (!SECTIONS.devices.loaded) return;
    if (linked === 0) {
      placeholderRow(body, 6, 'No devices linked yet. Press “New pairing code” to link the first browser.');
      return;
    }
    const devices = state.devices.slice().sort((a, b) => a.linkedAt.localeCompare(b.linkedAt));
    body.replaceChildren(
      ...devices.map((device) =>
        h(
          'tr',
          null,
          cell('Name', h('span', { class: 'strong' }, device.name), 'wrap'),
          cell('Signed in', device.signedIn.length ? device.signedIn.map((s) => s.name).join(', ') : h('span', { class: 'muted' }, 'Nobody'), 'wrap'),
          cell('Reading WhatsApp', healthOf(device), 'wrap'),
          cell('Last seen', timeEl(device.lastSeenAt, 'Not yet')),
          cell('Linked', timeEl(device.linkedAt, '')),
          cell('', h('button', { type: 'button', class: 'danger small', onclick: (e) => unlinkDevice(device, e.currentTarget) }, 'Unlink'), 'actions'),
        ),
      ),
    );
  }

  /** What a device says of WhatsApp Web: fine, or the parts it cannot find (the owner's cue for a hot-fix). */
  function healthOf(device) {
    const health = device.health;
    if (!health) return h('span', { class: 'muted' }, 'Not reported yet');
    const checked = timeEl(health.checkedAt, '');
    const state =
      health.cannotRead.length === 0
        ? h('span', { 'data-health': 'ok' }, h('span', { class: 'ok' }, 'OK'), ` · extension ${health.extensionVersion} · `, checked)
        : h(
            'span',
            { 'data-health': 'failing', class: 'warning-text' },
            `Cannot find ${health.cannotRead.join(', ')}`,
            h('span', { class: 'muted' }, ` · extension ${health.extensionVersion} · `, checked),
          );
    const held = heldBack(health.counts);
    return held ? h('span', null, state, h('br'), h('span', { 'data-health': 'held-back', class: 'muted' }, held)) : state;
  }

  /** "3 messages waiting for their direction, 1 report refused", or '' when the device holds nothing back. */
  function heldBack(counts) {
    const parts = [];
    if (counts && counts.undirected > 0) parts.push(`${plural(counts.undirected, 'message', 'messages')} waiting for their direction`);
    if (counts && counts.refused > 0) parts.push(`${plural(counts.refused, 'report', 'reports')} refused`);
    return parts.join(', ');
  }

  function renderHotfix() {
    const field = $('hotfix-json');
    if (!state.workspace || document.activeElement === field) return; // never overwrite what the owner is typing
    const overrides = state.workspace.selectorOverrides || {};
    field.value = Object.keys(overrides).length ? JSON.stringify(overrides, null, 2) : '';
  }

  bindForm($('hotfix-form'), async () => {
    const text = $('hotfix-json').value.trim();
    let overrides;
    try {
      overrides = text ? JSON.parse(text) : {};
    } catch (err) {
      throw new ApiError(400, 'invalid_json', `That is not valid JSON: ${err.message}`);
    }
    state.workspace = await api('PUT', '/api/v1/workspace/selector-overrides', { selectorOverrides: overrides });
    renderHotfix();
    const count = Object.keys(state.workspace.selectorOverrides).length;
    return count ? `Saved: ${plural(count, 'landmark', 'landmarks')} overridden, pushed to every device.` : "Cleared: devices use Baton's own selectors.";
  });

  async function unlinkDevice(device, button) {
    const ok = confirm(`Unlink “${device.name}”?\n\nEveryone signed in on it is signed out. It needs a new pairing code to link again.`);
    if (!ok) return;
    button.disabled = true;
    sectionError('devices', '');
    try {
      await api('DELETE', `/api/v1/devices/${encodeURIComponent(device.id)}`);
      refresh('devices');
    } catch (error) {
      button.disabled = false;
      if (error.status !== 401) sectionError('devices', `Could not unlink “${device.name}”: ${error.message}`);
    }
  }

  $('device-limit').addEventListener('change', async (event) => {
    const select = event.currentTarget;
    const before = state.workspace.maxDevices;
    const value = Number(select.value);
    const error = $('device-limit-error');
    error.hidden = true;
    if (value < state.devices.length) {
      const ok = confirm(
        `${plural(state.devices.length, 'device is', 'devices are')} linked, more than ${value}.\n\nThey stay linked, but no other device can link until you unlink some. Set the limit to ${value}?`,
      );
      if (!ok) {
        select.value = String(before);
        return;
      }
    }
    select.disabled = true;
    try {
      state.workspace = await api('PATCH', '/api/v1/workspace', { maxDevices: value });
      renderHeader();
      renderDevices();
    } catch (err) {
      select.value = String(before);
      if (err.status !== 401) {
        error.textContent = `Could not change the limit: ${err.message}`;
        error.hidden = false;
      }
    } finally {
      select.disabled = false;
    }
  });

  $('pairing-new').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    const label = button.textContent;
    const error = $('pairing-error');
    error.hidden = true;
    button.disabled = true;
    button.textContent = button.dataset.busy;
    try {
      const { data, res } = await request('POST', '/api/v1/pairing-codes');
      // Count down on our clock: the time left by the coordinator's clock, from the moment it answered.
      // (The Date header has whole seconds: the answer came half a second later on average.)
      const answeredAt = Date.parse(res.headers.get('date') || '');
      const left = Date.parse(data.expiresAt) - (Number.isFinite(answeredAt) ? answeredAt + 500 : serverNow());
      state.pairing = { code: data.code, deadline: Date.now() + left, linkedName: null };
      renderPairing();
    } catch (err) {
      if (err.status !== 401) {
        error.textContent = `Could not make a pairing code: ${err.message}`;
        error.hidden = false;
      }
    } finally {
      button.textContent = label;
      renderDevices(); // re-enables the button unless the workspace is full
    }
  });

  function renderPairing() {
    const pairing = state.pairing;
    const box = $('pairing-box');
    box.hidden = !pairing;
    if (!pairing) return;
    const code = $('pairing-code');
    const countdown = $('pairing-countdown');
    const left = pairing.deadline - Date.now();
    if (code.textContent !== pairing.code) code.textContent = pairing.code;
    let status = 'active';
    if (pairing.linkedName) {
      status = 'used';
      countdown.textContent = `Done: “${pairing.linkedName}” is now linked. This code cannot be used again.`;
    } else if (left <= 0) {
      status = 'expired';
      countdown.textContent = 'This code has expired. Press “New pairing code” for another.';
    } else {
      const seconds = Math.ceil(left / 1000);
      countdown.textContent = `Expires in ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    }
    box.dataset.status = status;
    $('pairing-help').hidden = status !== 'active';
  }

  // ---------------------------------------------------------------- conversations

  const CONVERSATION_LABELS = { open: 'Open', pending: 'Pending', snoozed: 'Snoozed', resolved: 'Resolved' };

  function tagChip(name) {
    const tag = state.tags.find((t) => t.name === name);
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    if (tag) swatch.style.backgroundColor = tag.color;
    return h('span', { class: 'chip' }, swatch, name);
  }

  function renderConversations() {
    if (!SECTIONS.conversations.loaded) return;
    const all = state.conversations;
    const body = $('conversations-body');
    $('conversations-empty').hidden = all.length > 0;
    $('conversations-table').hidden = all.length === 0;
    const more = $('conversations-more');
    more.hidden = all.length <= MAX_CONVERSATION_ROWS;
    more.textContent = `Showing the first ${MAX_CONVERSATION_ROWS} of ${all.length} conversations, oldest waiting first.`;
    const names = new Map(state.agents.map((agent) => [agent.id, agent.name]));
    body.replaceChildren(
      ...all.slice(0, MAX_CONVERSATION_ROWS).map((c) =>
        h(
          'tr',
          null,
          cell('Conversation', [h('span', { class: 'strong' }, c.title), c.tags.length ? h('span', { class: 'chips' }, c.tags.map(tagChip)) : null], 'wrap'),
          cell('Status', badge(c.status, CONVERSATION_LABELS[c.status] || c.status)),
          cell('Assigned to', c.assignee ? names.get(c.assignee) || 'A former agent' : h('span', { class: 'muted' }, 'Unassigned')),
          cell('Waiting since', timeEl(c.waitingSince, c.status === 'resolved' ? '—' : 'Not waiting')),
        ),
      ),
    );
  }

  // ---------------------------------------------------------------- canned responses

  function renderCanned() {
    const list = $('canned-list');
    if (state.canned.length === 0) {
      list.replaceChildren(h('li', { class: 'muted empty-item' }, 'No canned responses yet.'));
      return;
    }
    list.replaceChildren(
      ...state.canned.map((item) =>
        h(
          'li',
          null,
          h('div', { class: 'item-main' }, h('code', { class: 'shortcut' }, `/${item.shortcut}`), h('p', { class: 'canned-text' }, item.text)),
          h('button', { type: 'button', class: 'danger small', onclick: (e) => deleteCanned(item, e.currentTarget) }, 'Delete'),
        ),
      ),
    );
  }

  async function deleteCanned(item, button) {
    if (!confirm(`Delete the canned response /${item.shortcut}?`)) return;
    button.disabled = true;
    sectionError('canned', '');
    try {
      await api('DELETE', `/api/v1/canned-responses/${encodeURIComponent(item.id)}`);
      refresh('canned');
    } catch (error) {
      button.disabled = false;
      if (error.status !== 401) sectionError('canned', `Could not delete /${item.shortcut}: ${error.message}`);
    }
  }

  bindForm($('canned-form'), async (v, form) => {
    const shortcut = v.shortcut.trim().replace(/^\//, '');
    const item = await api('POST', '/api/v1/canned-responses', { shortcut, text: v.text.trim() });
    form.reset();
    $('canned-shortcut').focus();
    refresh('canned');
    return `Added /${item.shortcut}.`;
  });

  // ---------------------------------------------------------------- tags

  function renderTags() {
    const list = $('tags-list');
    if (state.tags.length === 0) {
      list.replaceChildren(h('li', { class: 'muted empty-item' }, 'No tags yet.'));
      return;
    }
    list.replaceChildren(
      ...state.tags.map((tag) => {
        const swatch = h('span', { class: 'swatch big', title: tag.color, 'aria-hidden': 'true' });
        swatch.style.backgroundColor = tag.color; // CSSOM, allowed by the CSP; invalid colours are ignored
        return h(
          'li',
          null,
          h('div', { class: 'item-main tag-row' }, swatch, h('span', { class: 'strong' }, tag.name)),
          h('button', { type: 'button', class: 'danger small', onclick: (e) => deleteTag(tag, e.currentTarget) }, 'Delete'),
        );
      }),
    );
  }

  async function deleteTag(tag, button) {
    if (!confirm(`Delete the tag “${tag.name}”?\n\nIt is taken off every conversation that has it.`)) return;
    button.disabled = true;
    sectionError('tags', '');
    try {
      await api('DELETE', `/api/v1/tags/${encodeURIComponent(tag.id)}`);
      refresh('tags');
    } catch (error) {
      button.disabled = false;
      if (error.status !== 401) sectionError('tags', `Could not delete “${tag.name}”: ${error.message}`);
    }
  }

  bindForm($('tag-form'), async (v, form) => {
    const tag = await api('POST', '/api/v1/tags', { name: v.name.trim(), color: v.color });
    form.reset();
    $('tag-name').focus();
    refresh('tags');
    return `Added “${tag.name}”.`;
  });

  // ---------------------------------------------------------------- the dashboard

  function startDashboard(me) {
    state.generation += 1;
    state.me = me.agent;
    state.workspace = me.workspace;
    renderHeader();
    for (const section of Object.values(SECTIONS)) {
      section.loaded = false;
      sectionError(section.element, '');
    }
    placeholderRow($('agents-body'), 6, 'Loading agents…');
    placeholderRow($('devices-body'), 5, 'Loading devices…');
    placeholderRow($('conversations-body'), 4, 'Loading conversations…');
    $('conversations-empty').hidden = true;
    $('conversations-table').hidden = false;
    $('canned-list').replaceChildren(h('li', { class: 'muted empty-item' }, 'Loading…'));
    $('tags-list').replaceChildren(h('li', { class: 'muted empty-item' }, 'Loading…'));
    $('devices-count').textContent = '';
    $('devices-full').hidden = true;
    $('header-message').hidden = true;
    renderPairing();
    show('view-dashboard');
    // Load once the live connection is up (so nothing falls between the load and the first
    // event), or after a moment without it.
    live.loaded = false;
    live.firstLoadTimer = setTimeout(firstLoad, 1500);
    startLive();
    startClock();
  }

  function firstLoad() {
    clearTimeout(live.firstLoadTimer);
    if (live.loaded) return;
    live.loaded = true;
    refreshAll();
  }

  // ---------------------------------------------------------------- clock

  let clock = null;
  let ticks = 0;
  let lastPeriodic = 0;

  function startClock() {
    stopClock();
    lastPeriodic = Date.now();
    clock = setInterval(() => {
      ticks += 1;
      if (state.pairing) renderPairing();
      if (ticks % 30 === 0) updateRelativeTimes();
      // Last-seen times move with heartbeats, which are not events: look again now and then.
      if (Date.now() - lastPeriodic >= PERIODIC_REFRESH_MS && document.visibilityState === 'visible') {
        lastPeriodic = Date.now();
        refresh('agents');
        refresh('devices');
      }
    }, 1000);
  }

  function stopClock() {
    clearInterval(clock);
    clock = null;
  }

  // ---------------------------------------------------------------- live updates

  const live = {
    wanted: false,
    ws: null,
    attempt: 0,
    seq: undefined,
    heartbeat: null,
    retryTimer: null,
    lastError: null,
    loaded: false,
    firstLoadTimer: null,
    pending: new Set(),
    debounce: null,
  };

  function setLive(status, detail) {
    const node = $('live');
    node.dataset.status = status;
    $('live-text').textContent = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', off: 'Not live' }[status];
    node.title = detail || '';
  }

  function startLive() {
    stopLive();
    live.wanted = true;
    live.attempt = 0;
    live.seq = undefined;
    connect();
  }

  function stopLive() {
    live.wanted = false;
    clearTimeout(live.retryTimer);
    clearTimeout(live.debounce);
    clearTimeout(live.firstLoadTimer);
    clearInterval(live.heartbeat);
    live.debounce = null;
    live.pending.clear();
    const ws = live.ws;
    live.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'Bye');
  }

  function connect() {
    clearTimeout(live.retryTimer);
    if (!live.wanted || !state.token || live.ws) return;
    setLive(live.attempt === 0 ? 'connecting' : 'reconnecting');
    const token = state.token;
    let ws;
    try {
      ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/v1/realtime`);
    } catch {
      scheduleReconnect();
      return;
    }
    live.ws = ws;
    live.lastError = null;
    ws.addEventListener('open', () => {
      const hello = { type: 'hello', v: PROTOCOL_VERSION, token };
      if (live.seq !== undefined) hello.lastSeq = live.seq;
      ws.send(JSON.stringify(hello));
    });
    ws.addEventListener('message', (event) => {
      if (ws === live.ws) receive(event.data);
    });
    ws.addEventListener('close', (event) => {
      if (ws !== live.ws) return; // stopped or replaced
      live.ws = null;
      clearInterval(live.heartbeat);
      if (!live.wanted) return;
      if (event.code === 4401) {
        const reason = live.lastError && live.lastError.code === 'signed_out' ? ` ${live.lastError.message}.` : '';
        signedOut(`You were signed out.${reason} Sign in again to continue.`);
        return;
      }
      if (event.code === 4426) {
        setLive('off', 'The coordinator was updated');
        banner('The coordinator was updated: reload this page to see live changes again.', true);
        return;
      }
      scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    live.ws = null;
    live.attempt += 1;
    const base = Math.min(30_000, 1000 * 2 ** (live.attempt - 1));
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    setLive('reconnecting', `Trying again in ${Math.max(1, Math.round(delay / 1000))} s`);
    live.retryTimer = setTimeout(connect, delay);
  }

  // Back online, or back to the tab: don't wait out the back-off.
  const reconnectNow = () => {
    if (live.wanted && !live.ws) {
      live.attempt = Math.min(live.attempt, 1);
      connect();
    }
  };
  window.addEventListener('online', reconnectNow);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') reconnectNow();
  });

  function receive(raw) {
    let msg;
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (msg.type === 'welcome') {
      live.attempt = 0;
      setLive('live');
      clearInterval(live.heartbeat);
      live.heartbeat = setInterval(() => {
        if (live.ws && live.ws.readyState === WebSocket.OPEN) live.ws.send(JSON.stringify({ type: 'heartbeat' }));
      }, HEARTBEAT_MS);
      const resumed = live.seq !== undefined;
      live.seq = msg.seq;
      if (!live.loaded) firstLoad();
      else if (resumed && Array.isArray(msg.missed)) msg.missed.forEach(onEvent);
      else refreshAll(); // a snapshot: too much was missed, or the first load ran before the socket was up
    } else if (msg.type === 'event' && msg.event) {
      if (typeof msg.event.seq === 'number') live.seq = Math.max(live.seq || 0, msg.event.seq);
      onEvent(msg.event);
    } else if (msg.type === 'error') {
      live.lastError = msg;
    }
    // `presence` (who views or types in a chat) is for the extension; this page ignores it.
  }

  /** Which sections an event touches, by its type. */
  const EVENT_SECTIONS = [
    [/^agent\./, ['agents', 'devices']],
    [/^agent\.(updated|removed)$/, ['conversations']],
    [/^device\./, ['devices']],
    [/^workspace\./, ['workspace']],
    [/^(conversation|assignee|message)\./, ['conversations']],
    [/^canned_response\./, ['canned']],
    [/^tag\./, ['tags']],
  ];

  function onEvent(event) {
    if (!event || typeof event.type !== 'string') return;
    if (event.type === 'device.linked' && state.pairing && !state.pairing.linkedName && state.pairing.deadline > Date.now()) {
      state.pairing.linkedName = (event.data && event.data.name) || 'A device';
      renderPairing();
    }
    for (const [pattern, sections] of EVENT_SECTIONS) {
      if (pattern.test(event.type)) sections.forEach((name) => live.pending.add(name));
    }
    if (live.pending.size && !live.debounce) live.debounce = setTimeout(flushRefreshes, REFRESH_DEBOUNCE_MS);
  }

  function flushRefreshes() {
    live.debounce = null;
    const names = [...live.pending];
    live.pending.clear();
    names.forEach(refresh);
  }

  // ---------------------------------------------------------------- go

  $('loading-retry').addEventListener('click', boot);
  boot();
})();
