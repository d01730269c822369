// The facilitator's (or island host's) live board: moderate, merge, agree, run the session.
import Sortable from '../../vendor/sortable.esm.js';
import { $, el, show, strings } from '../lib/dom.js';
import { connect, request } from '../lib/connection.js';
import { CardStore, RevStore } from '../lib/cards.js';
import { formatSeconds, remainingSeconds } from '../lib/countdown.js';
import { islandNode, seatedText } from './render.js';

const t = strings();
const watch = JSON.parse(document.body.dataset.watch);
const cards = new CardStore();
const groups = new RevStore('groups');
const agreements = new RevStore('agreements');
const ctx = { t, selected: new Set(), editing: null, editForm: null, agreementForms: new Map(),
  room: null, phase: null,
  hostIsland: Number(document.body.dataset.islandId) || null };
let event = null;
let timer = null;
let timerReceivedAt = 0;
let socket;
let dragging = false;
let moving = 0; // drops on their way to the server
let renderPending = false;

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

function applyCard(card) { return cards.apply(card); }

const actions = {
  select(id, on) { if (on) ctx.selected.add(id); else ctx.selected.delete(id); render(); },
  edit(card) { ctx.editing = card ? card.id : null; ctx.editForm = null; render(); },
  async saveEdit(card, values) {
    const answer = await call('moderate', { action: 'edit', card_id: card.id, ...values });
    if (answer.ok) { ctx.editing = null; ctx.editForm = null; applyCard(answer.card); render(); }
  },
  async moderate(action, card) {
    if (action === 'delete' && !window.confirm(t.confirm_delete)) return;
    const answer = await call('moderate', { action, card_id: card.id });
    if (answer.ok) { applyCard(answer.card); render(); }
  },
  async merge(cardIds) {
    const first = cards.cards.get(cardIds[0]);
    const label = window.prompt(t.group_label, first ? first.text : '');
    if (!label) return;
    const answer = await call('group', { action: 'create', card_ids: cardIds, label });
    if (answer.ok) ctx.selected.clear();
    render();
  },
  async renameGroup(group) {
    const label = window.prompt(t.group_label, group.label);
    if (label) await call('group', { action: 'rename', group_id: group.id, label });
  },
  async dissolve(group) { await call('group', { action: 'dissolve', group_id: group.id }); },
  async saveAgreement(island, values, done) {
    const answer = await call('agreement', { island_id: island.id, ...values });
    if (answer.ok) { done(); agreements.apply(answer.agreement); render(); }
  },
  async deleteAgreement(agreement) {
    const answer = await call('agreement', { action: 'delete', id: agreement.id });
    if (answer.ok) { agreements.apply(answer.agreement); render(); }
  },
};
ctx.actions = actions;

// Drag and drop (mouse and touch): into a group, out of it, or onto "new group".
function wireSortables(root) {
  root.querySelectorAll('.drop-list').forEach((list) => {
    Sortable.create(list, {
      group: `case-${list.dataset.caseId}`,
      draggable: '.card',
      filter: 'button, input, select, textarea',
      preventOnFilter: false,
      forceFallback: true,
      fallbackTolerance: 4,
      animation: 120,
      // From the moment a card is pressed, live updates wait: a re-render must not pull
      // the card out from under the facilitator's finger.
      onChoose: () => { dragging = true; },
      onUnchoose: () => { dragging = false; if (renderPending) setTimeout(render); },
      onAdd: async (evt) => {
        moving += 1;
        const cardId = Number(evt.item.dataset.cardId);
        const target = evt.to.dataset;
        if (target.newGroup) {
          const card = cards.cards.get(cardId);
          const label = window.prompt(t.group_label, card ? card.text : '');
          if (label) await call('group', { action: 'create', card_ids: [cardId], label });
        } else if (target.groupId) {
          await call('group', { action: 'add', group_id: Number(target.groupId), card_id: cardId });
        } else {
          await call('group', { action: 'remove', card_id: cardId });
        }
        // The server's broadcasts came before its answer: the store is current now.
        moving -= 1;
        render();
      },
    });
  });
}

// Forms are kept across renders, but moving them in the DOM drops the focus: put it back,
// with the cursor where it was, so typing goes on through live updates.
function rememberFocus() {
  const active = document.activeElement;
  if (!active || !$('board').contains(active)) return () => {};
  const range = 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null;
  return () => {
    if (!active.isConnected || document.activeElement === active) return;
    active.focus({ preventScroll: true });
    if (range && range[0] != null) { try { active.setSelectionRange(...range); } catch { /* not text */ } }
  };
}

function render() {
  if (!event) return;
  if (dragging || moving) { renderPending = true; return; }
  renderPending = false;
  ctx.cards = cards.list(() => true);
  ctx.groups = groups.list(() => true);
  ctx.agreements = agreements.list(() => true);
  ctx.labels = new Map(event.categories.map((c) => [c.id, c.label]));
  ctx.categories = event.categories;
  const islands = event.islands.filter((i) => !ctx.hostIsland || i.id === ctx.hostIsland);
  const board = $('board');
  const focus = rememberFocus();
  board.replaceChildren(...islands.map((i) => islandNode(i, ctx)));
  focus();
  wireSortables(board);
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
  $('people').textContent = ctx.room ? ctx.room.total : 0;
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
  list.replaceChildren(...offers.slice().reverse().map((o) => el('li', {
    class: `offer${o.hidden ? ' card-hidden' : ''}${o.approved ? '' : ' card-unapproved'}`,
    'data-participant-id': o.participant_id,
  },
  el('strong', { text: [o.name, o.organisation, o.field].filter(Boolean).join(' · ') || '–' }),
  el('p', { class: 'offer-text', text: o.offer }),
  o.hidden ? el('span', { class: 'badge badge-hidden', text: t.hidden }) : null,
  o.approved ? null : el('span', { class: 'badge badge-unapproved', text: t.unapproved }),
  el('div', { class: 'card-actions' },
    o.approved ? null : el('button', { type: 'button', class: 'small primary', text: t.approve,
      onclick: () => moderate(o, 'approve') }),
    el('button', { type: 'button', class: 'small', text: o.hidden ? t.unhide : t.hide,
      onclick: () => moderate(o, o.hidden ? 'unhide' : 'hide') })))));
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

function tick() {
  const remaining = remainingSeconds(timer, timerReceivedAt);
  $('timer').textContent = remaining == null ? t.no_timer
    : `${formatSeconds(remaining)}${timer.running ? '' : ` (${t.paused})`}`;
  $('timer').classList.toggle('timer-done', remaining === 0);
}

async function load(sock) {
  const answer = await request(sock, 'watch', watch);
  if (!answer.ok) { message(answer.message || t.offline); return; }
  const snap = answer.snapshot;
  event = snap.event;
  cards.reset(snap);
  groups.reset(snap);
  agreements.reset(snap);
  ctx.room = snap.room;
  renderLog(snap.log || []);
  applyState(snap.state);
}

socket = connect({ onConnect: load, statusNode: $('status'), t });
socket.on('card', (card) => { if (cards.apply(card)) render(); });
socket.on('group', (group) => { if (groups.apply(group)) render(); });
socket.on('agreement', (a) => { if (agreements.apply(a)) render(); });
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

// Facilitator controls.
document.querySelectorAll('.phase-button').forEach((button) => {
  button.addEventListener('click', () => call('run', { action: 'phase', phase: button.dataset.phase }));
});
const timerForm = $('timer-form');
if (timerForm) {
  timerForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const paused = timer && !timer.running && timer.remaining_s != null;
    const seconds = paused ? undefined : Number($('timer-minutes').value) * 60;
    call('run', { action: 'timer', timer: 'start', seconds });
  });
  timerForm.querySelectorAll('button[type=button]').forEach((button) => {
    button.addEventListener('click', () => call('run', { action: 'timer', timer: button.dataset.timer }));
  });
  $('rotate').addEventListener('click', () => {
    if (window.confirm(t.confirm_rotate)) call('run', { action: 'rotate' });
  });
}
