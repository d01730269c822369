// Pages instead of hiding: a view is a list of sections (an island, a category), each with
// lanes (resources | barriers, or one list) of items. The pager measures every item once
// (cached by its key and the column width), picks the slot grid that needs the fewest pages,
// cuts each section into chunks that fit one slot, and shows the chunks page by page.
// Nothing is left out: a card that does not fit now is on a later page.
import { el } from '../lib/dom.js';

export const CYCLE_S = 120; // every card on screen within two minutes
export const PAGE_MIN_S = 6; // a calm pace: time to read a page from the back of the hall
export const PAGE_MAX_S = 15;
const SLOT_MIN_EM = { 1: 16, 2: 30 }; // by lanes per slot: narrower slots cut words
const SLOT_MIN_HEIGHT_EM = 12;
const LANE_COLUMN_EM = 14; // a lane splits into columns where a slot is this wide per column

// A section: {key, title, className, lanes: [{key, head(count), className, items: [{key, build()}]}]}
export class Pager {
  constructor(stage) {
    this.stage = stage;
    this.heights = new Map(); // `${item key}|${width}` -> px
    this.geometry = new Map(); // layout key -> slot geometry
    this.measureRoot = null;
  }

  // Drop what depends on the screen size (after a resize or a scale change).
  forget() {
    this.heights.clear();
    this.geometry.clear();
  }

  root() {
    if (!this.measureRoot || !this.measureRoot.isConnected) {
      this.measureRoot = el('div', { class: 'p-measure', 'aria-hidden': 'true' });
      this.stage.append(this.measureRoot);
    }
    return this.measureRoot;
  }

  // Slot geometry of a c×r grid, read from the CSS of an empty slot (padding, heads, gaps).
  slotGeometry(view, c, r, lanes, sample) {
    const key = `${view}|${c}|${r}|${lanes}|${this.stage.clientWidth}|${this.stage.clientHeight}`;
    if (this.geometry.has(key)) return this.geometry.get(key);
    const root = this.root();
    const grid = el('div', { class: `p-pages p-${view}`, 'data-cols': c, 'data-rows': r });
    grid.style.width = `${this.stage.clientWidth}px`;
    grid.style.height = `${this.stage.clientHeight}px`;
    grid.style.gridTemplateColumns = `repeat(${c}, minmax(0, 1fr))`;
    grid.style.gridTemplateRows = `repeat(${r}, minmax(0, 1fr))`;
    const slot = slotNode(sample, sample.lanes.map(() => []), { part: 1, parts: 2 }, 1);
    grid.append(slot);
    root.replaceChildren(grid);
    const bodies = [...slot.querySelectorAll('.lane-body')];
    const fontSize = parseFloat(getComputedStyle(slot).fontSize);
    const laneWidth = bodies[0].clientWidth;
    const perLane = Math.max(1, Math.floor(laneWidth / (LANE_COLUMN_EM * fontSize)));
    const gap = parseFloat(getComputedStyle(bodies[0]).columnGap) || 0;
    const geometry = {
      width: Math.floor((laneWidth - (perLane - 1) * gap) / perLane) - 1,
      height: Math.min(...bodies.map((b) => b.clientHeight)),
      columns: perLane,
      rowGap: parseFloat(getComputedStyle(bodies[0]).rowGap) || 0,
      fontSize,
    };
    root.replaceChildren();
    this.geometry.set(key, geometry);
    return geometry;
  }

  // Heights of every item at these widths, measured in one layout pass for all that are new.
  measure(items, widths) {
    const root = this.root();
    const pending = [];
    for (const width of widths) {
      const column = el('ul', { class: 'lane-column p-measure-column' });
      column.style.width = `${width}px`;
      for (const item of items) {
        if (this.heights.has(`${item.key}|${width}`)) continue;
        const node = item.build();
        column.append(node);
        pending.push([`${item.key}|${width}`, node]);
      }
      if (column.children.length) root.append(column);
    }
    for (const [key, node] of pending) this.heights.set(key, node.getBoundingClientRect().height);
    root.replaceChildren();
  }

  // Cut a lane's items into columns of at most `height` px.
  columns(items, geometry) {
    const pieces = [[]];
    let used = 0;
    for (const item of items) {
      const h = this.heights.get(`${item.key}|${geometry.width}`) || 0;
      const need = (pieces.at(-1).length ? geometry.rowGap : 0) + h;
      if (pieces.at(-1).length && used + need > geometry.height) {
        pieces.push([]);
        used = 0;
      }
      used += pieces.at(-1).length ? geometry.rowGap + h : h;
      pieces.at(-1).push(item);
    }
    return pieces;
  }

  // Chunks of every section: each fits one slot, its lanes side by side.
  chunks(sections, geometry) {
    const all = [];
    for (const section of sections) {
      const lanes = section.lanes.map((lane) => this.columns(lane.items, geometry));
      const parts = Math.max(1, ...lanes.map((cols) => Math.ceil(cols.length / geometry.columns)));
      for (let part = 0; part < parts; part += 1) {
        all.push({
          section, part: part + 1, parts,
          lanes: lanes.map((cols) => cols.slice(part * geometry.columns, (part + 1) * geometry.columns)
            .filter((col) => col.length)),
        });
      }
    }
    return all;
  }

  // The grid with the fewest pages that still shows several sections at once where it can.
  layout(view, sections) {
    const lanes = sections[0]?.lanes.length || 1;
    const W = this.stage.clientWidth;
    const H = this.stage.clientHeight;
    const em = parseFloat(getComputedStyle(this.stage).fontSize) || 16;
    const maxC = Math.max(1, Math.floor(W / (SLOT_MIN_EM[lanes] * em)));
    const maxR = Math.max(1, Math.floor(H / (SLOT_MIN_HEIGHT_EM * em)));
    const n = Math.max(1, sections.length);
    const candidates = [];
    for (let c = 1; c <= Math.min(maxC, n); c += 1) {
      for (let r = 1; r <= Math.min(maxR, Math.ceil(n / c)); r += 1) {
        candidates.push({ c, r, geometry: this.slotGeometry(view, c, r, lanes, sections[0]) });
      }
    }
    const widths = [...new Set(candidates.map((x) => x.geometry.width))];
    this.measure(sections.flatMap((s) => s.lanes.flatMap((lane) => lane.items)), widths);
    for (const candidate of candidates) {
      candidate.chunks = this.chunks(sections, candidate.geometry);
      candidate.pages = Math.ceil(candidate.chunks.length / (candidate.c * candidate.r));
    }
    // Prefer seeing up to four sections together; give that up only to keep the cycle short.
    const wanted = Math.min(n, 4);
    const together = candidates.filter((x) => x.c * x.r >= wanted || x.c * x.r === maxC * maxR);
    const fewest = (list) => list.reduce((a, b) => (b.pages < a.pages
      || (b.pages === a.pages && b.c * b.r < a.c * a.r) ? b : a));
    let best = together.length ? fewest(together) : fewest(candidates);
    if (best.pages * PAGE_MIN_S > CYCLE_S) best = fewest(candidates);
    return best;
  }
}

// The seconds one page stays: the whole cycle within two minutes, never hectic, never slow.
export function pageSeconds(pages) {
  return Math.min(PAGE_MAX_S, Math.max(PAGE_MIN_S, Math.floor(CYCLE_S / Math.max(1, pages))));
}

// One slot: the section's title (with "2/3" when it has several chunks) and its lanes.
export function slotNode(section, laneColumns, { part, parts }, perLane, build = (item) => item.build()) {
  return el('section', { class: `p-slot ${section.className || ''}`, 'data-section': section.key, ...section.attrs },
    el('h2', { class: 'p-slot-title' },
      el('span', { class: 'p-island-name', text: section.title }),
      parts > 1 ? el('span', { class: 'p-part', text: `${part}/${parts}` }) : null),
    el('div', { class: 'p-lanes', 'data-lanes': section.lanes.length },
      ...section.lanes.map((lane, i) => el('div', { class: `p-lane ${lane.className || ''}` },
        lane.head ? lane.head() : null,
        laneBody(lane, laneColumns[i] || [], perLane, build)))));
}

function laneBody(lane, columns, perLane, build) {
  const body = el('div', { class: 'lane-body', 'data-columns': perLane });
  body.style.gridTemplateColumns = `repeat(${perLane}, minmax(0, 1fr))`;
  if (!columns.length && lane.empty) body.append(lane.empty());
  for (const items of columns) {
    body.append(el('ul', { class: 'lane-column' }, ...items.map(build)));
  }
  return body;
}
