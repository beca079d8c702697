// Automatic messages (issue #8): what Baton sends on the business's behalf is never a human reply.

/**
 * The kinds of automatic message a device may report (`automatic` on a message report); none of
 * them ever counts as a reply or stops an SLA clock.
 */
export const AUTOMATIC_KINDS = ['greeting', 'away', 'menu', 'satisfaction'] as const;
export type AutomaticKind = (typeof AUTOMATIC_KINDS)[number];
