// GET /api/v1/openapi.json, generated from the same zod schemas the routes validate with.
// A test checks that this table and the app's routes list the same endpoints.
import { Hono } from 'hono';
import { z, type ZodType } from 'zod';
import * as api from '../../shared/api';
import * as settings from '../../shared/settings';
import type { AppEnv } from '../deps';

type Access = 'public' | 'agent' | 'owner';
interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  access: Access;
  body?: ZodType;
  query?: ZodType;
  status: number;
  response?: ZodType;
}

const ok = (response?: ZodType) => ({ status: 200, response });
const created = (response?: ZodType) => ({ status: 201, response });
const empty = { status: 204 };

export const ENDPOINTS: Endpoint[] = [
  { method: 'get', path: '/health', summary: 'Liveness, and whether first-run setup is done', access: 'public', ...ok(z.object({ ok: z.boolean(), setUp: z.boolean(), protocol: z.number() })) },
  { method: 'post', path: '/setup', summary: 'First run: create the workspace and its owner (409 once done)', access: 'public', body: api.SetupBody, ...created(api.TokenResponse) },
  { method: 'post', path: '/sessions', summary: 'Sign in (on a linked device with deviceToken)', access: 'public', body: api.SessionBody, ...created(api.TokenResponse) },
  { method: 'delete', path: '/sessions/current', summary: 'Sign out this session', access: 'agent', ...empty },
  { method: 'delete', path: '/sessions', summary: 'Sign everyone else out (end of shift)', access: 'owner', ...ok(z.object({ signedOut: z.number() })) },
  { method: 'get', path: '/me', summary: 'The signed-in agent and workspace', access: 'agent', ...ok(z.object({ agent: api.AgentView, workspace: api.WorkspaceView, deviceId: z.string().nullable() })) },
  { method: 'put', path: '/me/status', summary: 'Set my status', access: 'agent', body: api.StatusBody, ...ok(api.AgentView) },
  { method: 'post', path: '/me/heartbeat', summary: 'Keep my presence (devices without a realtime connection)', access: 'agent', ...empty },
  { method: 'get', path: '/workspace', summary: 'The workspace', access: 'agent', ...ok(api.WorkspaceView) },
  { method: 'patch', path: '/workspace', summary: 'Rename, or set the device limit (1 to 4)', access: 'owner', body: api.WorkspacePatchBody, ...ok(api.WorkspaceView) },
  { method: 'put', path: '/workspace/selector-overrides', summary: 'Hot-fix: selectors per WhatsApp landmark, tried first on every device', access: 'owner', body: api.SelectorOverridesBody, ...ok(api.WorkspaceView) },
  { method: 'get', path: '/workspace/routing', summary: 'Routing: mode, rules, the no-reply timer', access: 'owner', ...ok(settings.RoutingSettings) },
  { method: 'put', path: '/workspace/routing', summary: 'Set routing (manual, round robin, balanced, rules first); waiting chats go out at once', access: 'owner', body: settings.RoutingSettingsBody, ...ok(settings.RoutingSettings) },
  { method: 'get', path: '/workspace/hours', summary: 'Business hours in force now (open around the clock until set)', access: 'owner', ...ok(settings.BusinessHoursBody) },
  { method: 'put', path: '/workspace/hours', summary: 'Set business hours from now on (the past keeps its schedule)', access: 'owner', body: settings.BusinessHoursBody, ...ok(settings.BusinessHoursBody) },
  { method: 'get', path: '/workspace/sla', summary: 'SLA policies', access: 'owner', ...ok(settings.SlaBody) },
  { method: 'put', path: '/workspace/sla', summary: 'Set SLA policies (running clocks keep their deadlines)', access: 'owner', body: settings.SlaBody, ...ok(settings.SlaBody) },
  { method: 'get', path: '/workspace/automatic', summary: 'Automatic messages: the greeting, the away message, the triage menu and the satisfaction question (all off until set)', access: 'owner', ...ok(settings.AutomaticSettings) },
  { method: 'put', path: '/workspace/automatic', summary: 'Set the automatic messages (a body without `menu` or `satisfaction` turns them off); every device gets them in the workspace', access: 'owner', body: settings.AutomaticSettingsBody, ...ok(settings.AutomaticSettings) },
  { method: 'get', path: '/workspace/automatic-messages', summary: 'The same as GET /workspace/automatic (the path issue #8 names)', access: 'owner', ...ok(settings.AutomaticSettings) },
  { method: 'put', path: '/workspace/automatic-messages', summary: 'The same as PUT /workspace/automatic (the path issue #8 names)', access: 'owner', body: settings.AutomaticSettingsBody, ...ok(settings.AutomaticSettings) },
  { method: 'get', path: '/agents', summary: 'Agents of the workspace', access: 'agent', ...ok(z.array(api.AgentView)) },
  { method: 'post', path: '/agents', summary: 'Add an agent', access: 'owner', body: api.AgentCreateBody, ...created(api.AgentView) },
  { method: 'patch', path: '/agents/{id}', summary: 'Change an agent', access: 'owner', body: api.AgentPatchBody, ...ok(api.AgentView) },
  { method: 'delete', path: '/agents/{id}', summary: 'Remove an agent: signed out, conversations back to the queue', access: 'owner', ...empty },
  { method: 'post', path: '/pairing-codes', summary: 'A one-time code that links a browser (10 minutes)', access: 'owner', ...created(api.PairingCodeResponse) },
  { method: 'post', path: '/devices', summary: 'Link this browser with a pairing code (409 when full)', access: 'public', body: api.DeviceLinkBody, ...created(api.DeviceLinkResponse) },
  { method: 'get', path: '/devices', summary: 'Linked devices, who is signed in, last seen', access: 'owner', ...ok(z.array(api.DeviceView)) },
  { method: 'put', path: '/devices/current/health', summary: 'This device: which parts of WhatsApp Web it cannot read, and what it holds back', access: 'agent', body: api.DeviceHealthBody, ...empty },
  { method: 'delete', path: '/devices/{id}', summary: 'Unlink a device and sign out everyone on it', access: 'owner', ...empty },
  { method: 'post', path: '/conversations', summary: 'Report a chat; the same chat gets the same id (201 new, 200 known; 409 when the title cannot tell)', access: 'agent', body: api.ConversationUpsertBody, ...ok(api.ConversationView) },
  { method: 'get', path: '/conversations', summary: 'Conversations, oldest waiting first', access: 'agent', query: api.ConversationListQuery, ...ok(z.array(api.ConversationView)) },
  { method: 'get', path: '/conversations/{id}', summary: 'One conversation', access: 'agent', ...ok(api.ConversationView) },
  { method: 'post', path: '/conversations/{id}/claim', summary: 'Claim (409 with the current assignee when taken)', access: 'agent', ...ok(api.ConversationView) },
  { method: 'post', path: '/conversations/{id}/release', summary: 'Give back to the queue', access: 'agent', ...ok(api.ConversationView) },
  { method: 'post', path: '/conversations/{id}/transfer', summary: 'Transfer to an agent of this workspace, with a note', access: 'agent', body: api.TransferBody, ...ok(api.ConversationView) },
  { method: 'post', path: '/conversations/{id}/assign', summary: 'Assign to anyone, or nobody', access: 'owner', body: api.AssignBody, ...ok(api.ConversationView) },
  { method: 'post', path: '/conversations/{id}/resolve', summary: 'Resolve', access: 'agent', ...ok(api.ConversationView) },
  { method: 'post', path: '/conversations/{id}/reopen', summary: 'Reopen', access: 'agent', ...ok(api.ConversationView) },
  { method: 'post', path: '/conversations/{id}/snooze', summary: 'Snooze until a time; it reopens then', access: 'agent', body: api.SnoozeBody, ...ok(api.ConversationView) },
  { method: 'post', path: '/conversations/{id}/triage', summary: "A device's reading of the first message: matched rule ids, language, menu answer (never text); first report wins", access: 'agent', body: settings.TriageBody, ...ok(api.ConversationView) },
  { method: 'put', path: '/conversations/{id}/tags', summary: "Set the conversation's tags", access: 'agent', body: api.TagsBody, ...ok(api.ConversationView) },
  { method: 'get', path: '/conversations/{id}/notes', summary: 'Internal notes', access: 'agent', ...ok(z.array(api.NoteView)) },
  { method: 'post', path: '/conversations/{id}/notes', summary: 'Add an internal note; @Name mentions an agent', access: 'agent', body: api.NoteBody, ...created(api.NoteView) },
  { method: 'post', path: '/messages', summary: 'Report messages seen (metadata only); each is recorded once', access: 'agent', body: api.MessagesBody, ...ok(api.MessagesResponse) },
  { method: 'post', path: '/signals', summary: 'A customer wrote, seen in the chat list: starts the waiting clock (never a message)', access: 'agent', body: api.SignalsBody, ...ok(api.SignalsResponse) },
  { method: 'post', path: '/automatic-messages/{id}/result', summary: 'The device holding the lease on an automatic message says how it went (409 lease_lost otherwise)', access: 'agent', body: api.AutomaticResultBody, ...empty },
  { method: 'get', path: '/reports/agents', summary: 'Per-agent figures over the episodes that start in [from, to): times in seconds as {median, p90, mean, count, buckets}, on the wall clock or in business hours', access: 'owner', query: api.ReportQuery, ...ok(api.AgentReportsView) },
  { method: 'get', path: '/reports/episodes', summary: 'The episodes behind a figure (drill-down): by agent, metric and a minimum in seconds, paged', access: 'owner', query: api.EpisodesQuery, ...ok(api.EpisodesPage) },
  { method: 'get', path: '/reports/episodes.csv', summary: 'One CSV row per episode that starts in the range, streamed (text/csv)', access: 'owner', query: api.ReportQuery, ...ok(z.string()) },
  { method: 'get', path: '/events', summary: 'The event log after a sequence number', access: 'agent', query: api.EventsQuery, ...ok(z.array(api.EventView)) },
  { method: 'get', path: '/canned-responses', summary: 'Canned responses', access: 'agent', ...ok(z.array(api.CannedResponseView)) },
  { method: 'post', path: '/canned-responses', summary: 'Add a canned response', access: 'owner', body: api.CannedResponseBody, ...created(api.CannedResponseView) },
  { method: 'put', path: '/canned-responses/{id}', summary: 'Change a canned response', access: 'owner', body: api.CannedResponseBody, ...ok(api.CannedResponseView) },
  { method: 'delete', path: '/canned-responses/{id}', summary: 'Delete a canned response', access: 'owner', ...empty },
  { method: 'get', path: '/tags', summary: "The workspace's tags", access: 'agent', ...ok(z.array(api.TagView)) },
  { method: 'post', path: '/tags', summary: 'Add a tag', access: 'owner', body: api.TagBody, ...created(api.TagView) },
  { method: 'delete', path: '/tags/{id}', summary: 'Delete a tag (taken off every conversation)', access: 'owner', ...empty },
  { method: 'get', path: '/realtime', summary: 'WebSocket: hello, then live events (shared/protocol.ts)', access: 'agent', status: 101 },
  { method: 'get', path: '/openapi.json', summary: 'This document', access: 'public', ...ok() },
];

const schema = (type: ZodType, io: 'input' | 'output') => z.toJSONSchema(type, { io, unrepresentable: 'any' });
const errorResponse = { description: 'Error', content: { 'application/json': { schema: schema(api.ErrorBody, 'output') } } };

function operation(e: Endpoint) {
  const params = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const query = e.query ? Object.entries((schema(e.query, 'input').properties ?? {}) as Record<string, object>).map(([name, s]) => ({ name, in: 'query', schema: s })) : [];
  return {
    summary: e.summary,
    security: e.access === 'public' ? [] : [{ bearer: [] }],
    ...(e.access === 'owner' ? { description: 'Owner only.' } : {}),
    parameters: [
      ...params,
      ...query,
      ...(e.method === 'get' ? [] : [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }]),
    ],
    ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(e.body, 'input') } } } } : {}),
    responses: {
      [e.status]: e.response ? { description: 'OK', content: { 'application/json': { schema: schema(e.response, 'output') } } } : { description: 'OK' },
      default: errorResponse,
    },
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) (paths[`/api/v1${e.path}`] ??= {})[e.method] = operation(e);
  return {
    openapi: '3.1.0',
    info: { title: 'Baton coordinator', version: '1', description: 'Bearer tokens from POST /api/v1/sessions. Errors: { "error": { "code", "message" } }.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

export const openApiRoutes = () => {
  const document = openApiDocument();
  return new Hono<AppEnv>().get('/openapi.json', (c) => c.json(document));
};
