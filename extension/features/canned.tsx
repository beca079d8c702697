// Canned responses: `/` and a shortcut typed in WhatsApp's compose box opens a picker over it;
// choosing one (click, Enter or Tab) replaces the `/shortcut` with the response, `{{name}}` and
// `{{agent}}` filled, through the editor's own input path (never textContent). It never sends.
import { useEffect, useState } from 'preact/hooks';
import type { CannedResponseView } from '../../shared/api';
import { Store, useStore } from '../sidebar/store';
import type { SidebarContext } from '../sidebar/context';
import { findCompose, insertText, readCompose } from '../whatsapp/compose';
import { selectComposeTail } from '../whatsapp/page';

export const id = 'canned';

/** The `/shortcut` being typed at the end of the compose text, or null. */
export function slashQuery(text: string): string | null {
  const match = /(?:^|\s)\/([a-z0-9_-]*)$/i.exec(text);
  return match ? match[1]!.toLowerCase() : null;
}

export function fillVariables(text: string, vars: { name: string; agent: string }): string {
  return text.replace(/\{\{\s*(name|agent)\s*\}\}/g, (_, key: 'name' | 'agent') => vars[key]);
}

interface PickerState {
  query: string;
  matches: CannedResponseView[];
  index: number;
}

const pickers = new WeakMap<SidebarContext, Store<PickerState | null>>();
function pickerOf(context: SidebarContext): Store<PickerState | null> {
  let store = pickers.get(context);
  if (!store) pickers.set(context, (store = new Store<PickerState | null>(null)));
  return store;
}

/** Replaces the typed `/query` with the response. Resolves when the editor shows it. */
export async function chooseCanned(context: SidebarContext, response: CannedResponseView): Promise<void> {
  const picker = pickerOf(context);
  const box = findCompose(context.page.doc, context.page.landmarks());
  // The box itself, not the last frame's reading: a key typed just before Enter is not in that yet.
  const query = (box && slashQuery(readCompose(box))) ?? picker.get()?.query ?? slashQuery(context.compose.get()) ?? '';
  picker.set(null);
  const view = context.team.get().view;
  const chat = context.chat.get();
  const text = fillVariables(response.text, { name: chat?.title ?? '', agent: view?.me?.name ?? '' });
  if (!box) return;
  box.focus();
  selectComposeTail(box, query.length + 1);
  await insertText(box, text);
}

export function start(context: SidebarContext, signal: AbortSignal): void {
  const picker = pickerOf(context);
  let dismissedFor: string | null = null;
  const refresh = () => {
    const text = context.compose.get();
    const query = slashQuery(text);
    const all = context.team.get().view?.cannedResponses ?? [];
    if (query === null || dismissedFor === text || !context.team.get().view?.me) return picker.set(null);
    const matches = all.filter((r) => r.shortcut.startsWith(query)).sort((a, b) => a.shortcut.localeCompare(b.shortcut));
    if (matches.length === 0) return picker.set(null);
    const index = Math.min(picker.get()?.index ?? 0, matches.length - 1);
    picker.set({ query, matches, index: picker.get()?.query === query ? index : 0 });
  };
  const offCompose = context.compose.subscribe(refresh);
  const offTeam = context.team.subscribe(refresh);
  signal.addEventListener('abort', () => {
    offCompose();
    offTeam();
  });
  // Registered before the send lock's listener: while the picker is open, Enter chooses, it does not send.
  const win = context.page.doc.defaultView!;
  win.addEventListener(
    'keydown',
    (event) => {
      const state = picker.get();
      if (!state) return;
      const box = findCompose(context.page.doc, context.page.landmarks());
      if (!box || !(event.target instanceof win.Node) || !box.contains(event.target)) return;
      const stop = () => {
        event.preventDefault();
        event.stopImmediatePropagation();
      };
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        stop();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        picker.set({ ...state, index: (state.index + step + state.matches.length) % state.matches.length });
      } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        stop();
        void chooseCanned(context, state.matches[state.index]!).catch(() => undefined);
      } else if (event.key === 'Escape') {
        stop();
        dismissedFor = context.compose.get();
        picker.set(null);
      }
    },
    { capture: true, signal },
  );
}

export function Canned({ context }: { context: SidebarContext }) {
  const state = useStore(pickerOf(context));
  const [anchor, setAnchor] = useState<{ left: number; bottom: number; width: number } | null>(null);
  const open = state !== null;
  useEffect(() => {
    if (!open) return;
    // One layout read when the picker opens (not in any hot path): sit just above the compose box.
    const box = findCompose(context.page.doc, context.page.landmarks());
    const rect = box?.getBoundingClientRect();
    const win = context.page.doc.defaultView!;
    if (rect && rect.width > 0) setAnchor({ left: rect.left, bottom: win.innerHeight - rect.top + 8, width: Math.min(Math.max(rect.width, 280), 480) });
    else setAnchor(null);
  }, [open, context]);
  if (!state) return null;
  const style = anchor ? { left: `${anchor.left}px`, bottom: `${anchor.bottom}px`, width: `${anchor.width}px` } : undefined;
  return (
    <div class="baton-canned" role="listbox" aria-label={context.t('cannedTitle')} data-baton-canned style={style}>
      <div class="baton-canned-head">{context.t('cannedTitle')}</div>
      {state.matches.map((response, index) => (
        <div
          key={response.id}
          role="option"
          aria-selected={index === state.index}
          data-baton-canned-option={response.shortcut}
          class="baton-canned-option"
          onMouseDown={(e) => e.preventDefault() /* keep the compose box focused */}
          onClick={() => void chooseCanned(context, response).catch(() => undefined)}
        >
          <strong>/{response.shortcut}</strong>
          <span>{response.text}</span>
        </div>
      ))}
      <div class="baton-canned-hint">{context.t('cannedHint')}</div>
    </div>
  );
}
