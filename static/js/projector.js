// The projector (Beamer): read-only, joined by its secret token. Follows phase, timer and
// chosen view live, and rebuilds itself from a snapshot on every (re)connect.
import { $, show, strings } from './lib/dom.js';
import { connect, request } from './lib/connection.js';
import { ProjectorStore } from './projector/store.js';
import { Countdown } from './projector/timer.js';
import { fit } from './projector/fit.js';
import { renderWall } from './projector/wall.js';
import { renderRoom } from './projector/room.js';
import { renderRanking } from './projector/ranking.js';
import { renderAgreements, renderSummary } from './projector/agreements.js';

const t = strings();
const params = new URLSearchParams(location.search);
const only = Number(params.get('island')) || null;
const forcedView = params.get('view');
const VIEWS = {
  wall: renderWall, room: renderRoom, ranking: renderRanking,
  agreements: renderAgreements, summary: renderSummary,
};
const BY_PHASE = {
  arrival: 'room', collect: 'wall', organise: 'wall', vote: 'ranking',
  next_steps: 'agreements', closing: 'summary',
};
const GROUP_PHASES = new Set(['organise', 'vote', 'next_steps', 'closing']);
const ROOM_REFRESH_MS = 15000;

const store = new ProjectorStore();
const countdown = new Countdown({ box: $('timer'), digits: $('timer-digits'), note: $('timer-note'), t });
let loading = null; // live items that arrive while a snapshot is on its way
let frame = 0;

function currentView() {
  if (VIEWS[forcedView]) return forcedView;
  const chosen = store.state?.projector_view;
  if (chosen && chosen !== 'auto' && VIEWS[chosen]) return chosen;
  return BY_PHASE[store.state?.phase] || 'wall';
}

function render() {
  frame = 0;
  if (!store.event) return;
  const { phase } = store.state;
  const view = currentView();
  const islands = store.event.islands.filter((i) => !only || i.id === only);
  document.body.dataset.view = view;
  $('phase').textContent = t[`phase_${phase}`] || '';
  $('view-title').textContent = t[`view_${view}`] || '';
  for (const kind of ['resource', 'barrier']) {
    $(`total-${kind}`).textContent = String(
      store.cards.list((c) => c.kind === kind && islands.some((i) => i.id === c.island_id)).length);
  }
  show($('totals'), view === 'wall');
  const node = VIEWS[view]({ store, islands, room: store.room, t, showGroups: GROUP_PHASES.has(phase) });
  const stage = $('stage');
  stage.replaceChildren(node);
  // Few items: use the room the screen has; many: shrink a little, then show the newest.
  const count = view === 'room' ? 2 : islands.length;
  const start = count === 1 ? 1.6 : count === 2 ? 1.35 : count === 3 ? 1.2 : 1;
  fit(node, { start, min: 0.8, more: (n) => `+${n} ${t.more}` });
}

// Many items can arrive at once (a merge, a burst of votes): draw once per frame.
function schedule() {
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
  store.reset(answer.snapshot);
  countdown.set(store.state.timer, receivedAt);
  for (const apply of queue) apply();
  render();
}

async function refreshRoom(socket) {
  if (!socket.connected || !store.event) return;
  const answer = await request(socket, 'room_stats', {});
  if (answer.ok) { store.room = answer.room; if (currentView() === 'room') schedule(); }
}

const socket = connect({ onConnect: load, statusNode: $('status'), t });
socket.on('card', live((card) => store.cards.apply(card)));
socket.on('group', live((group) => store.groups.apply(group)));
socket.on('agreement', live((agreement) => store.agreements.apply(agreement)));
socket.on('room', live((room) => { store.room = room; return true; }));
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
window.addEventListener('resize', schedule);
