// The one way to change state: inside a transaction, with the events it appends, published to
// the workspace's devices only after the transaction commits.
import type { EventView } from '../shared/api';
import type { Deps } from './deps';
import type { Store } from './db/open';
import { prepared } from './db/prepared';
import { eventView } from './lib/views';

export interface Actor {
  workspaceId: string;
  agentId: string | null;
  deviceId: string | null;
}

export interface EventInput {
  type: string;
  conversationId?: string | null;
  data: Record<string, unknown>;
}

export type Emit = (event: EventInput) => EventView;

export function mutate<T>(deps: Deps, actor: Actor, change: (tx: Store, emit: Emit) => T): T {
  const pending: EventView[] = [];
  const at = deps.now();
  const { appendEvent } = prepared(deps.db);
  const result = deps.db.transaction((tx) =>
    change(tx, (event) => {
      const row = appendEvent.get({
        workspaceId: actor.workspaceId,
        type: event.type,
        at,
        actorId: actor.agentId,
        deviceId: actor.deviceId,
        conversationId: event.conversationId ?? null,
        data: event.data,
      });
      if (!row) throw new Error('appending an event returned no row');
      const view = eventView(row);
      pending.push(view);
      return view;
    }),
  );
  for (const event of pending) deps.hub.publish(actor.workspaceId, event);
  return result;
}
