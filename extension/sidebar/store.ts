// A small observable value the content script writes and the sidebar's features read.
import { useEffect, useState } from 'preact/hooks';

export class Store<T> {
  private listeners = new Set<(value: T) => void>();
  constructor(private value: T) {}
  get(): T {
    return this.value;
  }
  set(value: T): void {
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

export function useStore<T>(store: Store<T>): T {
  const [value, setValue] = useState(store.get());
  useEffect(() => {
    setValue(store.get());
    return store.subscribe(setValue);
  }, [store]);
  return value;
}
