import { Hono } from 'hono';
import { SignalsBody } from '../../shared/api';
import { afterSignal } from '../../shared/domain/waiting';
import type { AppEnv, Deps } from '../deps';
import { requireAuth } from '../auth';
import { workspaceConversations } from '../conversations';
import { mutate } from '../events';
import { conversationView } from '../lib/views';
import { jsonBody } from '../lib/validate';
import { changeStatus } from './conversations';
import { clocksAfter } from '../clocks';
import { afterCustomerWrote, recordTriage, RoutingScope } from '../routing';
import { leaseWaiting, queueAutomatic } from '../automatic';
import { recordAnswer } from '../answers';

/**
 * Inbound signals (issue #7): a device saw a customer write in the chat list (the unread count
 * rose, the preview changed) without anyone opening the chat. A signal starts the waiting clock
 * or moves it earlier (the earliest of the four devices wins) and reopens a resolved or snoozed
 * conversation; one a reply or a resolution already covers is ignored (shared/domain/waiting.ts).
 * It is never a message: no row, never counted; the real message takes its place once reported.
 */
export const signalRoutes = (deps: Deps) =>
  new Hono<AppEnv>().post('/signals', requireAuth(deps), jsonBody(SignalsBody), (c) => {
    const auth = c.get('auth');
    const signals = c.req.valid('json').signals;
    let queued = false;
    const result = mutate(deps, auth, (tx, emit) => {
      const found = workspaceConversations(tx, auth.workspaceId, signals.map((s) => s.conversationId));

      const now = deps.now();
      const scope = new RoutingScope(deps.db, tx, emit, auth.workspaceId, now);
      let applied = 0;
      for (const signal of signals) {
        let before = found.get(signal.conversationId)!;
        // Seen "in the future" is a device clock running fast: it cannot be later than now.
        const seenAt = Math.min(Date.parse(signal.at), now);
        if (signal.answer !== undefined) {
          const answered = recordAnswer(scope, before, signal.answer, seenAt);
          found.set(before.id, (before = answered.conversation));
          // A satisfaction rating, and nothing else: the resolved conversation stays resolved.
          if (answered.absorbed) {
            applied++;
            continue;
          }
        }
        const clock = afterSignal(before, seenAt);
        if (!clock) {
          // Another device's signal started the clock: its rules outcome may still be the first.
          if (signal.triage) found.set(before.id, recordTriage(scope, before, signal.triage));
          continue;
        }
        applied++;
        const { status, waitingSince, waitingSource, lastInboundAt } = clock;
        const reopened = status !== before.status;
        const after = changeStatus(
          tx,
          emit,
          before,
          status,
          now,
          { waitingSince, waitingSource, lastInboundAt, ...(reopened ? { snoozedUntil: null } : {}) },
          'customer_wrote',
        );
        // A reopening says so with conversation.status_changed, as a message's does.
        if (!reopened) {
          emit({ type: 'conversation.updated', conversationId: after.id, data: { conversation: conversationView(after), reason: 'inbound_signal' } });
        }
        // Before anything routes it (the rules outcome does): a triage menu holds the chat for its answer.
        const automatic = queueAutomatic(scope, before, clocksAfter(scope, before, after));
        if (automatic.queued) queued = true;
        let routed = automatic.conversation;
        if (signal.triage) routed = recordTriage(scope, routed, signal.triage);
        routed = afterCustomerWrote(scope, before, routed);
        found.set(after.id, routed);
      }
      return { applied, ignored: signals.length - applied };
    });
    // The greeting or away message this started goes to a device that can send, once committed.
    if (queued) leaseWaiting(deps, auth.workspaceId);
    return c.json(result);
  });
