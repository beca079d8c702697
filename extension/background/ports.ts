// The WhatsApp tabs connected on the TEAM_PORT, and what is pushed to them: small deltas, sent
// the moment the background knows (a claim on one device must show on the others in well under
// 300 ms).
import type { TeamPush } from '../team';

/** The part of runtime.Port the background uses. */
export interface TeamPortLike {
  postMessage(message: unknown): void;
  onDisconnect: { addListener(listener: () => void): void };
}

export class TeamPorts {
  private readonly ports = new Set<TeamPortLike>();

  /** Adds a tab; `greeting` is sent first (the whole team, then the notices it has not dismissed). */
  add(port: TeamPortLike, greeting: TeamPush[]): void {
    this.ports.add(port);
    port.onDisconnect.addListener(() => this.ports.delete(port));
    for (const push of greeting) this.post(port, push);
  }

  get size(): number {
    return this.ports.size;
  }

  push(push: TeamPush): void {
    for (const port of this.ports) this.post(port, push);
  }

  private post(port: TeamPortLike, push: TeamPush): void {
    try {
      port.postMessage(push);
    } catch {
      // The tab went away between its disconnect and our push.
      this.ports.delete(port);
    }
  }
}
