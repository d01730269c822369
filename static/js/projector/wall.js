// The wall: every island's resources and barriers, oldest first (a page once read stays as it
// was; a new card joins the end and is highlighted); in the later phases groups together.
import { el } from '../lib/dom.js';
import { KINDS, cardItem } from './parts.js';

export function wallSections({ store, islands, t, showGroups }) {
  const labels = new Map(store.event.categories.map((c) => [c.id, c.label]));
  const all = store.byIsland();
  return islands.map((island) => ({
    key: `island-${island.id}`, title: island.name, className: 'wall-island',
    attrs: { 'data-island-id': island.id },
    groups: KINDS.map((kind) => lane(all, island, kind, labels, t, showGroups)),
  }));
}

function lane(all, island, kind, labels, t, showGroups) {
  const cards = all.cards.get(island.id) || [];
  const groups = showGroups ? all.groups.get(island.id) || [] : [];
  const grouped = new Set(groups.flatMap((g) => g.cards.map((c) => c.id)));
  const count = cards.filter((c) => c.kind === kind).length;
  const items = [];
  const severalCases = island.cases.length > 1;
  for (const theCase of island.cases) {
    const mine = [];
    // A group sits in the column of its first card's kind, its cards keep their own marks.
    for (const group of groups.filter((g) => g.case_id === theCase.id && g.cards[0].kind === kind)) {
      mine.push({ key: `g${group.id}:${group.rev}:${group.cards.length}`,
        build: () => groupHead(group, t) });
      for (const card of group.cards) {
        mine.push({ key: `c${card.id}:${card.rev}:g`, cardId: card.id,
          build: () => cardItem(card, labels, t, 'card-in-group') });
      }
    }
    for (const card of cards) {
      if (card.case_id !== theCase.id || card.kind !== kind || grouped.has(card.id)) continue;
      mine.push({ key: `c${card.id}:${card.rev}`, cardId: card.id, build: () => cardItem(card, labels, t) });
    }
    if (severalCases && mine.length) {
      items.push({ key: `case${theCase.id}`, build: () => el('li', { class: 'case-head', text: theCase.title }) });
    }
    items.push(...mine);
  }
  return {
    key: `${kind}:${count}`, items,
    head: () => el('li', { class: `lane-head kind-${kind}-head` },
      el('span', { text: t[`${kind}s`] }), ' ', el('span', { class: 'count', text: String(count) })),
  };
}

function groupHead(group, t) {
  return el('li', { class: 'group-head', 'data-group-id': group.id },
    el('span', { class: 'group-symbol', 'aria-hidden': 'true', text: '▣' }),
    el('span', { class: 'group-label', text: group.label || t.group }),
    el('span', { class: 'group-size', text: `· ${group.cards.length} ${group.cards.length === 1 ? t.card : t.cards}` }));
}
