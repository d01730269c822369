// "Wer ist da?": how many people, from which fields of work, and what they offer.
import { el } from '../lib/dom.js';
import { empty, plural } from './parts.js';

export function renderRoom({ room, islands, t }) {
  const data = room || { total: 0, by_field: [], without_field: 0, by_island: {}, offers: [] };
  const rows = data.by_field.map((f) => ({ label: f.field, count: f.count, other: false }));
  if (data.without_field) rows.push({ label: t.without_field, count: data.without_field, other: true });
  const max = Math.max(1, ...rows.map((r) => r.count));

  const fields = el('section', { class: 'room-fields', 'data-fit': '' },
    el('p', { class: 'room-total' },
      el('span', { id: 'room-total', class: 'room-total-number', text: String(data.total) }),
      el('span', { class: 'room-total-label', text: data.total === 1 ? t.person_here : t.people_here })),
    el('h2', { text: t.by_field }),
    rows.length ? el('ul', { class: 'bars', 'data-trim': '' }, ...rows.map((row) => bar(row, max)))
      : empty(t.nobody_yet),
    islandCounts(data, islands, t));

  const offers = el('section', { class: 'room-offers', 'data-fit': '' },
    el('h2', { text: t.offers }),
    data.offers.length
      ? el('ul', { class: 'offers', 'data-trim': '' }, ...[...data.offers].reverse().map(offer))
      : empty(t.no_offers));

  return el('div', { id: 'room', class: 'room' }, fields, offers);
}

function bar(row, max) {
  const fill = el('span', { class: 'bar-fill' });
  // CSSOM, not a style attribute: allowed under the strict Content-Security-Policy.
  fill.style.width = `${(100 * row.count) / max}%`;
  return el('li', { class: `bar${row.other ? ' bar-other' : ''}`, 'data-weight': '1', 'data-field': row.label },
    el('span', { class: 'bar-label', text: row.label }),
    el('span', { class: 'bar-track' }, fill),
    el('span', { class: 'bar-count', text: String(row.count) }));
}

function offer(item) {
  const who = [item.name, item.organisation].filter(Boolean).join(', ');
  return el('li', { class: 'offer', 'data-weight': '1' },
    el('p', { class: 'offer-text', text: item.offer }),
    who || item.field ? el('p', { class: 'offer-who' },
      who ? el('span', { class: 'offer-name', text: who }) : null,
      item.field ? el('span', { class: 'offer-field', text: item.field }) : null) : null);
}

function islandCounts(data, islands, t) {
  if (!islands.length) return null;
  return el('ul', { class: 'room-islands' }, ...islands.map((island) => el('li', {},
    el('span', { class: 'room-island-name', text: island.name }),
    el('span', { class: 'room-island-count', text: plural(data.by_island[island.id] || 0, t.person, t.people) }))));
}
