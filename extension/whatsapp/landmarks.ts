// Finding landmarks: tries each alternative in order, remembers which one matched (for health),
// and puts the owner's hot-fix overrides (data from the coordinator, never code) first.
import { LANDMARK_IDS, type LandmarkId } from '../../shared/domain/landmarks';
import { LANDMARKS, type Alternative } from './selectors';

/** Selector overrides pushed by the owner: extra CSS tried before the built-in alternatives. */
export type SelectorOverrides = Partial<Record<LandmarkId, string[]>>;

/** Which alternative matched last time (its index), or -1 when none did; absent when never asked. */
export type MatchRecord = Partial<Record<LandmarkId, number>>;

function isValidSelector(css: string, probe: ParentNode): boolean {
  try {
    probe.querySelector(css);
    return true;
  } catch {
    return false;
  }
}

export class Landmarks {
  private readonly alternatives: Record<LandmarkId, Alternative[]>;
  private readonly joined = new Map<LandmarkId, string>();
  private readonly pageHits = new Map<LandmarkId, Element>();
  /** The last outcome per landmark; the health monitor reads and resets it. */
  readonly matched: MatchRecord = {};

  constructor(overrides: SelectorOverrides = {}, probe: ParentNode = globalThis.document) {
    const merged = {} as Record<LandmarkId, Alternative[]>;
    for (const id of LANDMARK_IDS) {
      // A malformed override must not break the built-in alternatives behind it.
      const extra = (overrides[id] ?? []).filter((css) => isValidSelector(css, probe)).map((css) => ({ css, gen: 'override from the coordinator' }));
      merged[id] = [...extra, ...LANDMARKS[id]];
    }
    this.alternatives = merged;
  }

  /** The first element matching the first alternative that matches anything. */
  first(root: ParentNode, id: LandmarkId): Element | null {
    const list = this.alternatives[id];
    // The page's own landmarks (the chat list, #main, the compose box) are asked for on every
    // frame: the element the first alternative found last time is still the answer while it is
    // in the page and still matches (no alternative outranks the first).
    const isPage = root.nodeType === 9;
    if (isPage) {
      const last = this.pageHits.get(id);
      if (last?.isConnected && last.matches(list[0]!.css)) {
        this.matched[id] = 0;
        return last;
      }
    }
    for (let i = 0; i < list.length; i++) {
      const found = root.querySelector(list[i]!.css);
      if (found) {
        this.matched[id] = i;
        if (isPage && i === 0) this.pageHits.set(id, found);
        return found;
      }
    }
    this.matched[id] = -1;
    return null;
  }

  /**
   * Whether any alternative matches: one query for them all (the order of alternatives decides
   * which element `first` returns, never whether there is one). For presence landmarks read on
   * every row (muted, pinned), where missing is the common case and `first` would try each.
   */
  has(root: ParentNode, id: LandmarkId): boolean {
    const list = this.alternatives[id];
    let joined = this.joined.get(id);
    if (joined === undefined) this.joined.set(id, (joined = list.map((alt) => alt.css).join(', ')));
    const found = root.querySelector(joined);
    this.matched[id] = found ? list.findIndex((alt) => found.matches(alt.css)) : -1;
    return found !== null;
  }

  /** Every element matching the first alternative that matches anything. */
  all(root: ParentNode, id: LandmarkId): Element[] {
    const list = this.alternatives[id];
    for (let i = 0; i < list.length; i++) {
      const found = root.querySelectorAll(list[i]!.css);
      if (found.length) {
        this.matched[id] = i;
        return [...found];
      }
    }
    this.matched[id] = -1;
    return [];
  }

  /** The alternative that matched `id` last, for the health report. */
  describe(id: LandmarkId): Alternative | null {
    const index = this.matched[id];
    return index === undefined || index < 0 ? null : this.alternatives[id][index]!;
  }
}
