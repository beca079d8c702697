import type { Role } from '../shared/domain/status';
import type { Db } from './db/open';
import type { Hub, Principal } from './realtime/hub';

/** Everything the app needs from outside; `index.ts` builds the real ones, tests their own. */
export interface Deps {
  db: Db;
  hub: Hub;
  /** Milliseconds since the epoch; injected so SLA, presence and report tests are exact. */
  now: () => number;
  /** Base URL the owner's page and the CLI print; defaults to the request's origin. */
  publicUrl?: string;
}

export interface Auth extends Principal {
  role: Role;
}

export type AppEnv = { Variables: { auth: Auth } };
