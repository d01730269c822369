// The projector (Beamer): read-only, joined by its secret token (the event's, or one
// island's own). Follows phase, timer and the view the facilitator pinned, live, and
// rebuilds itself from a snapshot on every (re)connect. Cards that do not fit are paged,
// never hidden: the pages turn by themselves so every card is on screen within two minutes.
import { $, el, strings } from './lib/dom.js';
import { connect } from './lib/connection.js';
import { request } from './lib/request.js';
import { ProjectorStore } from './projector/store.js';
import { Countdown } from './projector/timer.js';
import { fit } from './projector/fit.js';
import { Pager, pageSeconds, slotNode } from './projector/pager.js';
import { wallSections } from './projector/wall.js';
import { renderRoom } from './projector/room.js';
import { rankingSections } from './projector/ranking.js';
import { agreementSections, renderSummary } from './projector/agreements.js';
import { directorySections } from './projector/directory.js';
import { OverviewView } from './projector/overview.js';

const t = strings();
const params = new URLSearchParams(location.search);
const forcedView = params.get('view');
// Tests turn pages faster; the real pace is pageSeconds() (see data-cycle-seconds).
const forcedPageSeconds = Number(params.get('page_seconds')) || null;
const PAGED = { wall: wallSections, island: wallSections, ranking: rankingSections,
  agreements: agreementSections, directory: directorySections };
const FITTED = { room: renderRoom, summary: renderSummary };
const VIEWS = new Set([...Object.keys(PAGED), ...Object.keys(FITTED), 'overview']);
const ISLAND_VIEWS = new Set(['wall', 'room', 'ranking', 'agreements', 'summary']);
const BY_PHASE = {
  arrival: 'room', collect: 'wall', organise: 'wall', vote: 'ranking',
  next_steps: 'agreements', closing: 'summary',
};
const GROUP_PHASES = new Set(['organise', 'vote', 'next_steps', 'closing']);
const ROOM_REFRESH_MS = 15000;
const OVERVIEW_REFRESH_MS = 2000; // asked again at most this often while cards arrive
const HIGHLIGHT_MS = 8000;
const LAYOUT_KEEP_MS = 20000;

const store = new ProjectorStore();
const countdown = new Countdown({ box: $('timer'), digits: $('timer-digits'), note: $('timer-note'), t });
const pager = new Pager($('stage'));

const paging = { view: null, layout: null, page: 0, timer: null };
const fresh = new Map(); // card id -> null (arrived live, not yet seen) or when first shown
let onlyIsland = null; // set on an island's own projector link
let overviewView = null;
let loading = null; // live items that arrive while a snapshot is on its way
let frame = 0;

function currentView() {
  const chosen = store.state?.projector_view;
  let view = VIEWS.has(forcedView) ? forcedView
    : (chosen && chosen !== 'auto' && VIEWS.has(chosen) ? chosen : BY_PHASE[store.state?.phase] || 'wall');
  if (view === 'island' && !store.event.islands.some((i) => i.id === store.state.projector_island_id)) view = 'wall';
  if (onlyIsland && !ISLAND_VIEWS.has(view)) view = 'wall';
  return view;
}

function shownIslands(view) {
  if (onlyIsland) return store.event.islands.filter((i) => i.id === onlyIsland);
  if (view === 'island') return store.event.islands.filter((i) => i.id === store.state.projector_island_id);
  return store.event.islands;
}

// Writing a value a node already has still makes the browser restyle what depends on it:
// the render runs for every card, so it only writes what changed.
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function setData(node, key, value) {
  if (node.dataset[key] !== String(value)) node.dataset[key] = value;
}

// Each render and page turn is a User Timing measure (benchmarks/projector.py reads them),
// ended after the layout of the new content so the number is what the screen costs.
function timed(name, work) {
  const start = performance.now();
  work();
  void $('stage').offsetHeight;
  performance.measure(name, { start });
  const entries = performance.getEntriesByName(name);
  if (entries.length > 200) performance.clearMeasures(name); // a day of cards keeps no list
}

function render() {
  frame = 0;
  if (!store.event) return;
  timed('projector-render', draw);
}

function draw() {
  const { phase } = store.state;
  const view = currentView();
  const islands = shownIslands(view);
  const ids = new Set(islands.map((i) => i.id));
  setData(document.body, 'view', view);
  setText($('phase'), t[`phase_${phase}`] || '');
  setText($('view-title'), t[`view_${view}`] || '');
  const totals = { resource: 0, barrier: 0 };
  for (const card of store.cards.items.values()) if (ids.has(card.island_id)) totals[card.kind] += 1;
  for (const kind of ['resource', 'barrier']) setText($(`total-${kind}`), String(totals[kind]));
  const cards = totals.resource + totals.barrier;
  const hideTotals = !['wall', 'island'].includes(view);
  if ($('totals').hidden !== hideTotals) $('totals').hidden = hideTotals;
  // The code is what people need while they arrive and while nothing is on the wall yet.
  const idle = phase === 'arrival' || (cards === 0 && ['wall', 'island', 'overview'].includes(view));
  setData($('projector'), 'qr', idle ? 'large' : 'small');
  if (view !== paging.view) leaveView();
  if (PAGED[view]) renderPaged(view, islands, phase);
  else if (view === 'overview') renderOverview();
  else renderFitted(view, islands, phase);
}

function leaveView() {
  clearTimeout(paging.timer);
  Object.assign(paging, { view: null, layout: null, page: 0, timer: null, signature: null });
  overviewView = null;
  $('page').classList.add('page-single');
  delete document.body.dataset.pages;
}

function renderFitted(view, islands, phase) {
  paging.view = view;
  const node = FITTED[view]({ store, islands, room: store.room, t, showGroups: GROUP_PHASES.has(phase) });
  $('stage').replaceChildren(node);
  // Few items: use the room the screen has; many: shrink a little, then say how many more.
  const count = view === 'room' ? 2 : islands.length;
  const start = count === 1 ? 1.6 : count === 2 ? 1.35 : count === 3 ? 1.2 : 1;
  fit(node, { start, min: 0.8, more: (n) => `+${n} ${t.more}` });
}

function renderPaged(view, islands, phase) {
  const sections = PAGED[view]({ store, islands, t, showGroups: GROUP_PHASES.has(phase) });
  if (!sections.length) {
    leaveView();
    paging.view = view;
    $('stage').replaceChildren(el('p', { id: view, class: 'p-empty p-nothing', text: t.no_islands }));
    return;
  }
  const kind = view === 'island' ? 'wall' : view;
  // Which grid is best is asked again on a page turn, not for every card that arrives.
  const kept = paging.layout && paging.kind === kind && paging.sections === sections.length
    && performance.now() - paging.chosenAt < LAYOUT_KEEP_MS;
  const layout = pager.layout(kind, sections, kept ? paging.layout : null);
  if (!kept) { paging.chosenAt = performance.now(); paging.sections = sections.length; }
  const pages = Math.ceil(layout.chunks.length / (layout.c * layout.r));
  paging.view = view;
  paging.kind = kind;
  paging.layout = layout;
  paging.page = Math.min(paging.page, pages - 1);
  const seconds = pageSeconds(pages);
  for (const [key, value] of Object.entries({ pages, cycleSeconds: pages * seconds, pageSeconds: seconds })) {
    setData(document.body, key, value);
  }
  showPage();
  if (pages > 1 && !paging.timer) paging.timer = setTimeout(turnPage, 1000 * (forcedPageSeconds || seconds));
  if (pages <= 1) { clearTimeout(paging.timer); paging.timer = null; }
}

function turnPage() {
  paging.timer = null;
  const { layout } = paging;
  if (!layout) return;
  const pages = Math.ceil(layout.chunks.length / (layout.c * layout.r));
  paging.page = (paging.page + 1) % pages;
  timed('projector-page', showPage);
  if (pages > 1) paging.timer = setTimeout(turnPage, 1000 * (forcedPageSeconds || pageSeconds(pages)));
}

function showPage() {
  const { layout, page, view, kind } = paging;
  const perPage = layout.c * layout.r;
  const pages = Math.ceil(layout.chunks.length / perPage);
  const now = performance.now();
  const shown = layout.chunks.slice(page * perPage, (page + 1) * perPage);
  // A card arriving on another page changes nothing here but the page count.
  const signature = [view, layout.c, layout.r, pages, page, ...shown.map((chunk) => [chunk.section.key, chunk.part, chunk.parts,
    ...chunk.columns.map((column) => column.map((item) => item.key).join())].join('|'))].join('\n');
  const highlighted = shown.some((chunk) => chunk.columns.some((column) => column.some((item) => fresh.has(item.cardId))));
  if (signature === paging.signature && !highlighted && $('stage').firstElementChild?.id === view) return;
  paging.signature = signature;
  const build = (item) => {
    const node = item.build();
    if (item.cardId != null && fresh.has(item.cardId)) {
      if (fresh.get(item.cardId) === null) fresh.set(item.cardId, now);
      if (now - fresh.get(item.cardId) < HIGHLIGHT_MS) node.classList.add('card-new');
      else fresh.delete(item.cardId);
    }
    return node;
  };
  const grid = el('div', { id: view, class: `p-pages p-${kind}`, 'data-cols': layout.c, 'data-rows': layout.r, 'data-page': page + 1 },
    ...shown.map((chunk) => slotNode(chunk.section, chunk.columns, chunk, layout.geometry.columns, build)));
  grid.style.gridTemplateColumns = `repeat(${layout.c}, minmax(0, 1fr))`;
  grid.style.gridTemplateRows = `repeat(${layout.r}, minmax(0, 1fr))`;
  $('stage').replaceChildren(grid);
  // Never leave a card cut off: where a slot has less room than measured, lay out again.
  if (pager.correct(layout.geometry, grid)) { paging.signature = null; schedule(); }
  // The highlight ends by itself, also on a screen whose page does not turn.
  if (highlighted) setTimeout(schedule, HIGHLIGHT_MS + 100);
  // Hidden by visibility, not display: the head keeps its height, the measured slots stay right.
  if ($('page').classList.contains('page-single') !== pages <= 1) $('page').classList.toggle('page-single', pages <= 1);
  setText($('page-number'), String(page + 1));
  setText($('page-count'), String(pages));
  setData(document.body, 'page', page + 1);
}

let overviewAsked = 0;
let overviewDue = null;
function renderOverview() {
  if (!overviewView) {
    paging.view = 'overview';
    overviewView = new OverviewView(t);
    $('stage').replaceChildren(overviewView.node);
    if (store.overview) applyOverview(store.overview);
    refreshOverview();
  }
}

function applyOverview(data) {
  store.overview = data;
  if (!overviewView) return;
  overviewView.update(data);
  fit(overviewView.node, { start: 1, min: 0.8, more: (n) => `+${n} ${t.more}` });
}

// Asked for, not pushed per card: at most one request every two seconds while cards arrive.
function refreshOverview() {
  if (onlyIsland || overviewDue) return;
  const wait = overviewAsked ? Math.max(0, overviewAsked + OVERVIEW_REFRESH_MS - performance.now()) : 0;
  overviewDue = setTimeout(async () => {
    overviewDue = null;
    overviewAsked = performance.now();
    if (!socket.connected) return;
    const answer = await request(socket, 'overview', {});
    if (answer.ok) applyOverview(answer.overview);
  }, wait);
}

// Many items can arrive at once (a merge, a burst of votes): draw once per frame.
function schedule() {
  if (paging.view === 'overview' && currentView() === 'overview') { refreshOverview(); return; }
  if (!frame) frame = requestAnimationFrame(render);
}

function live(apply) {
  return (item) => {
    if (loading) { loading.push(() => apply(item)); return; }
    if (apply(item)) schedule();
  };
}

let loads = 0;
async function load(socket) {
  const mine = ++loads; // only the newest request may rebuild the screen
  const queue = [];
  loading = queue;
  const answer = await request(socket, 'watch', { projector_token: document.body.dataset.projectorToken });
  const receivedAt = performance.now();
  if (mine !== loads) return;
  loading = null;
  if (!answer.ok) {
    $('status').textContent = answer.message || t.offline;
    if (answer.error === 'timeout' && socket.connected) setTimeout(() => load(socket), 2000);
    return;
  }
  onlyIsland = answer.island_id || null;
  store.reset(answer.snapshot);
  countdown.set(store.state.timer, receivedAt);
  for (const apply of queue) apply();
  leaveView();
  render();
}

async function refreshRoom(socket) {
  if (!socket.connected || !store.event) return;
  const answer = await request(socket, 'room_stats', {});
  if (answer.ok) { store.room = answer.room; if (currentView() === 'room') schedule(); }
}

const socket = connect({ onConnect: load, statusNode: $('status'), t });
socket.on('card', live((card) => {
  if (!card.deleted && !store.cards.get(card.id)) fresh.set(card.id, null);
  return store.cards.apply(card);
}));
socket.on('group', live((group) => store.groups.apply(group)));
socket.on('agreement', live((agreement) => store.agreements.apply(agreement)));
socket.on('room', live((room) => { store.room = room; return currentView() === 'room'; }));
socket.on('state', (state) => {
  const receivedAt = performance.now(); // the countdown starts when the state arrived
  live(() => {
    if (!store.applyState(state)) return false;
    countdown.set(state.timer, receivedAt);
    return true;
  })(state);
});
socket.on('event_changed', () => load(socket));
setInterval(() => refreshRoom(socket), ROOM_REFRESH_MS);
window.addEventListener('resize', () => { pager.forget(); leaveView(); schedule(); });
