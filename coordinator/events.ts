// The one way to change state: inside a transaction, with the events it appends, published to
// the workspace's devices only after the transaction commits.
import type { EventView } from '../shared/api';
import type { Deps } from './deps';
import type { Store } from './db/open';
import { events } from './db/schema';
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
  const result = deps.db.transaction((tx) =>
    change(tx, (event) => {
      const row = tx
        .insert(events)
        .values({
          workspaceId: actor.workspaceId,
          type: event.type,
          at,
          actorId: actor.agentId,
          deviceId: actor.deviceId,
          conversationId: event.conversationId ?? null,
          data: event.data,
        })
        .returning()
        .get();
      const view = eventView(row);
      pending.push(view);
      return view;
    }),
  );
  for (const event of pending) deps.hub.publish(actor.workspaceId, event);
  return result;
}
