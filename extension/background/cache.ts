// The coordinator's truth as this device last heard it: conversations, agents, canned responses,
// tags and the sequence number they are at. Held in memory so a push to the tabs waits for
// nothing, and written behind to IndexedDB (in order, each event with its sequence number in one
// transaction) so a restarted service worker resumes where it was.
import type { AgentView, CannedResponseView, ConversationView, EventView, TagView } from '../../shared/api';
import type { Snapshot } from '../../shared/protocol';
import type { BatonDb } from './db';

/** What an event changed, so the tabs get deltas rather than the whole team. */
export interface Change {
  conversations: string[];
  agents: string[];
  /** Something the deltas cannot say (a removal, canned responses, tags): push the whole team. */
  everything: boolean;
}

const none = (): Change => ({ conversations: [], agents: [], everything: false });

export class TeamCache {
  readonly conversations = new Map<string, ConversationView>();
  readonly agents = new Map<string, AgentView>();
  readonly cannedResponses = new Map<string, CannedResponseView>();
  readonly tags = new Map<string, TagView>();
  lastSeq = 0;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly db: BatonDb) {}

  async load(): Promise<void> {
    const [conversations, agents, canned, tags, seq] = await Promise.all([
      this.db.conversations.toArray(),
      this.db.agents.toArray(),
      this.db.cannedResponses.toArray(),
      this.db.tags.toArray(),
      this.db.meta.get('lastSeq'),
    ]);
    fill(this.conversations, conversations);
    fill(this.agents, agents);
    fill(this.cannedResponses, canned);
    fill(this.tags, tags);
    this.lastSeq = typeof seq?.value === 'number' ? seq.value : 0;
  }

  /** Resolves when everything applied so far is on disk. */
  flushed(): Promise<void> {
    return this.writes;
  }

  /** Replaces everything with a welcome snapshot. */
  applySnapshot(snapshot: Snapshot, seq: number): void {
    fill(this.conversations, snapshot.conversations);
    fill(this.agents, snapshot.agents);
    fill(this.cannedResponses, snapshot.cannedResponses);
    fill(this.tags, snapshot.tags);
    this.lastSeq = seq;
    const db = this.db;
    this.write(() =>
      db.transaction('rw', [db.conversations, db.agents, db.cannedResponses, db.tags, db.meta], async () => {
        await Promise.all([db.conversations.clear(), db.agents.clear(), db.cannedResponses.clear(), db.tags.clear()]);
        await Promise.all([
          db.conversations.bulkPut(snapshot.conversations),
          db.agents.bulkPut(snapshot.agents),
          db.cannedResponses.bulkPut(snapshot.cannedResponses),
          db.tags.bulkPut(snapshot.tags),
          db.meta.put({ key: 'lastSeq', value: seq }),
        ]);
      }),
    );
  }

  /** Applies one event (live, or missed while away). Events older than the cache are ignored. */
  applyEvent(event: EventView): Change {
    if (event.seq <= this.lastSeq) return none();
    const change = none();
    const puts: { conversations: ConversationView[]; agents: AgentView[]; canned: CannedResponseView[]; tags: TagView[] } = { conversations: [], agents: [], canned: [], tags: [] };
    const deletes: { conversations: string[]; agents: string[]; canned: string[]; tags: string[] } = { conversations: [], agents: [], canned: [], tags: [] };
    const data = event.data;

    const conversation = data.conversation as ConversationView | undefined;
    if (conversation && typeof conversation === 'object' && 'id' in conversation) {
      this.conversations.set(conversation.id, conversation);
      puts.conversations.push(conversation);
      change.conversations.push(conversation.id);
    }
    const agent = data.agent as AgentView | undefined;
    if (agent && typeof agent === 'object' && 'id' in agent) {
      this.agents.set(agent.id, agent);
      puts.agents.push(agent);
      change.agents.push(agent.id);
    }
    switch (event.type) {
      case 'conversation.merged': {
        const from = data.from as string;
        this.conversations.delete(from);
        deletes.conversations.push(from);
        change.everything = true;
        break;
      }
      case 'agent.removed': {
        const agentId = data.agentId as string;
        this.agents.delete(agentId);
        deletes.agents.push(agentId);
        change.everything = true;
        break;
      }
      case 'canned_response.saved': {
        const canned = data.cannedResponse as CannedResponseView;
        this.cannedResponses.set(canned.id, canned);
        puts.canned.push(canned);
        change.everything = true;
        break;
      }
      case 'canned_response.deleted':
        this.cannedResponses.delete(data.id as string);
        deletes.canned.push(data.id as string);
        change.everything = true;
        break;
      case 'tag.created': {
        const tag = data.tag as TagView;
        this.tags.set(tag.id, tag);
        puts.tags.push(tag);
        change.everything = true;
        break;
      }
      case 'tag.deleted':
        this.tags.delete(data.id as string);
        deletes.tags.push(data.id as string);
        change.everything = true;
        break;
    }
    this.lastSeq = event.seq;
    const seq = event.seq;
    const db = this.db;
    this.write(() =>
      db.transaction('rw', [db.conversations, db.agents, db.cannedResponses, db.tags, db.meta], async () => {
        await Promise.all([
          db.conversations.bulkPut(puts.conversations),
          db.agents.bulkPut(puts.agents),
          db.cannedResponses.bulkPut(puts.canned),
          db.tags.bulkPut(puts.tags),
          db.conversations.bulkDelete(deletes.conversations),
          db.agents.bulkDelete(deletes.agents),
          db.cannedResponses.bulkDelete(deletes.canned),
          db.tags.bulkDelete(deletes.tags),
          db.meta.put({ key: 'lastSeq', value: seq }),
        ]);
      }),
    );
    return change;
  }

  /** A conversation as an HTTP answer gave it; kept unless the cache already has a later one. */
  putConversation(conversation: ConversationView): boolean {
    const known = this.conversations.get(conversation.id);
    if (known && Date.parse(known.updatedAt) > Date.parse(conversation.updatedAt)) return false;
    if (known && JSON.stringify(known) === JSON.stringify(conversation)) return false;
    this.conversations.set(conversation.id, conversation);
    this.write(() => this.db.conversations.put(conversation).then(() => undefined));
    return true;
  }

  /** An agent as an HTTP answer gave it (the agent's own status change). */
  putAgent(agent: AgentView): boolean {
    const known = this.agents.get(agent.id);
    if (known && Date.parse(known.statusChangedAt) > Date.parse(agent.statusChangedAt)) return false;
    if (known && JSON.stringify(known) === JSON.stringify(agent)) return false;
    this.agents.set(agent.id, agent);
    this.write(() => this.db.agents.put(agent).then(() => undefined));
    return true;
  }

  /** Forgets everything (another agent or coordinator): the next welcome brings a snapshot. */
  clear(): void {
    for (const map of [this.conversations, this.agents, this.cannedResponses, this.tags]) map.clear();
    this.lastSeq = 0;
    const db = this.db;
    this.write(() =>
      db.transaction('rw', [db.conversations, db.agents, db.cannedResponses, db.tags, db.meta], async () => {
        await Promise.all([db.conversations.clear(), db.agents.clear(), db.cannedResponses.clear(), db.tags.clear(), db.meta.clear()]);
      }),
    );
  }

  private write(work: () => Promise<unknown>): void {
    // A failed write must not stop the ones after it; the next snapshot repairs the cache.
    this.writes = this.writes.then(work).then(
      () => undefined,
      () => undefined,
    );
  }
}

function fill<T extends { id: string }>(map: Map<string, T>, rows: T[]): void {
  map.clear();
  for (const row of rows) map.set(row.id, row);
}
