// A team set up through the coordinator's public API, as the owner would on the owner's page:
// the workspace and its owner, agents, and a pairing code for each browser to be linked.
export interface Person {
  id: string;
  name: string;
  email: string;
  password: string;
  role: 'owner' | 'agent';
}

export interface Team {
  url: string;
  ownerToken: string;
  people: Person[];
  /** Calls the API as the owner; throws with the coordinator's message on an error status. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  pairingCode(): Promise<string>;
}

const PASSWORD = 'correct horse battery';

export async function setUpTeam(url: string, names: string[]): Promise<Team> {
  const call = async <T>(method: string, path: string, body: unknown, token: string | null): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const [ownerName, ...agentNames] = names;
  if (!ownerName) throw new Error('a team needs an owner');
  const email = (name: string) => `${name.toLowerCase().replace(/\W+/g, '.')}@shop.test`;
  const setup = await call<{ token: string; agent: { id: string } }>(
    'POST',
    '/setup',
    { workspace: 'Padaria Central', name: ownerName, email: email(ownerName), password: PASSWORD },
    null,
  );
  const people: Person[] = [{ id: setup.agent.id, name: ownerName, email: email(ownerName), password: PASSWORD, role: 'owner' }];
  for (const name of agentNames) {
    const agent = await call<{ id: string }>('POST', '/agents', { name, email: email(name), password: PASSWORD, role: 'agent' }, setup.token);
    people.push({ id: agent.id, name, email: email(name), password: PASSWORD, role: 'agent' });
  }
  const api = <T>(method: string, path: string, body?: unknown) => call<T>(method, path, body, setup.token);
  return {
    url,
    ownerToken: setup.token,
    people,
    api,
    pairingCode: async () => (await api<{ code: string }>('POST', '/pairing-codes')).code,
  };
}
