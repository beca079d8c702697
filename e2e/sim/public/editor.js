// A Lexical-like contenteditable (whatsapp-dom.md, "Typing into the compose box"). The editor
// owns a model (text + selection) and re-renders the DOM from it:
// - `beforeinput` (typing, Shift+Enter, Backspace, synthetic InputEvents) is cancelled and
//   applied to the model;
// - `document.execCommand('insertText')` does NOT fire `beforeinput` in Chromium, only `input`
//   after the browser has edited the DOM; like Lexical, the edit is read back from the DOM;
// - any other DOM change (textContent / innerText / innerHTML writes) is not an edit: the next
//   render (right after, from a MutationObserver) puts the model's text back.
// Edits land asynchronously (a microtask later), as in Lexical: read the state after awaiting.
import { classes } from './dom.js';

/** Text of the editor DOM as the model would see it, and the offset of a boundary point. */
function measure(root, target, targetOffset) {
  let text = '';
  let pos = -1;
  const mark = (node, i) => {
    if (pos < 0 && node === target && i === targetOffset) pos = text.length;
  };
  const walk = (node, blockIndex) => {
    if (node.nodeType === Node.TEXT_NODE) {
      if (pos < 0 && node === target) pos = text.length + Math.min(targetOffset, node.data.length);
      text += node.data;
      return;
    }
    if (node.nodeName === 'BR') {
      // A <br> that ends its block only holds the line open (a placeholder): it is no character.
      if (node.nextSibling) text += '\n';
      return;
    }
    if (node.nodeName === 'P' && blockIndex > 0) text += '\n';
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) {
      mark(node, i);
      walk(kids[i], i);
    }
    mark(node, kids.length);
  };
  walk(root, 0);
  return { text, pos: pos < 0 ? text.length : Math.min(pos, text.length) };
}

const prevCharLen = (text, i) => (i >= 2 && /[\uDC00-\uDFFF]/.test(text[i - 1]) ? 2 : 1);
const nextCharLen = (text, i) => (/[\uD800-\uDBFF]/.test(text[i] ?? '') ? 2 : 1);

/**
 * createEditor({ el, multiline, onChange(text), onEnter(text) }) → { getText, setText, focus }.
 * `el` is the contenteditable element; the caller sets its attributes.
 */
export function createEditor({ el, multiline = true, onChange = () => {}, onEnter = null }) {
  const model = { text: '', start: 0, end: 0 };
  const ops = [];
  let scheduled = false;

  const offsetOf = (node, offset) => (el.contains(node) ? measure(el, node, offset).pos : null);

  function readSelection() {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0) return null;
    const a = offsetOf(sel.anchorNode, sel.anchorOffset);
    const f = offsetOf(sel.focusNode, sel.focusOffset);
    if (a === null || f === null) return null;
    return [Math.min(a, f), Math.max(a, f)];
  }

  function queue(op) {
    ops.push(op);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  }

  function flush() {
    scheduled = false;
    if (ops.length === 0) return;
    const before = model.text;
    for (const op of ops.splice(0)) apply(op);
    render();
    if (model.text !== before) onChange(model.text);
  }

  function replace(start, end, data) {
    const t = model.text;
    start = Math.max(0, Math.min(start, t.length));
    end = Math.max(start, Math.min(end, t.length));
    model.text = t.slice(0, start) + data + t.slice(end);
    model.start = model.end = start + data.length;
  }

  function apply(op) {
    const [s, e] = op.sel ?? [model.start, model.end];
    const t = model.text;
    switch (op.type) {
      case 'insertText':
      case 'insertReplacementText':
      case 'insertFromPaste':
      case 'insertFromDrop':
      case 'insertCompositionText':
      case 'insertFromYank': {
        let data = op.data ?? '';
        if (!multiline) data = data.replace(/\r?\n/g, ' ');
        else data = data.replace(/\r\n?/g, '\n');
        if (data) replace(s, e, data);
        return;
      }
      case 'insertLineBreak':
      case 'insertParagraph':
        if (multiline) replace(s, e, '\n');
        return;
      case 'deleteContentBackward':
        if (s !== e) replace(s, e, '');
        else if (s > 0) replace(s - prevCharLen(t, s), s, '');
        return;
      case 'deleteContentForward':
        if (s !== e) replace(s, e, '');
        else if (s < t.length) replace(s, s + nextCharLen(t, s), '');
        return;
      case 'deleteWordBackward':
      case 'deleteSoftLineBackward':
      case 'deleteHardLineBackward': {
        if (s !== e) return replace(s, e, '');
        const head = t.slice(0, s);
        const cut = op.type === 'deleteWordBackward' ? head.search(/\S*\s*$/) : head.lastIndexOf('\n') + 1;
        replace(cut, s, '');
        return;
      }
      case 'deleteWordForward':
      case 'deleteSoftLineForward':
      case 'deleteHardLineForward': {
        if (s !== e) return replace(s, e, '');
        const tail = t.slice(s);
        const m = op.type === 'deleteWordForward' ? tail.match(/^\s*\S*/) : tail.match(/^[^\n]*/);
        replace(s, s + (m ? m[0].length : 0), '');
        return;
      }
      case 'deleteByCut':
      case 'deleteByDrag':
      case 'deleteContent':
        if (s !== e) replace(s, e, '');
        return;
      case 'set':
        model.text = op.data;
        model.start = model.end = op.data.length;
        return;
      default:
        // 'rerender', formatting, history: nothing changes in the model.
        return;
    }
  }

  const paraClass = `selectable-text copyable-text ${classes('editor-p')}`;
  const textClass = `selectable-text copyable-text ${classes('editor-text')}`;

  function render() {
    const p = document.createElement('p');
    p.className = paraClass;
    p.dir = 'auto';
    p.style.cssText = 'text-indent: 0px; margin-top: 0px; margin-bottom: 0px;';
    model.text.split('\n').forEach((line, i) => {
      if (i > 0) p.append(document.createElement('br'));
      if (line) {
        const span = document.createElement('span');
        span.className = textClass;
        span.setAttribute('data-lexical-text', 'true');
        span.textContent = line;
        p.append(span);
      }
    });
    // An empty last line needs a placeholder <br> to exist (as Lexical and browsers do).
    if (model.text === '' || model.text.endsWith('\n')) p.append(document.createElement('br'));
    el.replaceChildren(p);
    if (document.activeElement === el) placeCaret(p);
    observer.takeRecords(); // our own render is not a foreign mutation
  }

  function pointAt(p, offset) {
    let left = offset;
    const kids = [...p.childNodes];
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      if (k.nodeName === 'SPAN') {
        const n = k.textContent.length;
        if (left <= n) return [k.firstChild, left];
        left -= n;
      } else if (k.nodeName === 'BR') {
        if (left === 0 || !k.nextSibling) return [p, i];
        left -= 1;
      }
    }
    return [p, kids.length];
  }

  function placeCaret(p) {
    const sel = document.getSelection();
    if (!sel) return;
    const [an, ao] = pointAt(p, model.start);
    const [fn, fo] = pointAt(p, model.end);
    sel.setBaseAndExtent(an, ao, fn, fo);
  }

  el.addEventListener('beforeinput', (e) => {
    e.preventDefault();
    let sel = null;
    const ranges = e.getTargetRanges?.() ?? [];
    if (ranges.length && !e.inputType.startsWith('insert')) {
      const a = offsetOf(ranges[0].startContainer, ranges[0].startOffset);
      const b = offsetOf(ranges[0].endContainer, ranges[0].endOffset);
      if (a !== null && b !== null && a !== b) sel = [Math.min(a, b), Math.max(a, b)];
    }
    sel ??= readSelection();
    const data = e.data ?? e.dataTransfer?.getData('text/plain') ?? null;
    queue({ type: e.inputType, data, sel });
  });

  // Input that bypassed beforeinput (execCommand): the DOM already holds the edit; recover
  // where it happened from the caret, the inserted text and the change in length.
  el.addEventListener('input', (e) => {
    if ((e.inputType === 'insertText' || e.inputType === 'insertReplacementText') && e.data) {
      const sel = document.getSelection();
      const { text, pos } = sel?.rangeCount ? measure(el, sel.focusNode, sel.focusOffset) : measure(el, null, 0);
      const start = Math.max(0, pos - e.data.length);
      const replaced = Math.max(0, model.text.length + e.data.length - text.length);
      queue({ type: 'insertText', data: e.data, sel: [start, start + replaced] });
    } else {
      queue({ type: 'rerender' });
    }
  });

  el.addEventListener('paste', (e) => {
    e.preventDefault();
    const data = e.clipboardData?.getData('text/plain') ?? '';
    if (data) queue({ type: 'insertFromPaste', data, sel: readSelection() });
  });
  el.addEventListener('drop', (e) => e.preventDefault());

  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      flush(); // keys typed just before Enter are part of the message
      onEnter?.(model.text);
    }
  });

  document.addEventListener('selectionchange', () => {
    if (document.activeElement !== el) return;
    const sel = readSelection();
    if (sel) [model.start, model.end] = sel;
  });

  const observer = new MutationObserver(() => queue({ type: 'rerender' }));
  observer.observe(el, { childList: true, characterData: true, subtree: true });

  render();

  return {
    el,
    getText: () => model.text,
    /** Replaces the model (drafts, clearing after send); renders a microtask later. */
    setText(text) {
      queue({ type: 'set', data: text });
    },
    focus() {
      el.focus();
      const p = el.firstChild;
      if (p) placeCaret(p);
    },
  };
}
