// The live ranking per island: groups and single cards, most dots first.
import { el } from '../lib/dom.js';
import { empty, kindMark, plural, ranking } from './parts.js';

const MAX_DOTS = 10;

// One section per island for the pager: every entry, none left out.
export function rankingSections({ store, islands, t }) {
  return islands.map((island) => {
    const entries = ranking(store, island.id);
    return {
      key: `island-${island.id}`, title: island.name, className: 'ranking-island',
      attrs: { 'data-island-id': island.id },
      groups: [{
        key: 'rank', className: 'rank-lane',
        items: entries.map((entry) => ({
          key: `${entry.type}${entry.id}:${entry.rev}:${entry.votes}:${place(entry, entries)}${entry.type === 'group' ? `:${entry.cards.length}` : ''}`,
          cardId: entry.type === 'card' ? entry.id : null,
          build: () => rankItem(entry, entries, t),
        })),
        empty: () => empty(t.no_cards),
      }],
    };
  });
}

export function rankingList(store, islandId, t, { limit = Infinity, votedOnly = false } = {}) {
  let entries = ranking(store, islandId);
  if (votedOnly) entries = entries.filter((e) => e.votes > 0);
  if (!entries.length) return empty(votedOnly ? t.no_votes : t.no_cards);
  return el('ol', { class: 'rank-list', 'data-trim': '' },
    ...entries.slice(0, limit).map((entry) => rankItem(entry, entries, t)));
}

// Equal votes share a place.
const place = (entry, entries) => entries.findIndex((e) => e.votes === entry.votes) + 1;

function rankItem(entry, entries, t) {
  const group = entry.type === 'group';
  const dots = el('span', { class: 'dots', 'aria-hidden': 'true' });
  for (let i = 0; i < Math.min(entry.votes, MAX_DOTS); i += 1) dots.append(el('span', { class: 'dot' }));
  return el('li', {
    class: `rank rank-${group ? 'group' : entry.kind}${entry.votes ? '' : ' rank-zero'}${place(entry, entries) === 1 && entry.votes ? ' rank-first' : ''}`,
    'data-weight': '1', 'data-votes': entry.votes,
    ...(group ? { 'data-group-id': entry.id } : { 'data-card-id': entry.id }),
  },
  el('span', { class: 'rank-place', text: entry.votes ? `${place(entry, entries)}.` : '' }),
  el('div', { class: 'rank-body' },
    el('p', { class: 'rank-text', text: group ? (entry.label || t.group) : entry.text }),
    el('p', { class: 'rank-meta' },
      group
        ? el('span', { class: 'rank-kind' },
          el('span', { class: 'group-symbol', 'aria-hidden': 'true', text: '▣' }),
          el('span', { text: `${t.group} · ${plural(entry.cards.length, t.card, t.cards)}` }))
        : kindMark(entry.kind, t, true),
      dots)),
  el('span', { class: 'rank-votes' },
    el('span', { class: 'rank-count', text: String(entry.votes) }),
    el('span', { class: 'rank-unit', text: entry.votes === 1 ? t.dot : t.dots })));
}
