// The overview across islands (projector view and the board's panel): categories as bars
// with numbers, resources named at several islands, barriers still without a resource, and
// how far each island is. Built once; each update changes numbers and bars in place and
// rebuilds a list only when its entries changed.
import { el } from '../lib/dom.js';
import { kindMark } from './parts.js';

const KINDS = ['resource', 'barrier'];
const COUNTS = ['resources', 'barriers', 'groups', 'dots', 'agreements'];

export class OverviewView {
  constructor(t, { id = 'overview' } = {}) {
    this.t = t;
    this.bars = { resource: new Map(), barrier: new Map() };
    this.signatures = {};
    this.lists = {};
    this.rows = new Map();
    this.node = this.skeleton(id);
  }

  skeleton(id) {
    const t = this.t;
    const categories = el('section', { class: 'ov-box ov-categories', 'data-fit': '' },
      ...KINDS.flatMap((kind) => [
        el('h2', { class: `ov-head ov-head-${kind}` }, kindMark(kind, t),
          el('span', { text: ` ${t[`${kind}s_by_category`]} ` }),
          el('span', { class: 'ov-total', 'data-total': kind, text: '0' })),
        (this.lists[`bars-${kind}`] = el('ul', { class: 'bars ov-bars', 'data-kind': kind })),
      ]));
    const shared = el('section', { class: 'ov-box ov-shared', 'data-fit': '' },
      el('h2', { class: 'ov-head' }, el('span', { text: `${t.shared_resources} ` }),
        el('span', { class: 'ov-total', 'data-total': 'shared', text: '0' })),
      (this.lists.shared = el('ul', { class: 'ov-list', 'data-trim': '' })));
    const open = el('section', { class: 'ov-box ov-open', 'data-fit': '' },
      el('h2', { class: 'ov-head' }, el('span', { text: `${t.open_barriers} ` }),
        el('span', { class: 'ov-total', 'data-total': 'open', text: '0' })),
      el('p', { class: 'ov-note', text: t.open_barriers_note }),
      (this.lists.open = el('ul', { class: 'ov-list', 'data-trim': '' })));
    this.table = el('ul', { class: 'ov-islands-list' });
    const islands = el('section', { class: 'ov-box ov-islands', 'data-fit': '' },
      el('h2', { class: 'ov-head', text: t.island_progress }), this.table);
    return el('div', { id, class: 'overview' }, categories, el('div', { class: 'ov-middle' }, shared, open), islands);
  }

  update(data) {
    for (const kind of KINDS) {
      this.total(kind, data.totals[kind]);
      this.updateBars(kind, data.categories[kind]);
    }
    this.total('shared', data.shared_count);
    this.total('open', data.open_count);
    this.replaceList('shared', data.shared_resources, (s) => `${s.key}|${s.islands.join('|')}`,
      (s) => el('li', { class: 'ov-item', 'data-key': s.key },
        el('span', { class: 'ov-item-text', text: s.text }),
        el('span', { class: 'ov-item-where', text: `${s.islands.length} ${this.t.islands}: ${s.islands.join(', ')}` })),
      this.t.no_shared);
    this.replaceList('open', data.open_barriers, (b) => `${b.key}|${b.islands.join('|')}|${b.dots}`,
      (b) => el('li', { class: 'ov-item ov-item-barrier', 'data-key': b.key },
        el('span', { class: 'ov-item-text', text: b.text }),
        el('span', { class: 'ov-item-where', text: b.islands.join(', ') })),
      this.t.no_open);
    this.updateIslands(data.islands);
  }

  total(name, value) {
    this.node.querySelector(`[data-total="${name}"]`).textContent = String(value);
  }

  updateBars(kind, rows) {
    const list = this.lists[`bars-${kind}`];
    const known = this.bars[kind];
    const keys = rows.map((r) => String(r.id));
    if (keys.join() !== [...known.keys()].join()) {
      known.clear();
      list.replaceChildren(...rows.map((row) => {
        const fill = el('span', { class: 'bar-fill' });
        const count = el('span', { class: 'bar-count' });
        const item = el('li', { class: `bar bar-${kind}`, 'data-category-id': row.id ?? '' },
          el('span', { class: 'bar-label', text: row.label || this.t.without_category }),
          el('span', { class: 'bar-track' }, fill), count);
        known.set(String(row.id), { fill, count });
        return item;
      }));
    }
    const max = Math.max(1, ...rows.map((r) => r.count));
    for (const row of rows) {
      const bar = known.get(String(row.id));
      if (bar.count.textContent !== String(row.count)) bar.count.textContent = String(row.count);
      // CSSOM, not a style attribute: allowed under the strict Content-Security-Policy.
      bar.fill.style.width = `${(100 * row.count) / max}%`;
    }
  }

  replaceList(name, entries, signature, build, emptyText) {
    const sig = entries.map(signature).join('\n');
    if (this.signatures[name] === sig) return;
    this.signatures[name] = sig;
    const list = this.lists[name];
    list.replaceChildren(...(entries.length ? entries.map(build)
      : [el('li', { class: 'p-empty', text: emptyText })]));
    for (const item of list.children) item.dataset.weight = '1';
  }

  updateIslands(islands) {
    const keys = islands.map((i) => `${i.id}:${i.name}`).join();
    if (keys !== this.islandKeys) {
      this.islandKeys = keys;
      this.rows.clear();
      this.table.replaceChildren(...islands.map((island) => {
        const cells = {};
        const row = el('li', { class: 'ov-island', 'data-island-id': island.id },
          el('span', { class: 'ov-island-name', text: island.name }),
          el('span', { class: 'ov-island-counts' }, ...COUNTS.map((key) => el('span', { class: 'ov-count', 'data-col': key },
            (cells[key] = el('span', { class: 'ov-number' })), ` ${this.t[`col_${key}`]}`))));
        this.rows.set(island.id, cells);
        return row;
      }));
    }
    for (const island of islands) {
      const cells = this.rows.get(island.id);
      for (const [key, cell] of Object.entries(cells)) {
        const text = String(island[key]);
        if (cell.textContent !== text) cell.textContent = text;
      }
    }
  }
}
