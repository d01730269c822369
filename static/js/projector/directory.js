// The resource directory across islands: every visible resource by category, A to Z,
// with the island that named it.
import { el } from '../lib/dom.js';
import { empty, kindMark } from './parts.js';

const collator = new Intl.Collator('de', { sensitivity: 'base' });

export function directorySections({ store, islands, t }) {
  const names = new Map(islands.map((i) => [i.id, i.name]));
  const resources = store.cards.list((c) => c.kind === 'resource' && names.has(c.island_id))
    .sort((a, b) => collator.compare(a.text, b.text) || a.id - b.id);
  const categories = store.event.categories.filter((c) => c.kind === 'resource');
  const known = new Set(categories.map((c) => c.id));
  const sections = [...categories.map((c) => ({ id: c.id, label: c.label })),
    { id: null, label: t.without_category }];
  return sections.map((category) => {
    const cards = resources.filter((r) => (category.id === null ? !known.has(r.category_id) : r.category_id === category.id));
    return { category, cards };
  }).filter(({ category, cards }) => category.id !== null || cards.length)
    .map(({ category, cards }) => ({
      key: `category-${category.id}`, title: `${category.label} (${cards.length})`, className: 'directory-section',
      groups: [{
        key: 'resources', className: 'directory-lane',
        items: cards.map((card) => ({
          key: `d${card.id}:${card.rev}`, cardId: card.id,
          build: () => el('li', { class: 'card card-resource directory-entry', 'data-card-id': card.id },
            el('p', { class: 'card-meta' }, kindMark('resource', t),
              el('span', { class: 'card-category', text: names.get(card.island_id) })),
            el('p', { class: 'card-text', text: card.text })),
        })),
        empty: () => empty(t.no_resources_here),
      }],
    }));
}
