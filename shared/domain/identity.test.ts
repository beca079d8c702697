import { describe, expect, it } from 'vitest';
import { cleanTitle, isJid, jidFromPhoneTitle, matchByTitle, normalizeJid, normalizeTitle } from './identity';

describe('chat identity helpers', () => {
  it('recognises the JID kinds WhatsApp uses', () => {
    for (const jid of ['5511999990000@c.us', '5511999990000@s.whatsapp.net', '120363000000000000@g.us', '123456789012345@lid', '120363@newsletter']) {
      expect(isJid(jid), jid).toBe(true);
    }
    for (const value of ['Maria', '5511999990000', 'a b@c.us', '@c.us', 'x@example.com']) expect(isJid(value), value).toBe(false);
  });

  it('folds the two spellings of a phone JID into one', () => {
    expect(normalizeJid('5511999990000@s.whatsapp.net')).toBe('5511999990000@c.us');
    expect(normalizeJid(' 5511999990000@C.US ')).toBe('5511999990000@c.us');
    expect(normalizeJid('120363@g.us')).toBe('120363@g.us');
  });

  it('keys titles without case or spacing differences', () => {
    expect(normalizeTitle('  Maria   Silva ')).toBe('maria silva');
    expect(normalizeTitle('JOÃO')).toBe(normalizeTitle('joa\u0303o'));
  });

  it('reads an unsaved number from its title, and nothing from a name', () => {
    expect(jidFromPhoneTitle('+55 11 99999-0000')).toBe('5511999990000@c.us');
    expect(jidFromPhoneTitle('+1 (415) 555-0100')).toBe('14155550100@c.us');
    expect(jidFromPhoneTitle('Maria')).toBeNull();
    expect(jidFromPhoneTitle('Room 101')).toBeNull();
    expect(jidFromPhoneTitle('+12')).toBeNull();
  });

  it('strips the bidi marks WhatsApp wraps around a bare number, before comparing or reading it', () => {
    const marked = '\u202a+55 11 99999-0000\u202c';
    expect(cleanTitle(marked)).toBe('+55 11 99999-0000');
    expect(jidFromPhoneTitle(marked)).toBe('5511999990000@c.us');
    expect(normalizeTitle('\u200eMaria\u200f \u2066Silva\u2069')).toBe('maria silva');
    expect(cleanTitle('Jo\u200bão\ufeff')).toBe('João');
  });

  it('picks a namesake by picture, never guesses between two, and takes a new picture for a new person only when namesakes are in sight', () => {
    const a = { id: 'a', avatar: 'a:1' };
    const b = { id: 'b', avatar: 'a:2' };
    const u = { id: 'u', avatar: null };
    const of = (c: { avatar: string | null }) => c.avatar;
    expect(matchByTitle([a, b], of, { avatar: 'a:2' })).toEqual({ pick: b });
    expect(matchByTitle([a, b], of, {})).toEqual({ ambiguous: [a, b] });
    expect(matchByTitle([a], of, {})).toEqual({ pick: a });
    expect(matchByTitle([a], of, { shared: true })).toEqual({ ambiguous: [a] });
    expect(matchByTitle([], of, { shared: true })).toEqual({ ambiguous: [] });
    expect(matchByTitle([], of, {})).toEqual({ none: true });
    // One John with a new photo, no namesake in sight: the same John.
    expect(matchByTitle([a], of, { avatar: 'a:9' })).toEqual({ pick: a });
    // With a namesake in sight: someone new.
    expect(matchByTitle([a], of, { avatar: 'a:9', namesakes: true })).toEqual({ none: true });
    // The one John nobody saw a picture of learns it; of two, it could be either.
    expect(matchByTitle([u], of, { avatar: 'a:9', namesakes: true })).toEqual({ pick: u });
    expect(matchByTitle([u, a], of, { avatar: 'a:9' })).toEqual({ ambiguous: [u] });
    expect(matchByTitle([a, b], of, { avatar: 'a:9' })).toEqual({ ambiguous: [a, b] });
    expect(matchByTitle([a, b], of, { avatar: 'a:9', namesakes: true })).toEqual({ none: true });
  });
});
