// The participant's phone: join, choose an island, read the case, write and see cards live.
import { $, el, show, strings } from './lib/dom.js';
import { connect, request } from './lib/connection.js';
import { CardStore } from './lib/cards.js';
import { Outbox, newClientId } from './lib/outbox.js';

const t = strings();
const code = document.body.dataset.code;
const tokenKey = `workshop:token:${code}`;
const outbox = new Outbox(`workshop:outbox:${code}`);
const store = new CardStore();
const state = {
  event: null,
  islandId: Number(document.body.dataset.island) || null,
  caseId: null,
  editing: null,
  joined: false,
};
let socket;

function message(text) {
  $('message').textContent = text || '';
  show($('message'), Boolean(text));
}

function island() {
  return state.event?.islands.find((i) => i.id === state.islandId) || null;
}

function categories(kind) {
  return state.event.categories.filter((c) => c.kind === kind);
}

function categoryLabel(id) {
  return state.event.categories.find((c) => c.id === id)?.label || '';
}

function applySnapshot(snapshot) {
  state.event = snapshot.event;
  state.islandId = snapshot.island_id;
  store.reset(snapshot);
  // Cards confirmed in the snapshot leave the outbox (their ack may have been lost).
  const confirmed = new Set(snapshot.cards.filter((c) => c.mine).map((c) => c.client_id));
  outbox.items.filter((i) => confirmed.has(i.client_id)).forEach((i) => outbox.remove(i.client_id));
  const cases = island()?.cases || [];
  if (!cases.some((c) => c.id === state.caseId)) state.caseId = cases[0]?.id || null;
  render();
}

async function join(sock) {
  const answer = await request(sock, 'join', {
    code, token: localStorage.getItem(tokenKey), island_id: state.islandId,
  });
  if (!answer.ok) { message(answer.message || t.offline); return; }
  localStorage.setItem(tokenKey, answer.token);
  state.joined = true;
  message('');
  applySnapshot(answer.snapshot);
  flush();
}

async function sync() {
  const answer = await request(socket, 'sync', {});
  if (answer.ok) applySnapshot(answer.snapshot);
}

async function send(item) {
  if (!socket.connected || !state.joined || item.inflight) return;
  item.inflight = true;
  const answer = await request(socket, 'card_submit', item);
  item.inflight = false;
  if (answer.ok) {
    outbox.remove(item.client_id);
    store.cards.set(answer.card.id, answer.card);
  } else if (answer.error !== 'timeout') {
    outbox.update(item.client_id, { status: 'failed', message: answer.message });
  }
  render();
}

function flush() {
  outbox.pending().forEach(send);
}

// --- rendering -----------------------------------------------------------

function render() {
  if (!state.event) return;
  const phase = state.event.phase;
  const phaseText = t[`phase_${phase}`];
  $('phase').textContent = phaseText || '';
  show($('phase'), Boolean(phaseText));
  const current = island();
  show($('choose'), !current);
  show($('island'), Boolean(current));
  if (!current) { renderChooser(); return; }
  $('island-name').textContent = current.name;
  renderCaseTabs(current);
  const theCase = current.cases.find((c) => c.id === state.caseId);
  show($('case'), Boolean(theCase));
  if (theCase) {
    $('case-title').textContent = theCase.title;
    $('case-situation').textContent = theCase.situation;
    $('case-goal').textContent = theCase.goal;
  }
  const writing = phase === 'collect' && Boolean(theCase);
  show($('card-form'), writing);
  $('no-cards-note').textContent = phase === 'closing' ? t.closed : t.phase_no_cards;
  show($('no-cards-note'), !writing && Boolean(theCase));
  renderCategorySelect();
  renderCards(writing);
}

function renderChooser() {
  const box = $('island-buttons');
  box.replaceChildren(...state.event.islands.map((i) => el('button', {
    type: 'button', class: 'island-button', text: i.name, 'data-island-id': i.id,
    onclick: () => chooseIsland(i.id),
  })));
  if (!state.event.islands.length) box.append(el('p', { class: 'muted', text: t.no_islands }));
}

function renderCaseTabs(current) {
  const tabs = $('case-tabs');
  show(tabs, current.cases.length > 1);
  tabs.replaceChildren(...current.cases.map((c) => el('button', {
    type: 'button', role: 'tab', class: 'case-tab', text: c.title,
    'aria-selected': String(c.id === state.caseId),
    onclick: () => { state.caseId = c.id; render(); },
  })));
}

function renderCategorySelect() {
  const kind = $('card-form').elements.kind.value;
  const select = $('category');
  const chosen = select.value;
  const options = categories(kind).map((c) => el('option', { value: c.id, text: c.label }));
  select.replaceChildren(...options);
  if (options.some((o) => o.value === chosen)) select.value = chosen;
}

function statusLine(item) {
  if (item.status === 'failed') return `${t.failed}: ${item.message || ''}`;
  return socket?.connected ? t.pending : t.waiting;
}

function cardItem(card, { pending = null, writing = false } = {}) {
  const li = el('li', { class: `card card-${card.kind}${pending ? ' card-pending' : ''}`,
    'data-card-id': card.id || '', 'data-client-id': card.client_id || '' });
  li.append(el('span', { class: 'card-category', text: categoryLabel(Number(card.category_id)) }));
  li.append(el('p', { class: 'card-text', text: card.text }));
  if (card.detail) li.append(el('p', { class: 'card-detail', text: card.detail }));
  if (pending) {
    li.append(el('p', { class: `card-status status-${pending.status}`, text: statusLine(pending) }));
    if (pending.status === 'failed') {
      li.append(el('button', { type: 'button', class: 'link', text: t.delete,
        onclick: () => { outbox.remove(pending.client_id); render(); } }));
    }
  } else if (card.mine) {
    li.append(el('p', { class: 'card-status status-saved', text: `✓ ${t.mine} · ${t.saved}` }));
    if (writing) {
      li.append(el('div', { class: 'card-actions' },
        el('button', { type: 'button', class: 'link', text: t.edit, onclick: () => startEdit(card) }),
        el('button', { type: 'button', class: 'link danger', text: t.delete, onclick: () => removeCard(card) })));
    }
  }
  if (state.editing === card.id) li.replaceChildren(editForm(card));
  return li;
}

function renderCards(writing) {
  for (const kind of ['resource', 'barrier']) {
    const saved = store.list((c) => c.kind === kind && c.case_id === state.caseId);
    const waiting = outbox.items.filter((i) => i.kind === kind && i.case_id === state.caseId);
    const items = [
      ...saved.map((c) => cardItem(c, { writing })),
      ...waiting.map((i) => cardItem(i, { pending: i })),
    ].reverse();
    $(`list-${kind}`).replaceChildren(...items);
    if (!items.length) $(`list-${kind}`).append(el('li', { class: 'muted small', text: t.no_cards }));
    $(`count-${kind}`).textContent = saved.length;
  }
}

function editForm(card) {
  const select = el('select', { name: 'category', 'aria-label': t.case });
  for (const kind of ['resource', 'barrier']) {
    const group = el('optgroup', { label: t[kind] });
    categories(kind).forEach((c) => group.append(el('option', { value: `${kind}:${c.id}`, text: c.label })));
    select.append(group);
  }
  select.value = `${card.kind}:${card.category_id}`;
  const text = el('textarea', { name: 'text', rows: 3, maxlength: 280 });
  text.value = card.text;
  const detail = el('input', { name: 'detail', maxlength: 500 });
  detail.value = card.detail;
  const form = el('form', { class: 'edit-form stack' }, select, text, detail,
    el('div', { class: 'card-actions' },
      el('button', { type: 'submit', class: 'primary', text: t.save }),
      el('button', { type: 'button', class: 'link', text: t.cancel,
        onclick: () => { state.editing = null; render(); } })));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const [kind, categoryId] = select.value.split(':');
    const answer = await request(socket, 'card_edit', { card_id: card.id, kind,
      category_id: Number(categoryId), text: text.value, detail: detail.value });
    if (!answer.ok) { message(answer.error === 'timeout' ? t.offline : answer.message); return; }
    message('');
    state.editing = null;
    store.cards.set(answer.card.id, answer.card);
    render();
  });
  return form;
}

function startEdit(card) { state.editing = card.id; render(); }

async function removeCard(card) {
  if (!window.confirm(t.confirm_delete)) return;
  const answer = await request(socket, 'card_delete', { card_id: card.id });
  if (!answer.ok) { message(answer.error === 'timeout' ? t.offline : answer.message); return; }
  store.cards.delete(card.id);
  render();
}

async function chooseIsland(islandId) {
  state.islandId = islandId;
  const answer = await request(socket, 'choose_island', { island_id: islandId });
  if (!answer.ok) { message(answer.message || t.offline); return; }
  message('');
  applySnapshot(answer.snapshot);
}

// --- the form ------------------------------------------------------------

function submitCard(ev) {
  ev.preventDefault();
  const form = $('card-form');
  const text = form.elements.text.value.trim();
  if (!text) { message(t.empty); form.elements.text.focus(); return; }
  const item = {
    client_id: newClientId(), case_id: state.caseId, kind: form.elements.kind.value,
    category_id: Number(form.elements.category_id.value), text,
    detail: form.elements.detail.value.trim(),
  };
  outbox.add(item);
  form.elements.text.value = '';
  form.elements.detail.value = '';
  updateCounter();
  message('');
  render();
  send(outbox.items.find((i) => i.client_id === item.client_id));
}

function updateCounter() {
  $('text-left').textContent = 280 - $('text').value.length;
}

$('card-form').addEventListener('submit', submitCard);
$('card-form').addEventListener('change', (ev) => { if (ev.target.name === 'kind') renderCategorySelect(); });
$('text').addEventListener('input', updateCounter);
$('change-island').addEventListener('click', () => { state.islandId = null; render(); });

socket = connect({ onConnect: join, statusNode: $('status'), t });
socket.on('card', (card) => { if (card.island_id === state.islandId && store.apply(card)) render(); });
socket.on('event_changed', sync);
socket.on('disconnect', () => { state.joined = false; render(); });
// A retry for anything still waiting, in case an acknowledgement was lost.
setInterval(() => { if (socket.connected && state.joined) flush(); }, 5000);
