// The participant's phone: join, choose an island, follow the phases of the session.
// Each phase has its own small module under phone/; this file wires them to the socket.
import { $, el, show, strings } from './lib/dom.js';
import { request } from './lib/request.js';
import { CardStore, RevStore } from './lib/cards.js';
import { Outbox } from './lib/outbox.js';
import { PhaseClock } from './phone/clock.js';
import { setupCollect } from './phone/collect.js';
import { setupBoard } from './phone/board.js';
import { renderAgreements } from './phone/agreements.js';
import { setupProfile } from './phone/profile.js';
import { setupHttpCards } from './phone/http_cards.js';
import { canInflate, snapshotOf } from './lib/snapshot.js';
import { setupForget } from './phone/forget.js';
import { joinedNow, refusedForNow, retryLater } from './phone/join_retry.js';
import { renderKeepingFocus } from './phone/focus.js';

const t = strings();
const code = document.body.dataset.code;
const tokenKey = `workshop:token:${code}`;
const islandKey = `workshop:island:${code}`;
// The island in the address (a table's QR code) counts once; afterwards the server knows.
let addressIsland = Number(document.body.dataset.island) || null;

const announcing = [];
const app = {
  t,
  socket: null,
  cards: new CardStore(),
  groups: new RevStore('groups'),
  agreements: new RevStore('agreements'),
  outbox: new Outbox(`workshop:outbox:${code}`),
  state: {
    event: null, settings: null, islandId: null, caseId: null, editing: null, joined: false,
    myVotes: {}, profile: null, profileOpen: false, shownPhase: null, choosing: false,
    focusNext: null, confirming: null,
  },
  request: (event, data) => request(app.socket, event, data),
  message(text) {
    $('message').textContent = text || '';
    show($('message'), Boolean(text));
  },
  // The screen's one status region: one sentence per action, never the ticking time.
  // Emptied first and filled after a pause, so the same sentence twice is said twice;
  // sentences arriving within that pause are said together.
  announce(text) {
    const region = $('announce');
    if (!announcing.length) region.textContent = '';
    announcing.push(text);
    clearTimeout(announcing.timer);
    announcing.timer = setTimeout(() => {
      region.textContent = announcing.splice(0).join(' ');
    }, 50);
  },
  render,
};
const { state } = app;
const http = setupHttpCards({ code, tokenKey, islandToSeat: () => addressIsland });
app.sendOverHttp = async (item) => {
  const answer = await http.send(item);
  // Seated by this card: a reload before the socket joined still opens this island.
  if (answer.ok) localStorage.setItem(islandKey, answer.card.island_id);
  return answer;
};
const clock = new PhaseClock(t, app.announce);
const collect = setupCollect(app);
const board = setupBoard(app);
const profile = setupProfile(app);
setupForget(app, tokenKey);

const island = () => state.event?.islands.find((i) => i.id === state.islandId) || null;

function notice(text) {
  $('notice-text').textContent = text || '';
  show($('notice'), Boolean(text));
  if (text) app.announce(text);
}

function applyState(settings) {
  if (state.settings && settings.seq < state.settings.seq) return;
  const fieldsChanged = JSON.stringify(settings.fields_of_work) !== JSON.stringify(state.settings?.fields_of_work);
  if (state.settings && settings.phase !== state.settings.phase) app.message('');
  const nowAssigning = settings.assignment === 'auto' && state.settings?.assignment !== 'auto';
  state.settings = settings;
  // Seats are handed out from now on: a phone without one asks for its table.
  if (nowAssigning && state.joined && !state.islandId && app.socket?.connected) {
    join(app.socket, { resync: true });
  }
  clock.apply(settings);
  if (fieldsChanged) profile.fields(settings.fields_of_work);
  render();
}

function applySnapshot(snapshot) {
  const before = state.islandId;
  // No structure in the snapshot: the phone's (from the page or the last one) is current.
  if (snapshot.event) state.event = snapshot.event;
  state.structureVersion = snapshot.structure_version;
  const delta = snapshot.since != null; // the server checked it is of the island the stores hold
  state.islandId = snapshot.island_id;
  localStorage.setItem(islandKey, state.islandId || '');
  state.known = { seq: snapshot.seq, island: snapshot.island_id };
  state.myVotes = snapshot.my_votes || {};
  state.profile = snapshot.profile;
  // The newer state wins: one that arrived live while this snapshot was on its way (or being
  // inflated) is not rolled back by it.
  if (state.settings && snapshot.state.seq < state.settings.seq) snapshot.state = state.settings;
  state.settings = null;
  for (const store of [app.cards, app.groups, app.agreements]) {
    if (delta) store.patch(snapshot); else store.reset(snapshot);
  }
  // Cards confirmed in the snapshot leave the outbox (their ack may have been lost).
  const confirmed = new Set(snapshot.cards.filter((c) => c.mine).map((c) => c.client_id));
  app.outbox.items.filter((i) => confirmed.has(i.client_id)).forEach((i) => app.outbox.remove(i.client_id));
  const cases = island()?.cases || [];
  if (!cases.some((c) => c.id === state.caseId)) state.caseId = cases[0]?.id || null;
  applyState(snapshot.state);
  profile.fill(snapshot.profile);
  return before;
}

// A join's own message replaces its last one; a message about something the participant did
// meanwhile (an empty card sent while the join was on its way) stays.
let joinSaid = '';
function joinMessage(text) {
  if (text || $('message').textContent === joinSaid) app.message(text);
  joinSaid = text;
}

// Joining again is also how the phone resyncs: the server then seats it at the island it
// has now (after a rotation that is the next island), not the one this connection had.
async function join(sock, { resync = false } = {}) {
  await http.idle(); // a card on its way over HTTP may be making this phone's token
  // ... and no card goes over HTTP while the join may be making it: sends wait for this.
  const joining = joinNow(sock, resync).catch(() => {});
  app.joining = joining;
  await joining;
  if (app.joining === joining) app.joining = null;
  collect.flush();
}

async function joinNow(sock, resync) {
  const asked = addressIsland;
  let answer = await request(sock, 'join', {
    code, token: localStorage.getItem(tokenKey), island_id: asked, inflate: canInflate,
    structure: state.event ? state.structureVersion : null,
    // Back after a gap: only what changed since this phone's last snapshot of its island.
    since: state.known?.seq ?? null, since_island: state.known?.island ?? null,
  });
  if (!answer.ok) {
    joinMessage(answer.message || t.offline);
    if (refusedForNow(answer)) retryLater(() => { if (sock.connected && !state.joined) join(sock, { resync }); });
    return;
  }
  joinedNow();
  answer.snapshot = await snapshotOf(answer);
  localStorage.setItem(tokenKey, answer.token);
  // An island picked on this phone while the join was on its way: sit down there now.
  const pickedMeanwhile = addressIsland && addressIsland !== asked ? addressIsland : null;
  if (addressIsland) {
    addressIsland = null;
    history.replaceState(null, '', location.pathname.replace(/\/\d+\/?$/, '') + location.search);
  }
  state.joined = true;
  if (pickedMeanwhile) {
    const seated = await request(sock, 'choose_island', {
      island_id: pickedMeanwhile, inflate: canInflate, structure: state.structureVersion });
    if (seated.ok) answer = { ...answer, snapshot: await snapshotOf(seated) };
    else answer = { ...answer, notice: seated.message };
  }
  joinMessage(answer.notice || '');
  const before = applySnapshot(answer.snapshot);
  if (resync && before && state.islandId && before !== state.islandId) {
    notice(t.moved.replace('{name}', island()?.name || ''));
  }
}

async function chooseIsland(islandId) {
  if (state.choosing && islandId === state.islandId) { cancelChoice(); return; }
  if (!state.joined) {
    // Still connecting: sit down now, the join will carry the choice to the server.
    addressIsland = islandId;
    state.islandId = islandId;
    state.caseId = island()?.cases[0]?.id || null;
    state.choosing = false;
    render({ focus: 'island-name' });
    return;
  }
  const answer = await app.request('choose_island', {
    island_id: islandId, inflate: canInflate, structure: state.structureVersion });
  if (!answer.ok) { app.message(answer.message || t.offline); return; }
  answer.snapshot = await snapshotOf(answer);
  app.message('');
  notice('');
  state.choosing = false;
  state.focusNext = 'island-name';
  applySnapshot(answer.snapshot);
  app.announce(t.moved.replace('{name}', island()?.name || ''));
}

function cancelChoice() {
  state.choosing = false;
  render({ focus: 'change-island' });
}

// --- rendering -----------------------------------------------------------

// The heading of what is on screen now: where focus goes when its control went away.
function viewHeading() {
  if (!$('choose').hidden) return $('choose-title');
  if (!$('card-form').hidden) return $('form-title');
  if (!$('board').hidden) return $('board-title');
  return $('island-name');
}

function render({ focus = null } = {}) {
  if (!state.event || !state.settings) return;
  const wanted = focus || state.focusNext;
  state.focusNext = null;
  renderKeepingFocus(paint, { wanted, fallback: viewHeading });
}

function paint() {
  const phase = state.settings.phase;
  const current = island();
  const choosing = !current || state.choosing;
  show($('choose'), choosing);
  show($('island'), !choosing);
  profile.render(phase);
  collect.notes(phase);
  if (choosing) {
    renderChooser(current);
    board.render(phase);
    return;
  }
  $('island-name').textContent = current.name;
  show($('change-island'), state.settings.assignment !== 'auto');
  renderCaseTabs(current);
  const theCase = current.cases.find((c) => c.id === state.caseId);
  show($('case'), Boolean(theCase));
  show($('no-case'), !theCase && phase !== 'closing');
  if (theCase) {
    $('case-title').textContent = theCase.title;
    $('case-situation').textContent = theCase.situation;
    $('case-goal').textContent = theCase.goal;
  }
  if (state.shownPhase !== phase) {
    // The case is open while people read and write, folded away while they sort and vote.
    $('case').open = phase === 'arrival' || phase === 'collect';
    state.shownPhase = phase;
  }
  collect.render(phase, theCase);
  renderAgreements(app, phase);
  board.render(phase);
  show($('thanks'), phase === 'closing');
}

function renderChooser(current) {
  const box = $('island-buttons');
  show($('choose-cancel'), Boolean(current && state.choosing));
  if (state.settings.assignment === 'auto') {
    // The facilitators distribute the seats: the phone waits for its island.
    box.replaceChildren(el('p', { class: 'muted', text: t.being_assigned }));
    return;
  }
  box.replaceChildren(...state.event.islands.map((i) => {
    const here = i.id === current?.id;
    return el('button', {
      type: 'button', class: `island-button${here ? ' island-current' : ''}`, 'data-island-id': i.id,
      'data-focus-key': `island-${i.id}`, 'aria-current': here ? 'true' : null,
      onclick: () => chooseIsland(i.id),
    }, i.name, here ? el('span', { class: 'island-here', text: t.your_island }) : null);
  }));
  if (!state.event.islands.length) box.append(el('p', { class: 'muted', text: t.no_islands }));
}

// Plain buttons (one pressed), not tabs: the case below changes, focus stays on the button.
function renderCaseTabs(current) {
  const tabs = $('case-tabs');
  show(tabs, current.cases.length > 1);
  tabs.replaceChildren(...current.cases.map((c) => el('button', {
    type: 'button', class: 'case-tab', text: c.title, 'data-focus-key': `case-${c.id}`,
    'aria-pressed': String(c.id === state.caseId),
    onclick: () => { state.caseId = c.id; render(); },
  })));
}

// --- wiring --------------------------------------------------------------

$('change-island').addEventListener('click', () => {
  state.choosing = true;
  notice('');
  render({ focus: 'choose-title' });
});
$('choose-cancel').addEventListener('click', cancelChoice);
$('notice-close').addEventListener('click', () => notice(''));

// The phone paints from the page itself, before the socket is up: a new phone its island
// choice (or its QR code's island), a returning one the island it sat at last time.
const first = JSON.parse(document.body.dataset.first || 'null');
if (first) {
  state.event = first.event;
  state.structureVersion = first.structure_version;
  const returning = localStorage.getItem(tokenKey) && Number(localStorage.getItem(islandKey));
  state.islandId = addressIsland || returning || null;
  if (!island()) state.islandId = null;
  state.caseId = island()?.cases[0]?.id || null;
  applyState(first.state);
}

// The Socket.IO client (two thirds of the script) loads after the page is usable: on a slow
// network the island and the form are there sooner, and cards go over HTTP meanwhile.
function goLive({ connect }) {
  const socket = connect({ onConnect: (sock) => join(sock), statusNode: $('status'), t });
  app.socket = socket;
  const ours = (item) => item.island_id === state.islandId;
  socket.on('state', applyState);
  socket.on('card', (card) => {
    if (!ours(card)) return;
    const wasHidden = app.cards.get(card.id)?.hidden;
    if (!app.cards.apply(card)) return;
    // The author hears it too, not only sees the note appear.
    if (card.mine && card.hidden && !wasHidden) app.announce(t.announce_hidden);
    render();
  });
  socket.on('group', (group) => { if (ours(group) && app.groups.apply(group)) render(); });
  socket.on('agreement', (item) => { if (ours(item) && app.agreements.apply(item)) render(); });
  socket.on('event_changed', () => join(socket, { resync: true }));
  let lost = false;
  socket.on('disconnect', () => { state.joined = false; lost = true; app.announce(t.offline); render(); });
  socket.on('connect', () => { if (lost) app.announce(t.online); lost = false; });
}
import('./lib/connection.js').then(goLive);
const live = () => app.socket?.connected && state.joined;
// Focus moved by Tab or Shift+Tab never hides under the sticky header.
const header = $('phone-header');
new ResizeObserver(() => {
  document.documentElement.style.scrollPaddingTop = `${header.offsetHeight + 8}px`;
}).observe(header);
// A retry for anything still waiting, in case an acknowledgement was lost; without a
// socket every two seconds over HTTP, and at once when the browser says the network is back.
setInterval(() => { if (live()) collect.flush(); }, 5000);
setInterval(() => { if (!live()) collect.flush(); }, 2000);
window.addEventListener('online', () => collect.flush());
