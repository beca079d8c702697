/** WhatsApp links at most four companion devices to one number; a workspace can allow fewer. */
export const MAX_LINKED_DEVICES = 4;

/** A pairing code is good for ten minutes and one use. */
export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;

/** How long a sign-in lasts before the agent must sign in again. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** An agent whose devices have all been silent this long is marked offline. */
export const PRESENCE_GRACE_MS = 90 * 1000;

/** Devices heart-beat this often; a few missed beats fit inside the grace period. */
export const HEARTBEAT_INTERVAL_MS = 25 * 1000;

/** Largest request body the coordinator reads, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Most message reports accepted in one batch: 400 reports with real WhatsApp ids (a
 * `true_<jid>_<id>` id makes a report about 145 bytes of JSON) fit the body limit above; 500 did
 * not (bench/ingest.ts measured 72 KB). Clients still cut batches by size as well as count.
 */
export const MAX_MESSAGE_BATCH = 400;

/** A customer waiting longer than this for a first reply is shown as late on every sidebar. */
export const FIRST_RESPONSE_TARGET_MS = 15 * 60 * 1000;
