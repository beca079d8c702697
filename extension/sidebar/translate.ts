// Interface strings come from browser.i18n, whose getMessage costs a trip into the browser's
// bindings (bench/content.ts showed it the content script's hottest call while badges re-render
// every frame of a scroll). The strings never change while the page lives, so each is asked once.
export type Translate = (key: string, substitutions?: string[]) => string;

const MAX_ENTRIES = 2000;

export function memoize(translate: Translate): Translate {
  const cache = new Map<string, string>();
  return (key, substitutions) => {
    const id = substitutions?.length ? `${key}\u0000${substitutions.join('\u0001')}` : key;
    let text = cache.get(id);
    if (text === undefined) {
      // Substituted strings (a waiting time, a name) vary; start over rather than grow forever.
      if (cache.size >= MAX_ENTRIES) cache.clear();
      text = translate(key, substitutions);
      cache.set(id, text);
    }
    return text;
  };
}
