// One test world: the simulator (as https://web.whatsapp.com), a real coordinator process, the
// built extension, and up to four browser profiles (four linked devices).
import type { Page } from 'playwright-core';
import { startSim, type Sim } from '../sim/server';
import { openProfile, type Profile } from './browser';
import { startCoordinator, type CoordinatorProcess } from './coordinator-process';
import { buildExtension } from './extension-build';

export interface World {
  sim: Sim;
  coordinator: CoordinatorProcess;
  profiles: Profile[];
  /** A new browser profile with the extension loaded (at most four at once, like WhatsApp). */
  profile(): Promise<Profile>;
  /** Every page of every profile, for screenshots on failure. */
  pages(): Page[];
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const extensionDir = buildExtension();
  const [sim, coordinator] = await Promise.all([startSim({ port: 0 }), startCoordinator()]);
  const profiles: Profile[] = [];
  return {
    sim,
    coordinator,
    profiles,
    async profile() {
      if (profiles.length >= 4) throw new Error('WhatsApp links at most four devices');
      const profile = await openProfile({ extensionDir, simPort: sim.port });
      profiles.push(profile);
      return profile;
    },
    pages: () => profiles.flatMap((p) => p.context.pages()),
    async close() {
      await Promise.allSettled(profiles.map((p) => p.close()));
      await Promise.allSettled([sim.close(), coordinator.stop()]);
    },
  };
}
