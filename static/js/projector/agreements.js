// Next steps per island: what, who, by when, and the cards they address.
import { el } from '../lib/dom.js';
import { empty, islandBox, kindMark } from './parts.js';
import { rankingList } from './ranking.js';

// One section per island for the pager.
export function agreementSections({ store, islands, t }) {
  return islands.map((island) => {
    const cards = new Map(store.islandCards(island.id).map((c) => [c.id, c]));
    return {
      key: `island-${island.id}`, title: island.name, className: 'agreements-island',
      attrs: { 'data-island-id': island.id },
      groups: [{
        key: 'agreements', className: 'agreement-lane',
        items: store.agreements.list((a) => a.island_id === island.id).map((a) => ({
          key: `a${a.id}:${a.rev}:${a.card_ids.map((id) => cards.get(id)?.rev ?? '-').join(',')}`,
          build: () => agreementItem(a, cards, t),
        })),
        empty: () => empty(t.no_agreements),
      }],
    };
  });
}

// Abschluss: the most important points and the agreements of every island.
export function renderSummary({ store, islands, t }) {
  return el('div', { id: 'summary', class: 'summary p-grid', 'data-count': islands.length },
    ...islands.map((island) => islandBox(island, 'summary-island',
      el('h3', { class: 'summary-head', text: t.top_points }),
      rankingList(store, island.id, t, { limit: 3, votedOnly: true }),
      el('h3', { class: 'summary-head', text: t.agreements }),
      agreementList(store, island.id, t))));
}

function agreementList(store, islandId, t) {
  const items = store.agreements.list((a) => a.island_id === islandId);
  if (!items.length) return empty(t.no_agreements);
  const cards = new Map(store.islandCards(islandId).map((c) => [c.id, c]));
  return el('ul', { class: 'agreement-list', 'data-trim': '' }, ...items.map((a) => agreementItem(a, cards, t)));
}

function agreementItem(a, cards, t) {
  const linked = a.card_ids.map((id) => cards.get(id)).filter(Boolean);
  return el('li', { class: 'agreement', 'data-agreement-id': a.id, 'data-weight': '1' },
    el('p', { class: 'agreement-what', text: a.what }),
    a.who || a.due ? el('p', { class: 'agreement-meta' },
      a.who ? el('span', { class: 'agreement-who' }, el('span', { class: 'meta-label', text: `${t.who}: ` }), el('span', { text: a.who })) : null,
      a.due ? el('span', { class: 'agreement-due' }, el('span', { class: 'meta-label', text: `${t.due}: ` }), el('span', { text: a.due })) : null) : null,
    linked.length ? el('ul', { class: 'agreement-cards' }, ...linked.map((card) => el('li', { class: `chip chip-${card.kind}` },
      kindMark(card.kind, t), el('span', { class: 'chip-text', text: card.text })))) : null);
}
