// Small building blocks the projector views share.
import { el } from '../lib/dom.js';

export const KINDS = ['resource', 'barrier'];
export const SYMBOL = { resource: '+', barrier: '!' };

// Colour is never the only sign: every kind carries its symbol and, where there is room, its word.
export function kindMark(kind, t, withWord = false) {
  return el('span', { class: `kind-mark kind-mark-${kind}`, title: t[kind] },
    el('span', { class: 'kind-symbol', 'aria-hidden': 'true', text: SYMBOL[kind] }),
    withWord ? el('span', { class: 'kind-word', text: t[kind] })
      : el('span', { class: 'visually-hidden', text: t[kind] }));
}

export function cardItem(card, labels, t, extra = '') {
  return el('li', { class: `card card-${card.kind} ${extra}`, 'data-card-id': card.id, 'data-weight': '1' },
    el('p', { class: 'card-meta' }, kindMark(card.kind, t),
      el('span', { class: 'card-category', text: labels.get(card.category_id) || '' })),
    el('p', { class: 'card-text', text: card.text }));
}

export function islandBox(island, className, ...children) {
  return el('section', { class: `p-island ${className}`, 'data-island-id': island.id, 'data-fit': '' },
    el('h2', { class: 'p-island-name', text: island.name }), ...children);
}

export function empty(text) {
  return el('p', { class: 'p-empty', text });
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

// Groups and ungrouped cards of an island, most votes first (a group's votes are its cards').
export function ranking(store, islandId) {
  const groups = store.islandGroups(islandId).map((g) => ({ type: 'group', ...g }));
  const single = store.islandCards(islandId).filter((c) => !c.group_id || !groups.some((g) => g.id === c.group_id))
    .map((c) => ({ type: 'card', ...c, votes: c.votes || 0 }));
  return [...groups, ...single].sort((a, b) => b.votes - a.votes || firstId(a) - firstId(b));
}

const firstId = (entry) => (entry.type === 'group' ? entry.cards[0].id : entry.id);
