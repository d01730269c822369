// The wall: every island's case with its resources and barriers; groups shown together.
import { el } from '../lib/dom.js';
import { KINDS, cardItem, islandBox } from './parts.js';

export function renderWall({ store, islands, t, showGroups }) {
  const labels = new Map(store.event.categories.map((c) => [c.id, c.label]));
  const view = el('div', { id: 'wall', class: 'wall p-grid', 'data-count': islands.length });
  view.append(...islands.map((island) => islandBox(island, 'wall-island',
    ...island.cases.map((theCase) => caseBlock(store, island, theCase, labels, t, showGroups)))));
  return view;
}

function caseBlock(store, island, theCase, labels, t, showGroups) {
  const cards = store.islandCards(island.id).filter((c) => c.case_id === theCase.id);
  const groups = showGroups ? store.islandGroups(island.id).filter((g) => g.case_id === theCase.id) : [];
  const grouped = new Set(groups.flatMap((g) => g.cards.map((c) => c.id)));
  const columns = el('div', { class: 'wall-columns' });
  for (const kind of KINDS) {
    const ofKind = cards.filter((c) => c.kind === kind);
    // A group sits in the column of its first card's kind, its cards keep their own marks.
    const kindGroups = groups.filter((g) => g.cards[0].kind === kind);
    const loose = ofKind.filter((c) => !grouped.has(c.id)).reverse(); // newest first
    columns.append(el('div', { class: `wall-column wall-${kind}` },
      el('h4', { class: `kind-${kind}-head` },
        el('span', { text: t[`${kind}s`] }), ' ',
        el('span', { class: 'count', text: String(ofKind.length) })),
      el('ul', { class: 'cards', 'data-trim': '' },
        ...kindGroups.map((g) => groupItem(g, labels, t)),
        ...loose.map((card) => cardItem(card, labels, t)))));
  }
  return el('div', { class: 'wall-case' }, el('h3', { text: theCase.title }), columns);
}

function groupItem(group, labels, t) {
  return el('li', { class: 'card-group', 'data-group-id': group.id, 'data-weight': String(group.cards.length) },
    el('p', { class: 'group-label' },
      el('span', { class: 'group-symbol', 'aria-hidden': 'true', text: '▣' }),
      el('span', { text: group.label || t.group })),
    el('ul', { class: 'cards group-cards' }, ...group.cards.map((card) => cardItem(card, labels, t))));
}
