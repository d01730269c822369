// The facilitator's (or island host's) live board: moderate, merge, agree, run the session.
import { $, el, show, strings } from '../lib/dom.js';
import { connect } from '../lib/connection.js';
import { request } from '../lib/request.js';
import { CardStore, RevStore } from '../lib/cards.js';
import { formatSeconds, remainingSeconds } from '../lib/countdown.js';
import { seatedText } from './render.js';
import { boardActions } from './actions.js';
import { IslandViews } from './islands.js';
import { announcer, captureFocus, restoreFocus } from './focus.js';
import { wireRunControls } from './controls.js';

const t = strings();
const watch = JSON.parse(document.body.dataset.watch);
const cards = new CardStore();
const groups = new RevStore('groups');
const agreements = new RevStore('agreements');
const ctx = { t, selected: new Set(), editing: null, editForm: null, agreementForms: new Map(),
  room: null, phase: null, open: null, confirm: null, groupForm: null,
  collapsed: new Set(), filter: '',
  hostIsland: Number(document.body.dataset.islandId) || null };
const announce = announcer($('announce'));
let event = null;
let timer = null;
let timerReceivedAt = 0;
let socket;
let dragging = false;
let moving = 0; // drops on their way to the server
let renderPending = false;
let frame = 0; // a render waiting for the next animation frame
let focusNext = null; // where an action wants the focus after the next render
let focusLater = null; // what had the focus when a render was put off (during a drag)

function message(text) {
  $('message').textContent = text || '';
  show($('message'), Boolean(text));
}

async function call(name, data) {
  const answer = await request(socket, name, data);
  if (!answer.ok) message(answer.error === 'timeout' ? t.offline : answer.message);
  else message('');
  return answer;
}

// After an action: the next render puts the focus on `key` and the status line says `text`.
function done(key, text) {
  if (key) focusNext = key;
  if (text) announce(text);
  render();
}

const actions = boardActions({ ctx, cards, groups, agreements, call, done, render, saveView });
ctx.actions = actions;

async function onDrop(cardId, target) {
  moving += 1;
  const card = cards.get(cardId);
  islands.forget(card?.island_id); // the drag moved its nodes: build it again
  if (target.newGroup) {
    moving -= 1;
    actions.newGroup(Number(target.caseId), [cardId], target.kind, `card:${cardId}:menu`);
    return;
  }
  if (target.groupId) {
    await call('group', { action: 'add', group_id: Number(target.groupId), card_id: cardId });
  } else if (card?.group_id) {
    await call('group', { action: 'remove', card_id: cardId });
  }
  // The server's broadcasts came before its answer: the store is current now.
  moving -= 1;
  render();
}

// Which islands are folded away or filtered out stays as it was on this laptop.
const viewKey = `board-view-${watch.event_id || 'host'}`;
function saveView() {
  try {
    sessionStorage.setItem(viewKey, JSON.stringify({ collapsed: [...ctx.collapsed], filter: ctx.filter }));
  } catch { /* private mode: the view is not kept */ }
}
function loadView() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(viewKey) || '{}');
    ctx.collapsed = new Set(saved.collapsed || []);
    ctx.filter = saved.filter || '';
  } catch { /* nothing kept */ }
}

function renderFilter() {
  const select = $('island-filter');
  if (!select || !event) return;
  select.replaceChildren(el('option', { value: '', text: t.all_islands }),
    ...event.islands.map((i) => el('option', { value: i.id, text: i.name })));
  select.value = String(ctx.filter);
}

const islands = new IslandViews(ctx, { cards, groups, agreements }, {
  onHold: () => { dragging = true; },
  onRelease: () => { dragging = false; if (renderPending) setTimeout(render); },
  onDrop,
  onReorder: (cardId) => { islands.forget(cards.get(cardId)?.island_id); setTimeout(render); },
});

function render() {
  if (!event) return;
  if (frame) { cancelAnimationFrame(frame); frame = 0; } // this render includes the pending one
  const board = $('board');
  if (dragging || moving) {
    renderPending = true;
    focusLater = focusLater || captureFocus(board);
    return;
  }
  renderPending = false;
  ctx.cards = cards.list(() => true);
  ctx.groups = groups.list(() => true);
  ctx.agreements = agreements.list(() => true);
  ctx.labels = new Map(event.categories.map((c) => [c.id, c.label]));
  ctx.categories = event.categories;
  const shown = event.islands.filter((i) => (!ctx.hostIsland || i.id === ctx.hostIsland)
    && (!ctx.filter || String(i.id) === String(ctx.filter)));
  const saved = captureFocus(board) || focusLater;
  focusLater = null;
  islands.place(board, shown);
  restoreFocus(board, saved, focusNext);
  focusNext = null;
  for (const kind of ['resource', 'barrier']) {
    $(`total-${kind}`).textContent = ctx.cards.filter((c) => c.kind === kind && !c.hidden).length;
  }
  renderRoom();
  document.querySelectorAll('.phase-button').forEach((b) => {
    b.setAttribute('aria-pressed', String(b.dataset.phase === ctx.phase));
  });
}

// Head counts and offers change with every arrival: they update in place, the cards stay.
function renderRoom() {
  const total = ctx.room ? ctx.room.total : 0;
  $('people').textContent = seatedText(total, t);
  document.querySelectorAll('.board-island').forEach((node) => {
    const seated = ctx.room?.by_island?.[node.dataset.islandId] || 0;
    node.querySelector('.island-seated').textContent = seatedText(seated, t);
  });
  renderOffers();
}

// What participants offer on the projector's "Wer ist da?": hide, show again, approve.
function renderOffers() {
  const list = $('offers');
  if (!list) return;
  const offers = ctx.room?.offers || [];
  if (!offers.length) { list.replaceChildren(el('li', { class: 'muted small', text: t.no_offers })); return; }
  const moderate = async (offer, action) => {
    const answer = await call('moderate_profile', { participant_id: offer.participant_id, action });
    if (answer.ok) { ctx.room = answer.room; renderOffers(); }
  };
  const saved = captureFocus(list);
  list.replaceChildren(...offers.slice().reverse().map((o) => {
    const who = [o.name, o.organisation, o.field].filter(Boolean).join(' · ') || '–';
    const key = `offer:${o.participant_id}`;
    return el('li', {
      class: `offer${o.hidden ? ' card-hidden' : ''}${o.approved ? '' : ' card-unapproved'}`,
      'data-participant-id': o.participant_id, 'data-focus-owner': `${key}:hide`,
    },
    el('strong', { text: who }),
    el('p', { class: 'offer-text', text: o.offer }),
    o.hidden ? el('span', { class: 'badge badge-hidden', text: t.hidden }) : null,
    o.approved ? null : el('span', { class: 'badge badge-unapproved', text: t.unapproved }),
    el('div', { class: 'card-actions' },
      o.approved ? null : el('button', { type: 'button', class: 'small primary', text: t.approve,
        'aria-label': `${t.approve}: ${who}`, 'data-focus-key': `${key}:approve`,
        onclick: () => moderate(o, 'approve') }),
      el('button', { type: 'button', class: 'small', text: o.hidden ? t.unhide : t.hide,
        'aria-label': `${o.hidden ? t.unhide : t.hide}: ${who}`, 'data-focus-key': `${key}:hide`,
        'data-focus-primary': '', onclick: () => moderate(o, o.hidden ? 'unhide' : 'hide') })));
  }));
  restoreFocus(list, saved);
}

// "Anna hat „Familienzentrum mit …“ ausgeblendet": who, what, and which card (its text).
function logLine(e) {
  const what = e.subject ? t.quoted.replace('{text}', e.subject) : (e.card_id ? `${t.card} ${e.card_id}` : '');
  return (t[`log_${e.action}`] || `{who}: ${e.action} {what}`).replace('{who}', e.actor).replace('{what}', what);
}

function renderLog(entries, prepend = false) {
  const nodes = entries.map((e) => el('li', {},
    el('time', { text: new Date(e.at).toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' }) }), ' ',
    el('span', { text: logLine(e) })));
  if (prepend) $('log').prepend(...nodes); else $('log').replaceChildren(...nodes);
}

function applyState(state) {
  ctx.phase = state.phase;
  timer = state.timer;
  timerReceivedAt = performance.now();
  tick();
  render();
}

// The ticking text is outside any live region: a screen reader must not read every second.
function tick() {
  const remaining = remainingSeconds(timer, timerReceivedAt);
  $('timer').textContent = remaining == null ? t.no_timer
    : `${formatSeconds(remaining)}${timer.running ? '' : ` (${t.paused})`}`;
  $('timer').classList.toggle('timer-done', remaining === 0);
  // Idle, it says so in words (a lone "–" read like a button to fold something away).
  $('timer').classList.toggle('timer-idle', remaining == null);
}

async function load(sock) {
  const answer = await request(sock, 'watch', watch);
  if (!answer.ok) { message(answer.message || t.offline); return; }
  const snap = answer.snapshot;
  event = snap.event;
  islands.forget();
  cards.reset(snap);
  groups.reset(snap);
  agreements.reset(snap);
  ctx.room = snap.room;
  renderFilter();
  renderLog(snap.log || []);
  applyState(snap.state);
}

loadView();
socket = connect({ onConnect: load, statusNode: $('status'), t });
// Live updates come in bursts (a merge announces each of its cards; 150 phones write at
// once): one render per frame at most, however many arrived.
function renderSoon() {
  if (!frame) frame = requestAnimationFrame(() => { frame = 0; render(); });
}
socket.on('card', (card) => { if (cards.apply(card)) renderSoon(); });
socket.on('group', (group) => { if (groups.apply(group)) renderSoon(); });
socket.on('agreement', (a) => { if (agreements.apply(a)) renderSoon(); });
socket.on('state', applyState);
socket.on('room', (room) => { ctx.room = room; if (event) renderRoom(); });
socket.on('log', (entry) => renderLog([entry], true));
socket.on('event_changed', () => load(socket));
setInterval(tick, 1000);
// Phones that left free their seat after a few minutes, without any message: ask now and
// then, as the projector does.
setInterval(async () => {
  if (!event || !socket.connected) return;
  const answer = await request(socket, 'room_stats', {});
  if (answer.ok) { ctx.room = answer.room; renderRoom(); }
}, 15000);

// Which islands show: one of them, or all; folded all at once or opened again.
$('island-filter')?.addEventListener('change', (ev) => { ctx.filter = ev.target.value; saveView(); render(); });
$('collapse-all')?.addEventListener('click', () => {
  event?.islands.forEach((i) => ctx.collapsed.add(i.id)); saveView(); done(null, t.done_collapse);
});
$('expand-all')?.addEventListener('click', () => {
  ctx.collapsed.clear(); saveView(); done(null, t.done_expand);
});
wireRunControls({ call, announce, t, timer: () => timer });
