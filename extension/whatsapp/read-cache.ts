// What was read of a page element (a chat row, a message), kept until something inside it
// changes: WhatsApp re-renders rows and messages that did not change, and reading each part of
// ~70 rows and ~100 messages again on every frame was most of the content script's cost
// (bench/content.ts). The watcher says which nodes changed; this forgets the element holding them.
export class ElementCache<T> {
  private map = new WeakMap<Element, T>();

  get(el: Element): T | undefined {
    return this.map.get(el);
  }

  set(el: Element, value: T): void {
    this.map.set(el, value);
  }

  /** Forgets what was read of `el` itself. */
  forget(el: Element): void {
    this.map.delete(el);
  }

  /** Forgets what was read of the cached element holding `node` (or being it); false when none held it. */
  changed(node: Node): boolean {
    for (let el: Node | null = node; el; el = el.parentNode) {
      if (this.map.has(el as Element)) {
        this.map.delete(el as Element);
        return true;
      }
    }
    return false;
  }

  clear(): void {
    this.map = new WeakMap();
  }
}
