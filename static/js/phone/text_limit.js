// The 280-character limit of a card's text says so in words: a counter, and over the limit a
// message at the field (aria-invalid, the message in aria-describedby); nothing is ever cut
// off, a pasted text stays whole, to be shortened by its writer.
import { show } from '../lib/dom.js';
import { plural } from '../lib/plural.js';

export const TEXT_MAX = 280;

// Marks the field and fills its error line; true when the text fits.
export function checkLength(t, field, errorNode) {
  const over = field.value.length > TEXT_MAX;
  field.setAttribute('aria-invalid', String(over));
  errorNode.textContent = over ? plural(t.too_long, field.value.length - TEXT_MAX) : '';
  show(errorNode, over);
  return !over;
}

export function counterText(t, field) {
  const left = TEXT_MAX - field.value.length;
  return left >= 0 ? plural(t.chars_left, left) : plural(t.chars_over, -left);
}
