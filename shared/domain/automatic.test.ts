import { describe, expect, it } from 'vitest';
import {
  ANSWER_CLOCK_SLACK_MS,
  AUTOMATIC_LEASE_MS,
  AUTOMATIC_MAX_AGE_MS,
  AUTOMATIC_MAX_ATTEMPTS,
  AWAY_EVERY_MS,
  chooseSender,
  intentKindFor,
  matchesTemplate,
  MAX_MENU_OPTIONS,
  MENU_ANSWER_WAIT_MS,
  menuMessage,
  personalise,
  SATISFACTION_ANSWER_WINDOW_MS,
  type SenderCandidate,
} from './automatic';

const on = { enabled: true };
const off = { enabled: false };
const device = (deviceId: string, extra: Partial<SenderCandidate> = {}): SenderCandidate => ({ deviceId, typing: false, leases: 0, readySince: 0, ...extra });

describe('automatic messages', () => {
  it('a lease lasts 60 s and an intent gets 5 of them', () => {
    expect(AUTOMATIC_LEASE_MS).toBe(60_000);
    expect(AUTOMATIC_MAX_ATTEMPTS).toBe(5);
    // Old news gets no automatic answer, and what could not go in 15 minutes is dropped; one away a day.
    expect(AUTOMATIC_MAX_AGE_MS).toBe(15 * 60_000);
    expect(AWAY_EVERY_MS).toBe(24 * 60 * 60_000);
  });

  it('away while closed, greeting while open, each only when enabled', () => {
    expect(intentKindFor({ greeting: on, away: on, menu: off }, false, false)).toBe('away');
    expect(intentKindFor({ greeting: on, away: on, menu: off }, true, false)).toBe('greeting');
    expect(intentKindFor({ greeting: on, away: off, menu: off }, false, false)).toBeNull();
    expect(intentKindFor({ greeting: off, away: on, menu: off }, true, false)).toBeNull();
  });

  it('the menu takes the greeting\'s place while open, in rules mode only; away while closed', () => {
    expect(intentKindFor({ greeting: on, away: on, menu: on }, true, true)).toBe('menu');
    expect(intentKindFor({ greeting: off, away: off, menu: on }, true, true)).toBe('menu');
    expect(intentKindFor({ greeting: on, away: on, menu: on }, true, false)).toBe('greeting');
    expect(intentKindFor({ greeting: off, away: off, menu: on }, true, false)).toBeNull();
    expect(intentKindFor({ greeting: on, away: on, menu: on }, false, true)).toBe('away');
  });

  it('questions: up to 9 options; a menu waits 3 min for its answer, a rating 24 h; times 2 min apart still match', () => {
    expect(MAX_MENU_OPTIONS).toBe(9);
    expect(MENU_ANSWER_WAIT_MS).toBe(3 * 60_000);
    expect(SATISFACTION_ANSWER_WINDOW_MS).toBe(24 * 60 * 60_000);
    expect(ANSWER_CLOCK_SLACK_MS).toBe(2 * 60_000);
  });

  it('the menu reads as its text, then each option numbered from 1', () => {
    expect(menuMessage({ text: 'How can we help? ', options: [{ label: 'Sales' }, { label: 'Support' }, { label: 'Orders' }] })).toBe(
      'How can we help? 1 Sales, 2 Support, 3 Orders',
    );
  });

  it('{{name}} is the chat\'s name, and goes (with its comma) when the chat is only a number', () => {
    expect(personalise('Hello {{name}}! We are closed.', 'Ana Souza')).toBe('Hello Ana Souza! We are closed.');
    expect(personalise('Hi {{ name }}, welcome', 'Bea')).toBe('Hi Bea, welcome');
    expect(personalise('Hello {{name}}! We are closed.', '\u202a+34 612 34 56 78\u202c')).toBe('Hello! We are closed.');
    expect(personalise('Hi {{name}}, welcome', '+55 11 91234-5678')).toBe('Hi, welcome');
    expect(personalise('No placeholder here', '+1 555')).toBe('No placeholder here');
  });

  it('a bubble matches an automatic text whatever name it was sent with, and nothing else', () => {
    const template = 'Hello {{name}}! We are closed.';
    expect(matchesTemplate('Hello Ana Souza! We are closed.', template)).toBe(true);
    expect(matchesTemplate('Hello! We are closed.', template)).toBe(true);
    expect(matchesTemplate('Hello  Ana!\nWe are closed.', template)).toBe(true);
    expect(matchesTemplate('Hello Ana! We are open.', template)).toBe(false);
    expect(matchesTemplate('Hello Ana! We are closed. Call us.', template)).toBe(false);
    expect(matchesTemplate('Hi, welcome', 'Hi {{name}}, welcome')).toBe(true);
    // Characters of a regular expression in the owner's text are just characters.
    expect(matchesTemplate('Price (USD) 5.00?', 'Price (USD) 5.00?')).toBe(true);
    expect(matchesTemplate('Price (USD) 5a00?', 'Price (USD) 5.00?')).toBe(false);
    expect(matchesTemplate('Reply 1 Sales, 2 Support', 'Reply {{name}} 1 Sales, 2 Support')).toBe(true);
  });

  it('leases to a device nobody types at, avoiding the previous holder while another is ready', () => {
    expect(chooseSender([], null)).toBeNull();
    expect(chooseSender([device('a', { typing: true }), device('b', { readySince: 5 })], null)).toBe('b');
    expect(chooseSender([device('a'), device('b', { typing: true })], 'a')).toBe('b');
    expect(chooseSender([device('a')], 'a')).toBe('a');
    expect(chooseSender([device('a', { leases: 2 }), device('b', { leases: 1, readySince: 9 })], null)).toBe('b');
    expect(chooseSender([device('b', { readySince: 2 }), device('a', { readySince: 1 })], null)).toBe('a');
  });
});
