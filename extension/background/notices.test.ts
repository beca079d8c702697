// Who is told what: a missed target reaches the owners and the agent whose chat it is, a late
// reply the owners; nobody else is interrupted.
import { describe, expect, it } from 'vitest';
import type { AgentView, EventView } from '../../shared/api';
import { conversation } from '../sidebar/testing';
import { noticesFor } from './notices';

const person = (id: string, name: string, role: 'owner' | 'agent'): AgentView => ({
  id,
  name,
  email: `${id}@x.test`,
  role,
  skills: [],
  capacity: 5,
  status: 'online',
  statusChangedAt: '',
  lastSeenAt: null,
});
const agents = new Map([person('olivia', 'Olivia', 'owner'), person('ana', 'Ana', 'agent'), person('bea', 'Bea', 'agent')].map((a) => [a.id, a]));
const event = (type: string, data: Record<string, unknown>): EventView => ({ seq: 7, type, at: '', actorId: null, deviceId: null, conversationId: 'c1', data });
const rosa = conversation('c1', 'Rosa Nunes', { assignee: 'ana' });

describe('notices', () => {
  it('a missed target: the owner and the assignee are told, another agent is not', () => {
    const breach = event('sla.breached', { conversation: rosa, kind: 'first_response', assignee: 'ana' });
    expect(noticesFor(breach, 'olivia', agents, 1).map((n) => [n.kind, n.text])).toEqual([['sla_breached', 'Target missed in Rosa Nunes: first reply (Ana)']]);
    expect(noticesFor(breach, 'ana', agents, 1).map((n) => n.text)).toEqual(['Target missed in Rosa Nunes: first reply']);
    expect(noticesFor(breach, 'bea', agents, 1)).toEqual([]);
  });

  it('no reply in time: only the owner is told', () => {
    const late = event('conversation.no_reply', { conversation: rosa, assignee: 'ana', minutes: 10 });
    expect(noticesFor(late, 'olivia', agents, 1).map((n) => [n.kind, n.text])).toEqual([['no_reply', 'Ana has not replied in Rosa Nunes for 10 min']]);
    expect(noticesFor(late, 'ana', agents, 1)).toEqual([]);
  });
});
