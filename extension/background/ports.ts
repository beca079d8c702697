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

  /** `changed` runs whenever a tab comes or goes. */
  constructor(private readonly changed: () => void = () => undefined) {}

  /** Adds a tab; `greeting` is sent first (the whole team, then the notices it has not dismissed). */
  add(port: TeamPortLike, greeting: TeamPush[]): void {
    this.ports.add(port);
    port.onDisconnect.addListener(() => this.remove(port));
    for (const push of greeting) this.post(port, push);
    this.changed();
  }

  private remove(port: TeamPortLike): void {
    if (this.ports.delete(port)) this.changed();
  }

  /** To one tab only, the one connected longest; false when none took it. */
  pushOne(push: TeamPush): boolean {
    for (const port of this.ports) if (this.post(port, push)) return true;
    return false;
  }

  get size(): number {
    return this.ports.size;
  }

  push(push: TeamPush): void {
    for (const port of this.ports) this.post(port, push);
  }

  private post(port: TeamPortLike, push: TeamPush): boolean {
    try {
      port.postMessage(push);
      return true;
    } catch {
      // The tab went away between its disconnect and our push.
      this.remove(port);
      return false;
    }
  }
}
