import { describe, expect, it } from 'vitest';
import { afterCustomerMessage, afterReply, afterSignal, answeredUntil, type Clock } from './waiting';

const open: Clock = { status: 'open', waitingSince: null, waitingSource: null, lastInboundAt: null, lastOutboundAt: null, lastResolvedAt: null };
const none = () => null;
/** Message times have minute resolution: the tests speak in minutes. */
const M = 60_000;

describe('the waiting clock', () => {
  it('counts the customer answered until the later of the last reply and the last resolution', () => {
    expect(answeredUntil(open)).toBeNull();
    expect(answeredUntil({ ...open, lastOutboundAt: 5 })).toBe(5);
    expect(answeredUntil({ ...open, lastOutboundAt: 5, lastResolvedAt: 9 })).toBe(9);
    expect(answeredUntil({ ...open, lastResolvedAt: 3 })).toBe(3);
  });

  it('starts at the earliest unanswered message; history and answered messages start nothing', () => {
    expect(afterCustomerMessage(open, 10 * M, none)).toMatchObject({ waitingSince: 10 * M, waitingSource: 'message', lastInboundAt: 10 * M });
    expect(afterCustomerMessage({ ...open, waitingSince: 10 * M, waitingSource: 'message' }, 7 * M, none).waitingSince).toBe(7 * M);
    expect(afterCustomerMessage({ ...open, lastOutboundAt: 10 * M }, 10 * M, none).waitingSince).toBeNull();
    const resolved: Clock = { ...open, status: 'resolved', lastResolvedAt: 20 * M + 30_000 };
    // Written in a minute that ended before the resolution: history.
    expect(afterCustomerMessage(resolved, 19 * M, none)).toMatchObject({ status: 'resolved', waitingSince: null, lastInboundAt: 19 * M });
    // Stamped with the resolution's own minute ("20:00" is any moment of it): it may be news, and reopens.
    expect(afterCustomerMessage(resolved, 20 * M, none)).toMatchObject({ status: 'open', waitingSince: 20 * M });
    expect(afterCustomerMessage(resolved, 21 * M, none)).toMatchObject({ status: 'open', waitingSince: 21 * M });
  });

  it('lets a real message take a signal’s place, and keeps a signal no recorded message explains', () => {
    const signalled: Clock = { ...open, waitingSince: 30 * M, waitingSource: 'signal', lastOutboundAt: 5 * M };
    expect(afterCustomerMessage(signalled, 25 * M, () => 25 * M)).toMatchObject({ waitingSince: 25 * M, waitingSource: 'message' });
    expect(afterCustomerMessage(signalled, 4 * M, () => null)).toMatchObject({ waitingSince: 30 * M, waitingSource: 'signal' });
  });

  it('takes the earliest signal, ignores covered and later ones, and reopens', () => {
    expect(afterSignal(open, 10)).toMatchObject({ waitingSince: 10, waitingSource: 'signal', lastInboundAt: 10 });
    const waiting: Clock = { ...open, waitingSince: 10, waitingSource: 'signal', lastInboundAt: 10 };
    expect(afterSignal(waiting, 12)).toBeNull();
    expect(afterSignal(waiting, 8)).toMatchObject({ waitingSince: 8, lastInboundAt: 10 });
    expect(afterSignal({ ...open, lastOutboundAt: 10 }, 10)).toBeNull();
    expect(afterSignal({ ...open, status: 'resolved', lastResolvedAt: 10 }, 10)).toBeNull();
    expect(afterSignal({ ...open, status: 'resolved', lastResolvedAt: 10 }, 11)).toMatchObject({ status: 'open', waitingSince: 11 });
    expect(afterSignal({ ...waiting, status: 'snoozed' }, 12)).toMatchObject({ status: 'open', waitingSince: 10 });
  });

  it('stops with a reply at or after the start, or in a signal’s minute', () => {
    const waiting: Clock = { ...open, waitingSince: 10 * M, waitingSource: 'message' };
    expect(afterReply(waiting, 9 * M)).toMatchObject({ waitingSince: 10 * M, lastOutboundAt: 9 * M });
    expect(afterReply(waiting, 10 * M)).toMatchObject({ waitingSince: null, waitingSource: null, lastOutboundAt: 10 * M });
    // A signal is exact (10:27.5), the reply's time is its minute's start (10:00): it answers it.
    const signalled: Clock = { ...open, waitingSince: 10 * M + 27_500, waitingSource: 'signal' };
    expect(afterReply(signalled, 10 * M)).toMatchObject({ waitingSince: null, waitingSource: null });
    expect(afterReply(signalled, 9 * M)).toMatchObject({ waitingSince: 10 * M + 27_500 });
  });

  it('keeps a customer who wrote after a reply waiting, whatever order the reports arrive in', () => {
    // The new question is recorded first, then the old reply it does not answer.
    const asked: Clock = { ...open, waitingSince: 5 * M, waitingSource: 'message', lastInboundAt: 90 * M };
    expect(afterReply(asked, 6 * M, (after) => (after.lastOutboundAt === 6 * M ? 90 * M : null))).toMatchObject({ waitingSince: 90 * M, waitingSource: 'message', lastOutboundAt: 6 * M });
    // A reply newer than everything the customer wrote answers it all.
    expect(afterReply(asked, 91 * M, () => 90 * M)).toMatchObject({ waitingSince: null, waitingSource: null });
  });
});
