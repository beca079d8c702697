// WhatsApp's own words that say a bubble is outgoing, in the languages its UI speaks most in
// Baton's markets. They are only one clue among several (whatsapp-dom.md: the "You:" label and the
// delivery status are translated aria-labels since 2026), so a language missing here costs
// nothing but that clue, and words learnt from bubbles whose direction is known fill the gap.

/** The "You:" label on most outgoing bubbles, folded (see foldLabel). */
export const YOU_LABELS = new Set(['you:', 'você:', 'voce:', 'tú:', 'tu:', 'vous:', 'du:', 'anda:', 'jij:', 'siz:', 'أنت:', 'ty:', 'вы:']);

/** Delivery statuses (" Read ", " Delivered " ...), folded. */
export const STATUS_LABELS = new Set([
  'read', 'delivered', 'sent', 'pending',
  'lida', 'lido', 'entregue', 'enviada', 'enviado', 'pendente',
  'leído', 'leido', 'entregado', 'pendiente',
  'lu', 'distribué', 'envoyé', 'en attente',
  'letto', 'consegnato', 'inviato', 'in attesa',
  'gelesen', 'zugestellt', 'gesendet', 'ausstehend',
]);

const foldedLabels = new Map<string, string>();

/** An aria-label as compared: trimmed, inner spaces collapsed and removed before a colon, lower case. */
export function foldLabel(label: string): string {
  // Every label of every message, on every read of the open chat: the same few words.
  let folded = foldedLabels.get(label);
  if (folded === undefined) {
    if (foldedLabels.size > 1000) foldedLabels.clear();
    foldedLabels.set(label, (folded = label.replace(/\s+/g, ' ').trim().replace(/\s+:$/, ':').toLocaleLowerCase()));
  }
  return folded;
}

/**
 * Delivery statuses are written with a space on each side (" Letto ", " Delivered "), which no
 * other label in a bubble has been seen with: a shape clue for languages not listed above.
 */
export function looksLikeStatus(label: string): boolean {
  return /^ \S(.*\S)? $/.test(label) && label.length <= 24;
}
