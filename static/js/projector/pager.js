// Pages instead of hiding: a view is a list of sections (an island, a category), each a
// sequence of groups (resources, then barriers; or one list) of items. The pager measures
// every item once (cached by its key and the column width), flows each section into columns,
// picks the slot grid that needs the fewest pages, and shows the slots page by page.
// Nothing is left out: a card that does not fit now is on a later page.
import { el } from '../lib/dom.js';

export const CYCLE_S = 120; // every card on screen within two minutes
export const PAGE_MIN_S = 6; // a calm pace: time to read a page from the back of the hall
export const PAGE_MAX_S = 15;
const SLOT_MIN_EM = 16; // narrower slots cut words
const SLOT_MIN_HEIGHT_EM = 12;
const COLUMN_EM = 14; // a slot splits into columns where it is this wide per column
const EXACT_ITEMS = 200; // up to this many items every grid is measured at its own width

// A section: {key, title, className, attrs, groups: [{key, head(), items: [{key, build()}], empty()}]}
export class Pager {
  constructor(stage) {
    this.stage = stage;
    this.caches = new Map(); // view -> width -> item key -> px: switching views is cheap
    this.heights = new Map(); // the current view's: width -> item key -> px
    this.geometry = new Map(); // layout key -> slot geometry
    this.measureRoot = null;
  }

  // Drop what depends on the screen size (after a resize).
  forget() {
    this.caches.clear();
    this.heights = new Map();
    this.geometry.clear();
  }

  root() {
    if (!this.measureRoot || !this.measureRoot.isConnected) {
      this.measureRoot = el('div', { class: 'p-measure', 'aria-hidden': 'true' });
      this.stage.append(this.measureRoot);
    }
    return this.measureRoot;
  }

  // Slot geometry of every c×r grid, read in one layout pass from the CSS of empty slots:
  // the column width, the room under a one-line title, and each section's own title height
  // at that width (a long island name may take two lines).
  geometries(view, dims, sections) {
    const W = this.stage.clientWidth;
    const H = this.stage.clientHeight;
    const titles = sections.map((section) => `${section.key}:${section.title}`).join('|');
    const keyOf = ([c, r]) => `${view}|${c}|${r}|${W}|${H}|${titles}`;
    const missing = dims.filter((dim) => !this.geometry.has(keyOf(dim)));
    if (missing.length) {
      if (this.geometry.size > 100) this.geometry.clear(); // renamed islands, resized windows
      const root = this.root();
      const grid = el('div', { class: `p-pages p-${view} p-measure-grid` });
      root.replaceChildren(grid);
      const gap = parseFloat(getComputedStyle(grid).columnGap) || 0;
      const className = sections[0]?.className;
      const built = missing.map(([c, r]) => {
        const width = `${(W - (c - 1) * gap) / c}px`;
        const slot = slotNode({ key: 'measure', title: 'M', className, groups: [] }, [], { part: 1, parts: 2 }, 1);
        slot.style.width = width;
        slot.style.height = `${(H - (r - 1) * gap) / r}px`;
        const named = el('section', { class: `p-slot ${className || ''}` },
          ...sections.map((section) => slotTitle(section, 1, 2)));
        named.style.width = width;
        grid.append(slot, named);
        return { slot, named };
      });
      missing.forEach((dim, i) => {
        const { slot, named } = built[i];
        const body = slot.querySelector('.slot-columns');
        const style = getComputedStyle(body);
        const fontSize = parseFloat(getComputedStyle(slot).fontSize);
        const colGap = parseFloat(style.columnGap) || 0;
        // clientWidth rounds (up, too): measuring a little narrower than the real column is safe.
        const inner = body.getBoundingClientRect().width;
        const columns = Math.max(1, Math.floor((inner + colGap) / (COLUMN_EM * fontSize + colGap)));
        const oneLine = slot.querySelector('.p-slot-title').getBoundingClientRect().height;
        const room = body.clientHeight - 1; // measured heights are fractional, the box is not
        const heights = new Map([...named.children].map((title, j) => [sections[j].key,
          Math.floor(room - (title.getBoundingClientRect().height - oneLine))]));
        this.geometry.set(keyOf(dim), {
          width: Math.floor((inner - (columns - 1) * colGap) / columns) - 1,
          heights, columns, rowGap: parseFloat(style.rowGap) || 0,
        });
      });
      root.replaceChildren();
    }
    return dims.map((dim) => this.geometry.get(keyOf(dim)));
  }

  // The room a shown slot really has, where it is less than measured (a title that wraps
  // once more on the screen than in the measuring slot): the next layout uses it.
  correct(geometry, grid) {
    let changed = false;
    for (const slot of grid.children) {
      const real = slot.querySelector('.slot-columns').clientHeight - 1;
      if (real < geometry.heights.get(slot.dataset.section)) {
        geometry.heights.set(slot.dataset.section, real);
        changed = true;
      }
    }
    return changed;
  }

  // Heights of every item at these widths, measured in one layout pass for all that are new.
  measure(items, widths) {
    const root = this.root();
    const pending = [];
    for (const width of widths) {
      if (!this.heights.has(width)) this.heights.set(width, new Map());
      const known = this.heights.get(width);
      const column = el('ul', { class: 'lane-column p-measure-column' });
      column.style.width = `${width}px`;
      for (const item of items) {
        if (known.has(item.key)) continue;
        const node = item.build();
        column.append(node);
        pending.push([known, item.key, node]);
      }
      if (column.children.length) root.append(column);
    }
    for (const [known, key, node] of pending) known.set(key, node.getBoundingClientRect().height);
    root.replaceChildren();
  }

  // Edited cards and old widths leave heights behind: keep the cache to what is shown now.
  prune(items, widths) {
    // The other grids' widths stay (a kept grid looks at its own only); a resize forgets all.
    if (this.heights.size > 12) {
      for (const width of this.heights.keys()) if (!widths.includes(width)) this.heights.delete(width);
    }
    const keys = new Set(items.map((item) => item.key));
    for (const known of this.heights.values()) {
      if (known.size <= 2 * keys.size) continue;
      for (const key of known.keys()) if (!keys.has(key)) known.delete(key);
    }
  }

  // Flow a section's groups into columns of at most `height` px; a column that starts in
  // the middle of a group repeats the group's head.
  columns(section, geometry, at) {
    const known = this.heights.get(at);
    const height = (item) => known.get(item.key) || 0;
    const room = geometry.heights.get(section.key);
    const columns = [[]];
    let used = 0;
    const put = (item) => {
      used += (columns.at(-1).length ? geometry.rowGap : 0) + height(item);
      columns.at(-1).push(item);
    };
    for (const group of section.groups) {
      const head = group.headItem;
      if (head) {
        // A head never ends a column: it goes where its first item fits.
        const first = group.items[0];
        const need = geometry.rowGap + height(head) + (first ? geometry.rowGap + height(first) : 0);
        if (columns.at(-1).length && used + need > room) { columns.push([]); used = 0; }
        put(head);
      }
      for (const item of group.items) {
        const need = (columns.at(-1).length ? geometry.rowGap : 0) + height(item);
        if (columns.at(-1).length && used + need > room) {
          columns.push([]);
          used = 0;
          if (head) put(head);
        }
        put(item);
      }
    }
    return columns.filter((column) => column.length);
  }

  // Slots of every section: each fits one slot, `geometry.columns` columns side by side.
  chunks(sections, geometry, at) {
    const all = [];
    for (const section of sections) {
      const columns = this.columns(section, geometry, at);
      const parts = Math.max(1, Math.ceil(columns.length / geometry.columns));
      for (let part = 0; part < parts; part += 1) {
        all.push({ section, part: part + 1, parts,
          columns: columns.slice(part * geometry.columns, (part + 1) * geometry.columns) });
      }
    }
    return all;
  }

  // The grid with the fewest pages that still shows several sections at once where it can.
  layout(view, sections, prefer = null) {
    if (!this.caches.has(view)) this.caches.set(view, new Map());
    this.heights = this.caches.get(view);
    for (const section of sections) {
      for (const group of section.groups) {
        group.headItem = group.head ? { key: `${section.key}|${group.key}|head`, build: group.head } : null;
        if (!group.items.length && group.empty) {
          group.items = [{ key: `${section.key}|${group.key}|empty`, build: () => el('li', { class: 'lane-empty' }, group.empty()) }];
        }
      }
    }
    const W = this.stage.clientWidth;
    const H = this.stage.clientHeight;
    const em = parseFloat(getComputedStyle(this.stage).fontSize) || 16;
    const maxC = Math.max(1, Math.floor(W / (SLOT_MIN_EM * em)));
    const maxR = Math.max(1, Math.floor(H / (SLOT_MIN_HEIGHT_EM * em)));
    const n = Math.max(1, sections.length);
    const dims = [];
    for (let c = 1; c <= Math.min(maxC, n); c += 1) {
      for (let r = 1; r <= Math.min(maxR, Math.ceil(n / c)); r += 1) dims.push([c, r]);
    }
    // A grid chosen a moment ago is kept while the cards arrive (see Pager.layout's caller).
    const kept = prefer && dims.find(([c, r]) => c === prefer.c && r === prefer.r);
    const geometries = this.geometries(view, kept ? [kept] : dims, sections);
    const candidates = (kept ? [kept] : dims).map(([c, r], i) => ({ c, r, geometry: geometries[i] }));
    // Every grid is judged by the heights at its own column width; with very many cards by
    // the heights at the narrowest column (an upper bound, measured once), and only the
    // chosen grid is then cut with the heights at its own width.
    const items = sections.flatMap((s) => s.groups.flatMap((g) => (g.headItem ? [g.headItem, ...g.items] : g.items)));
    const exact = items.length <= EXACT_ITEMS;
    const widths = [...new Set(candidates.map((x) => x.geometry.width))];
    const narrowest = Math.min(...widths);
    this.measure(items, exact ? widths : [narrowest]);
    for (const candidate of candidates) {
      candidate.chunks = this.chunks(sections, candidate.geometry, exact ? candidate.geometry.width : narrowest);
      candidate.pages = Math.ceil(candidate.chunks.length / (candidate.c * candidate.r));
    }
    // Prefer seeing up to four sections together; give that up only to keep the cycle short.
    const wanted = Math.min(n, 4, maxC * maxR);
    const together = candidates.filter((x) => x.c * x.r >= wanted);
    const fewest = (list) => list.reduce((a, b) => (b.pages < a.pages
      || (b.pages === a.pages && b.c * b.r < a.c * a.r) ? b : a));
    let best = together.length ? fewest(together) : fewest(candidates);
    if (best.pages * PAGE_MIN_S > CYCLE_S) best = fewest(candidates);
    const { width } = best.geometry;
    if (width !== narrowest) {
      this.measure(items, [width]);
      best.chunks = this.chunks(sections, best.geometry, width);
      best.pages = Math.ceil(best.chunks.length / (best.c * best.r));
    }
    this.prune(items, exact ? widths : [narrowest, width]);
    return best;
  }
}

// The seconds one page stays: the whole cycle within two minutes, never hectic, never slow.
export function pageSeconds(pages) {
  return Math.min(PAGE_MAX_S, Math.max(PAGE_MIN_S, Math.floor(CYCLE_S / Math.max(1, pages))));
}

// One slot: the section's title (with "2/3" when it has several parts) and its columns.
function slotTitle(section, part, parts) {
  return el('h2', { class: 'p-slot-title' },
    el('span', { class: 'p-island-name', text: section.title }),
    parts > 1 ? el('span', { class: 'p-part', text: `${part}/${parts}` }) : null);
}

export function slotNode(section, columns, { part, parts }, perSlot, build = (item) => item.build()) {
  const body = el('div', { class: 'slot-columns', 'data-columns': perSlot },
    ...columns.map((items) => el('ul', { class: 'lane-column' }, ...items.map(build))));
  body.style.gridTemplateColumns = `repeat(${perSlot}, minmax(0, 1fr))`;
  return el('section', { class: `p-slot ${section.className || ''}`, 'data-section': section.key, ...section.attrs },
    slotTitle(section, part, parts), body);
}
