// The stylesheet, injected at start-up. It is written with semantic names (`.@row`) that are
// turned into this build's hashed classes, so no class name in the page is stable (whatsapp-dom.md:
// hashed classes are "never rely on"). Colours follow WhatsApp's light theme of each generation.
import { primary } from './dom.js';
import { GEN } from './gen.js';

const COMMON = `
html, body { margin: 0; height: 100%; overflow: hidden; }
body { font-family: "Segoe UI", "Helvetica Neue", Helvetica, "Lucida Grande", Arial, Ubuntu, Cantarell, "Fira Sans", sans-serif;
  color: #111b21; -webkit-font-smoothing: antialiased; font-size: 14px; }
button { font: inherit; }
[data-icon] { display: inline-flex; align-items: center; justify-content: center; flex: none; }
[data-icon] svg { display: block; }
.@icon { display: inline-flex; align-items: center; justify-content: center; flex: none; }
.@icon svg { display: block; }
.@sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.@avatar-img { display: block; border-radius: 50%; object-fit: cover; }
.@app { position: fixed; inset: 0; }
.@app-wrapper { position: absolute; inset: 0; overflow: hidden; }
.@two { position: absolute; display: flex; overflow: hidden; background: #fff; }
.@side-col { flex: 0 0 30%; max-width: 460px; min-width: 320px; display: flex; border-right: 1px solid #e9edef; }
.@side { display: flex; flex-direction: column; width: 100%; height: 100%; background: #fff; }
.@side-header { flex: none; height: 59px; box-sizing: border-box; padding: 10px 16px; display: flex; align-items: center; justify-content: space-between; }
.@header-actions { display: flex; gap: 10px; align-items: center; color: #54656f; }
.@icon-btn { width: 40px; height: 40px; display: flex; align-items: center; justify-content: center; border-radius: 50%; cursor: pointer; color: #54656f; }
.@icon-btn:hover { background: rgba(11,20,26,.06); }
.@me-avatar { width: 40px; height: 40px; border-radius: 50%; overflow: hidden; cursor: pointer; }
.@banner { background: #ffd279; padding: 14px 16px; font-size: 14px; }
.@search-bar { flex: none; padding: 7px 12px; background: #fff; }
.@search-slot { display: flex; align-items: center; gap: 12px; background: #f0f2f5; border-radius: 8px; height: 35px; padding: 0 12px; color: #54656f; }
.@search-input { flex: 1; min-width: 0; border: 0; outline: 0; background: transparent; font-size: 15px; color: #111b21; line-height: 20px; }
.@search-editor { flex: 1; min-width: 0; outline: 0; font-size: 15px; line-height: 20px; max-height: 20px; overflow: hidden; white-space: pre; }
.@search-wrap { position: relative; flex: 1; min-width: 0; }
.@search-placeholder { position: absolute; top: 0; left: 0; color: #8696a0; pointer-events: none; font-size: 15px; line-height: 20px; white-space: nowrap; }
.@chips { flex: none; display: flex; gap: 8px; padding: 4px 12px 8px; }
.@chip { border: 0; border-radius: 16px; padding: 6px 12px; background: #f0f2f5; color: #54656f; font-size: 14px; cursor: pointer; }
.@chip-active { background: #e7fce3; color: #008069; }
.@pane-side { flex: 1; overflow-y: auto; overflow-x: hidden; position: relative; background: #fff; }
.@list-canvas { position: relative; width: 100%; }
.@empty-note { padding: 40px 20px; text-align: center; color: #667781; }
.@row { position: absolute; top: 0; left: 0; width: 100%; height: 72px; }
.@row-inner { height: 100%; cursor: pointer; outline: 0; }
.@row-inner:hover { background: #f5f6f6; }
.@row-inner[aria-selected="true"], .@row-selected { background: #f0f2f5; }
.@cell-frame { display: flex; height: 72px; }
.@avatar { flex: none; display: flex; align-items: center; padding: 0 15px 0 13px; }
.@avatar > [data-icon] { width: 49px; height: 49px; border-radius: 50%; overflow: hidden; }
.@cell-body { flex: 1; min-width: 0; display: flex; flex-direction: column; justify-content: center; border-top: 1px solid #e9edef; padding-right: 15px; }
.@cell-top { display: flex; align-items: baseline; }
.@cell-title { flex: 1; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-size: 17px; line-height: 21px; color: #111b21; }
.@cell-time { flex: none; margin-left: 6px; font-size: 12px; line-height: 14px; color: #667781; }
.@cell-time-unread { color: #25d366; }
.@cell-bottom { display: flex; align-items: center; margin-top: 2px; min-height: 20px; }
.@cell-secondary { flex: 1; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-size: 14px; line-height: 20px; color: #667781; display: flex; align-items: center; }
.@cell-secondary > [data-icon], .@cell-secondary > .@icon { margin-right: 3px; }
.@cell-secondary > span { flex: none; white-space: pre; }
.@cell-secondary > .@preview-text { flex: 0 1 auto; min-width: 0; white-space: nowrap; }
.@preview-text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.@cell-icons { flex: none; display: flex; align-items: center; gap: 4px; margin-left: 6px; color: #8696a0; }
.@badge { min-width: 20px; height: 20px; box-sizing: border-box; padding: 0 5px; border-radius: 10px; background: #25d366; color: #fff; font-size: 12px; line-height: 20px; text-align: center; font-weight: 500; }
.@badge-muted { background: #8696a0; }
.@ack-read { color: #53bdeb; }
.@main-col { flex: 1; min-width: 0; position: relative; background: #efeae2; }
.@intro { position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center; justify-content: center; background: #f0f2f5; color: #41525d; text-align: center; border-bottom: 6px solid #25d366; }
.@intro-art { color: #c5ccd0; margin-bottom: 28px; }
.@intro-title { font-size: 32px; font-weight: 300; margin: 0 0 16px; color: #41525d; }
.@intro-text { max-width: 460px; font-size: 14px; line-height: 20px; color: #667781; }
.@intro-e2e, .@startup-e2e { position: absolute; bottom: 40px; font-size: 14px; color: #8696a0; display: flex; align-items: center; gap: 4px; }
.@main { position: absolute; inset: 0; display: flex; flex-direction: column; }
.@conv-header { flex: none; height: 59px; box-sizing: border-box; padding: 10px 16px; display: flex; align-items: center; gap: 15px; background: #f0f2f5; border-left: 1px solid #d1d7db; z-index: 2; }
.@conv-avatar > [data-icon] { width: 40px; height: 40px; border-radius: 50%; overflow: hidden; }
.@conv-info { flex: 1; min-width: 0; cursor: pointer; }
.@conv-title { display: block; font-size: 16px; line-height: 21px; color: #111b21; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.@conv-subtitle { font-size: 13px; line-height: 20px; color: #667781; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.@conv-body { flex: 1; min-height: 0; position: relative; background-color: #efeae2;
  background-image: radial-gradient(rgba(0,0,0,.035) 1px, transparent 1.5px); background-size: 22px 22px; }
.@conv-scroll { position: absolute; inset: 0; overflow-y: auto; overflow-x: hidden; padding: 12px 0 8px; box-sizing: border-box; }
.@msg-list { display: flex; flex-direction: column; }
.@msg-row { padding: 0 7%; margin-bottom: 2px; }
.@msg-row-gap { margin-top: 10px; }
.@msg-focus { outline: 0; display: flex; }
.@msg-focus-out { justify-content: flex-end; }
.@msg { position: relative; max-width: 65%; display: flex; }
.@bubble { position: relative; border-radius: 7.5px; padding: 6px 7px 8px 9px; box-shadow: 0 1px .5px rgba(11,20,26,.13); font-size: 14.2px; line-height: 19px; color: #111b21; min-width: 60px; word-wrap: break-word; overflow-wrap: anywhere; }
.@bubble-in { background: #fff; }
.@bubble-out { background: #d9fdd3; }
.@bubble-tail-in { border-bottom-left-radius: 0; }
.@bubble-tail-out { border-bottom-right-radius: 0; }
.@tail { position: absolute; bottom: 0; transform: scaleY(-1); }
.@tail-in { left: -8px; color: #fff; }
.@tail-out { right: -8px; color: #d9fdd3; }
.@author { font-size: 12.8px; font-weight: 500; line-height: 22px; }
.@msg-text { white-space: pre-wrap; }
.@msg-meta { float: right; margin: 4px -2px -5px 10px; position: relative; top: 2px; display: inline-flex; align-items: center; gap: 3px; font-size: 11px; line-height: 15px; color: #667781; }
.@msg-meta [data-icon], .@msg-meta .@icon { color: #8696a0; }
.@msg-meta .@ack-read { color: #53bdeb; }
.@day { display: flex; justify-content: center; margin: 8px 0 10px; }
.@day-pill { background: #fff; border-radius: 7.5px; padding: 5px 12px 6px; font-size: 12.5px; color: #54656f; box-shadow: 0 1px .5px rgba(11,20,26,.13); }
.@unread-divider { margin: 10px 0; padding: 5px 0; text-align: center; background: rgba(255,255,255,.25); }
.@unread-pill { display: inline-block; background: #fff; border-radius: 7.5px; padding: 5px 12px; font-size: 12.5px; color: #54656f; }
.@e2e-note { display: flex; justify-content: center; margin: 0 0 10px; }
.@e2e-pill { background: #ffeecd; border-radius: 7.5px; padding: 5px 12px; font-size: 12.5px; color: #54656f; max-width: 500px; text-align: center; }
.@footer { flex: none; min-height: 62px; box-sizing: border-box; padding: 5px 16px; display: flex; align-items: flex-end; gap: 8px; background: #f0f2f5; z-index: 2; }
.@footer > .@icon-btn { margin-bottom: 6px; }
.@input-wrap { flex: 1; min-width: 0; position: relative; background: #fff; border-radius: 8px; padding: 9px 12px 11px; margin: 5px 0; }
.@compose { outline: 0; font-size: 15px; line-height: 20px; min-height: 20px; max-height: 100px; overflow-y: auto; white-space: pre-wrap; word-break: break-word; user-select: text; }
.@compose-placeholder { position: absolute; top: 9px; left: 12px; color: #8696a0; font-size: 15px; line-height: 20px; pointer-events: none; }
.@send-slot { margin-bottom: 6px; }
.@send-btn { width: 40px; height: 40px; border: 0; padding: 0; background: transparent; color: #54656f; display: flex; align-items: center; justify-content: center; border-radius: 50%; cursor: pointer; }
.@startup { position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center; justify-content: center; background: #f0f2f5; color: #41525d; }
.@startup-logo { color: #bbc5cb; margin-bottom: 40px; }
.@startup-bar { width: 420px; height: 3px; background: #e9edef; border-radius: 2px; overflow: hidden; }
.@startup-bar-fill { width: 0; height: 100%; background: #00a884; transition: width 1.5s; }
.@startup-title { margin-top: 34px; font-size: 17px; color: #41525d; }
.@landing { position: absolute; inset: 0; background: #f0f2f5; display: flex; align-items: center; justify-content: center; }
.@landing-card { background: #fff; display: flex; gap: 60px; padding: 64px 60px; box-shadow: 0 17px 50px 0 rgba(11,20,26,.19); }
.@landing-title { font-size: 28px; font-weight: 300; color: #41525d; margin: 0 0 40px; }
.@landing-steps { font-size: 18px; line-height: 28px; color: #3b4a54; padding-left: 24px; }
.@landing-warn { color: #ea0038; }
.@landing-qr { cursor: pointer; }
.@popup-backdrop { position: absolute; inset: 0; background: rgba(255,255,255,.85); display: flex; align-items: center; justify-content: center; }
.@popup { background: #fff; max-width: 500px; padding: 22px 24px 20px; box-shadow: 0 17px 50px 0 rgba(11,20,26,.19), 0 12px 15px 0 rgba(11,20,26,.24); border-radius: 3px; }
.@popup-body { font-size: 14.2px; line-height: 20px; color: #3b4a54; }
.@popup-actions { display: flex; justify-content: flex-end; gap: 10px; margin-top: 28px; }
.@popup-btn { border: 1px solid #d1d7db; background: #fff; color: #008069; padding: 10px 24px; border-radius: 24px; cursor: pointer; }
.@popup-btn-primary { background: #008069; color: #fff; border-color: #008069; }
.@nolist-row { position: absolute; left: 0; width: 100%; height: 72px; cursor: pointer; }
.@bubble-image { padding: 3px; }
.@bubble-image .@msg-text-wrap { padding: 3px 4px 2px 6px; }
.@media-image { position: relative; border-radius: 6px; overflow: hidden; cursor: pointer; }
.@media-img { display: block; width: 330px; max-width: 100%; height: auto; }
.@media-meta-overlay { position: absolute; right: 6px; bottom: 4px; }
.@media-meta-overlay .@msg-meta, .@voice-foot .@msg-meta, .@sticker-meta .@msg-meta { float: none; margin: 0; top: 0; }
.@media-meta-overlay .@msg-meta, .@media-meta-overlay .@msg-meta [data-icon], .@media-meta-overlay .@msg-meta .@icon { color: #fff; text-shadow: 0 1px 1px rgba(0,0,0,.4); }
.@voice { display: flex; align-items: center; gap: 10px; width: 260px; max-width: 100%; padding: 2px 0; }
.@voice-play { border: 0; background: transparent; color: #8696a0; cursor: pointer; padding: 0; }
.@voice-track { flex: 1; min-width: 0; }
.@voice-wave { display: flex; align-items: center; gap: 2px; height: 26px; overflow: hidden; }
.@wave-bar { width: 3px; border-radius: 2px; background: #8696a0; }
.@voice-foot { display: flex; justify-content: space-between; align-items: center; font-size: 11px; color: #667781; }
.@bubble-sticker { background: transparent; box-shadow: none; padding: 0; }
.@sticker { position: relative; }
.@sticker-img { display: block; width: 160px; height: 160px; }
.@sticker-meta { position: absolute; right: 0; bottom: 4px; background: rgba(255,255,255,.9); border-radius: 8px; padding: 0 6px; }
.@doc { display: flex; align-items: center; gap: 10px; width: 280px; max-width: 100%; box-sizing: border-box; padding: 8px; margin: -3px -4px 4px -6px; background: rgba(11,20,26,.05); border-radius: 6px; cursor: pointer; }
.@doc-badge { flex: none; width: 30px; height: 38px; border-radius: 3px; background: #e53935; color: #fff; font-size: 9px; font-weight: 700; display: flex; align-items: flex-end; justify-content: center; padding-bottom: 4px; box-sizing: border-box; }
.@doc-text { flex: 1; min-width: 0; display: flex; flex-direction: column; }
.@doc-name { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; color: #111b21; }
.@doc-info { font-size: 11.5px; color: #667781; }
.@doc-download { border: 0; background: transparent; color: #8696a0; cursor: pointer; }
`;

// 2023 to 2025: the teal band across the top, the app floating in a white box.
const GEN_2024 = `
body { background: #d1d7db; }
.@band { position: absolute; top: 0; left: 0; right: 0; height: 127px; background: #00a884; }
.@two { top: 19px; bottom: 19px; left: 19px; right: 19px; max-width: 1600px; margin: 0 auto; box-shadow: 0 6px 18px rgba(11,20,26,.05); }
.@side-header { background: #f0f2f5; }
@media (max-width: 1440px) { .@two { inset: 0; } }
`;

// The 2025/2026 refresh: navigation rail, white panes, rounded rows and a pill composer.
const GEN_2026 = `
body { background: #fff; }
.@two { inset: 0; }
.@rail { flex: none; width: 64px; background: #f7f5f3; border-right: 1px solid #e9edef; display: flex; flex-direction: column; justify-content: space-between; align-items: center; padding: 10px 0; box-sizing: border-box; }
.@rail-top, .@rail-bottom { display: flex; flex-direction: column; gap: 8px; align-items: center; }
.@rail-item { width: 40px; height: 40px; display: flex; align-items: center; justify-content: center; border-radius: 50%; color: #54656f; cursor: pointer; }
.@rail-item-active { background: #e9e7e4; color: #111b21; }
.@rail-me [data-icon] { width: 28px; height: 28px; border-radius: 50%; overflow: hidden; }
.@side-header-2026 { height: 64px; padding: 12px 20px; }
.@brand { margin: 0; font-size: 22px; font-weight: 700; color: #1daa61; letter-spacing: -.2px; }
.@search-bar { padding: 2px 12px 8px; }
.@search-slot { border-radius: 24px; background: #f7f5f3; height: 40px; padding: 0 16px; }
.@chip { background: #fff; border: 1px solid #e9edef; border-radius: 20px; padding: 5px 12px; color: #54656f; }
.@chip-active { background: #d9fdd3; border-color: #d9fdd3; color: #15603e; }
.@row-inner { margin: 0 8px; border-radius: 12px; }
.@row-inner:hover { background: #f7f5f3; }
.@row-inner[aria-selected="true"], .@row-selected { background: #f0efed; }
.@cell-body { border-top: 0; }
.@cell-title { font-size: 16px; font-weight: 400; }
.@cell-time-unread { color: #1daa61; }
.@badge { background: #1daa61; }
.@main-col { background: #f5f1eb; }
.@intro { background: #f7f5f3; border-bottom: 0; }
.@conv-header { background: #fff; border-left: 0; border-bottom: 1px solid #e9edef; height: 64px; }
.@conv-body { background-color: #f5f1eb; }
.@bubble { border-radius: 12px; }
.@bubble-tail-in { border-bottom-left-radius: 0; }
.@bubble-tail-out { border-bottom-right-radius: 0; }
.@tail-out { color: #d9fdd3; }
.@footer { background: transparent; padding: 8px 16px 12px; position: relative; }
.@input-wrap { border-radius: 24px; box-shadow: 0 1px 2px rgba(11,20,26,.12); padding: 10px 16px 10px; margin: 0; }
.@compose-placeholder { top: 10px; left: 16px; }
.@send-btn { background: #1daa61; color: #fff; }
.@send-btn-idle { background: transparent; color: #54656f; }
.@footer > .@icon-btn { margin-bottom: 2px; }
.@send-slot { margin-bottom: 0; }
`;

// The April to August 2026 page: rows that are the cell frame, the self row and section headers,
// profile photos, the contact drawer, and the tail on the first bubble of a run (at the top).
const GEN_2026B = `
.@cell-row { position: absolute; top: 0; left: 8px; right: 8px; display: flex; align-items: center; border-radius: 12px; cursor: pointer; outline: 0; }
.@cell-row:hover { background: #f7f5f3; }
.@cell-row.@row-selected { background: #f0efed; }
.@cell-row > .@avatar { padding: 0 13px 0 5px; }
.@avatar > .@avatar-img, .@conv-avatar > .@avatar-img { border-radius: 50%; }
.@cell-title-box { flex: 1; min-width: 0; display: flex; overflow: hidden; }
.@section-row { position: absolute; top: 0; left: 0; right: 0; display: flex; align-items: flex-end; }
.@section-cell { padding: 0 20px 10px; }
.@section-title { color: #1daa61; font-size: 15px; font-weight: 500; }
.@drawer-col { flex: 0 0 30%; max-width: 420px; min-width: 300px; border-left: 1px solid #e9edef; background: #fff; display: flex; }
.@drawer-col[hidden] { display: none; }
.@drawer { display: flex; flex-direction: column; width: 100%; outline: 0; }
.@drawer-header { flex: none; height: 64px; display: flex; align-items: center; gap: 12px; padding: 0 12px; }
.@drawer-title { margin: 0; font-size: 16px; font-weight: 500; color: #111b21; }
.@drawer-close { border: 0; background: transparent; }
.@drawer-body { flex: 1; overflow-y: auto; background: #f7f5f3; }
.@drawer-hero { background: #fff; display: flex; flex-direction: column; align-items: center; padding: 28px 30px 20px; }
.@drawer-photo > * { width: 200px; height: 200px; border-radius: 50%; overflow: hidden; }
.@drawer-name { margin: 16px 0 4px; font-size: 22px; font-weight: 400; color: #111b21; }
.@drawer-sub { color: #667781; }
.@drawer-section { background: #fff; margin-top: 10px; padding: 14px 30px; }
.@drawer-label { color: #667781; font-size: 14px; margin-bottom: 8px; }
.@drawer-about { color: #111b21; }
.@drawer-phone { margin-top: 14px; font-size: 16px; color: #111b21; }
.@drawer-member { padding: 10px 0; border-bottom: 1px solid #e9edef; }
.@tail { top: 0; bottom: auto; transform: none; }
.@bubble-tail-in { border-top-left-radius: 0; border-bottom-left-radius: 12px; }
.@bubble-tail-out { border-top-right-radius: 0; border-bottom-right-radius: 12px; }
`;

const SHEETS = { 2024: GEN_2024, 2026: GEN_2026, '2026b': GEN_2026B };

/** `.@name` → `.<hashed class of name>`. */
const resolve = (css) => css.replace(/\.@([a-z0-9-]+)/g, (_, name) => `.${primary(name)}`);

export function injectStyles() {
  const style = document.createElement('style');
  style.textContent = resolve(COMMON + GEN.styles.map((name) => SHEETS[name]).join(''));
  document.head.append(style);
}
