// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Landmarks } from './landmarks';
import { findSearchBox, makeRoom, rowElements, selectComposeTail } from './page';

function load(name: string) {
  const html = readFileSync(resolve(import.meta.dirname, 'fixtures', `${name}.html`), 'utf8');
  document.body.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
}

describe('page helpers', () => {
  it('finds the row elements with their titles in both generations', () => {
    load('gen2024-en');
    const rows = rowElements(document, new Landmarks({}, document));
    expect(rows.map((r) => r.title).sort()).toEqual(['+55 11 99999-0000', 'Bakery suppliers', 'John', 'John', 'Maria Silva']);
    expect(rows.every((r) => r.element.getAttribute('role') === 'listitem')).toBe(true);
    load('gen2026-pt');
    expect(rowElements(document, new Landmarks({}, document)).map((r) => r.element.getAttribute('role'))).toEqual(['row', 'row', 'row']);
    expect(findSearchBox(document)?.tagName).toBe('INPUT');
  });

  it('selects the last characters of the compose text, across text nodes', () => {
    document.body.innerHTML = '<div contenteditable="true"><p><span>Hello </span><span>/ho</span><span>urs</span></p></div>';
    const box = document.querySelector('div') as HTMLElement;
    expect(selectComposeTail(box, 6)).toBe(true);
    expect(document.getSelection()!.toString()).toBe('/hours');
    expect(selectComposeTail(box, 40)).toBe(false);
  });
});

describe('makeRoom', () => {
  it('narrows the app by the sidebar width, gives the room back, and writes only on change', async () => {
    const doc = new DOMParser().parseFromString('<div id="app"><div id="side"></div></div>', 'text/html');
    const landmarks = new Landmarks({}, doc);
    const app = doc.getElementById('app')!;
    const writes: string[] = [];
    new MutationObserver((records) => writes.push(...records.map((r) => r.attributeName ?? ''))).observe(app, { attributes: true });
    makeRoom(doc, landmarks, 320);
    makeRoom(doc, landmarks, 320);
    expect(app.style.getPropertyValue('width')).toBe('calc(100% - 320px)');
    expect(app.style.getPropertyPriority('width')).toBe('important');
    await Promise.resolve();
    expect(writes).toEqual(['style']);
    makeRoom(doc, landmarks, 0);
    expect(app.style.getPropertyValue('width')).toBe('');
  });
});
