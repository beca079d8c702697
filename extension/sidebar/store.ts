// A small observable value the content script writes and the sidebar's features read.
import { useEffect, useState } from 'preact/hooks';

export class Store<T> {
  private listeners = new Set<(value: T) => void>();
  constructor(private value: T) {}
  get(): T {
    return this.value;
  }
  set(value: T): void {
    // The same value again (a push that changed nothing) wakes nobody.
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const listener of this.listeners) listener(value);
  }
  update(change: (value: T) => T): void {
    this.set(change(this.value));
  }
  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A stream of things that happen (adapter events, coordinator events): nothing is kept. */
export class Emitter<T> {
  private listeners = new Set<(value: T) => void>();
  emit(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
  subscribe(listener: (value: T) => void, signal?: AbortSignal): () => void {
    this.listeners.add(listener);
    const off = () => this.listeners.delete(listener);
    signal?.addEventListener('abort', off);
    return off;
  }
}

/** Same value, or arrays with the same items (what a selector of several things returns). */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

/**
 * The part of a store a component shows: it renders again only when that part changes. The team
 * view changes with every message of every chat (bench/content.ts: re-rendering the whole sidebar
 * each time was a good part of the slowest frames). A selector may return an array of parts.
 */
export function useSelect<T, R>(store: Store<T>, select: (value: T) => R): R {
  const [value, setValue] = useState(() => select(store.get()));
  useEffect(() => {
    let current = select(store.get());
    setValue(() => current);
    return store.subscribe((next) => {
      const picked = select(next);
      if (same(picked, current)) return;
      current = picked;
      setValue(() => picked);
    });
    // The selector is read when the store changes; a new function each render changes nothing.
    // oxlint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  return value;
}

export function useStore<T>(store: Store<T>): T {
  const [value, setValue] = useState(store.get());
  useEffect(() => {
    setValue(store.get());
    return store.subscribe(setValue);
  }, [store]);
  return value;
}
