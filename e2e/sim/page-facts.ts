// What a simulated page shows, read with plain DOM queries for the browser tests: the chat
// list's rows and the open conversation's bubbles. These read the landmarks whatsapp-dom.md
// lists so a test can compare them with the simulator's own state; they are not the
// extension's readers and know nothing of them.
import type { Page } from 'playwright-core';

export interface RowFact {
  /** translateY of the row, or -1. */
  y: number;
  testid: string | null;
  /** The row node is itself [data-testid="cell-frame-container"]. */
  isCellFrame: boolean;
  /** A cell-frame container somewhere inside the row. */
  hasCellFrameInside: boolean;
  gridcells: number;
  /** `title` of [data-testid="cell-frame-title"] span[title] (or any span[title] for the self row). */
  title: string | null;
  text: string;
  tabindex: string | null;
}

/** Every [role=row] of #pane-side, in DOM order. */
export const listRows = (page: Page): Promise<RowFact[]> =>
  page.$$eval('#pane-side [role="row"]', (rows) =>
    rows.map((r) => ({
      y: Number(/translateY\((\d+)px\)/.exec((r as HTMLElement).style.transform)?.[1] ?? -1),
      testid: r.getAttribute('data-testid'),
      isCellFrame: r.matches('[data-testid="cell-frame-container"]'),
      hasCellFrameInside: !!r.querySelector('[data-testid="cell-frame-container"]'),
      gridcells: r.querySelectorAll('[role="gridcell"]').length,
      title: (r.querySelector('[data-testid="cell-frame-title"] span[title]') ?? r.querySelector('span[title]'))?.getAttribute('title') ?? null,
      text: (r as HTMLElement).innerText,
      tabindex: r.getAttribute('tabindex'),
    })),
  );

export type ConversationRow =
  | { sep: true; text: string }
  | {
      sep: false;
      id: string;
      /** data-id and data-testid="conv-msg-<id>" on one node. */
      sameNode: boolean;
      /** [data-testid="msg-container"] elements inside the message node. */
      containers: number;
      /** Tail present ('in'/'out': data-icon and data-testid on one element), or null. */
      tail: string | null;
      /** The translated "You:" label. */
      you: boolean;
      prePlainText: string | null;
      /** The aria-label of the delivery status, if any. */
      ack: string | null;
      /** A time label (HH:MM, or h:MM AM/PM) inside the bubble. */
      time: string | null;
      directionClass: boolean;
      statusIcon: boolean;
      html: string;
    };

/**
 * The open conversation's rows, top to bottom: separators (day, unread) and messages.
 * `you` and `acks` are the labels in the page's language ("You:", [" Read ", ...]).
 */
export const conversationRows = (page: Page, you: string, acks: string[]): Promise<ConversationRow[]> =>
  page.evaluate(
    ([youLabel, ackLabels]) => {
      const panel = document.querySelector('#main [data-testid="conversation-panel-messages"]') ?? document.querySelector('#main')!;
      const rows = [...panel.querySelectorAll('[role="application"] > [role="row"]')];
      return rows.map((row) => {
        const el = row.querySelector('[data-id]');
        if (!el) return { sep: true as const, text: (row as HTMLElement).innerText.trim() };
        const id = el.getAttribute('data-id')!;
        const tailEl = el.querySelector('[data-icon^="tail-"]');
        const tail = tailEl && tailEl.getAttribute('data-testid') === tailEl.getAttribute('data-icon') ? tailEl.getAttribute('data-icon')!.slice(5) : null;
        const ackEl = [...el.querySelectorAll('[aria-label]')].find((x) => (ackLabels as string[]).includes(x.getAttribute('aria-label')!));
        // The last time-like label: a voice note's length ("0:09") comes before the time.
        const time = [...el.querySelectorAll('span')].map((s) => s.textContent ?? '').filter((x) => /^\d{1,2}:\d\d( [AP]M)?$/.test(x)).at(-1) ?? null;
        return {
          sep: false as const,
          id,
          sameNode: el.getAttribute('data-testid') === `conv-msg-${id}`,
          containers: el.querySelectorAll('[data-testid="msg-container"]').length,
          tail,
          you: !!el.querySelector(`span[aria-label="${youLabel}"]`),
          prePlainText: el.querySelector('[data-pre-plain-text]')?.getAttribute('data-pre-plain-text') ?? null,
          ack: ackEl?.getAttribute('aria-label') ?? null,
          time,
          directionClass: !!(row.querySelector('.message-in, .message-out')),
          statusIcon: !!el.querySelector('[data-icon="msg-check"], [data-icon="msg-dblcheck"], [data-icon*="status-check"], [data-icon*="status-dblcheck"]'),
          html: el.outerHTML,
        };
      });
    },
    [you, acks] as const,
  );
