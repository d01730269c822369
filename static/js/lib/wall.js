// The wall of all islands, shared by the projector and the facilitator's live view.
import { $, el, show, strings } from './dom.js';
import { connect, request } from './connection.js';
import { CardStore } from './cards.js';

const KINDS = ['resource', 'barrier'];

export function startWall({ watch, showDetail = false, newestFirst = true }) {
  const t = strings();
  const store = new CardStore();
  let event = null;
  let socket;
  const only = Number(new URLSearchParams(location.search).get('island')) || null;

  function render() {
    if (!event) return;
    const phase = $('phase');
    phase.textContent = t[`phase_${event.phase}`] || '';
    show(phase, true);
    const labels = new Map(event.categories.map((c) => [c.id, c.label]));
    const islands = event.islands.filter((i) => !only || i.id === only);
    const wall = $('wall');
    wall.dataset.count = String(islands.length);
    wall.replaceChildren(...islands.map((island) => islandBox(island, labels)));
    for (const kind of KINDS) {
      const total = store.list((c) => c.kind === kind && (!only || c.island_id === only)).length;
      $(`total-${kind}`).textContent = total;
    }
  }

  function islandBox(island, labels) {
    const box = el('section', { class: 'wall-island', 'data-island-id': island.id },
      el('h2', { text: island.name }));
    for (const theCase of island.cases) {
      const cases = el('div', { class: 'wall-case' }, el('h3', { text: theCase.title }));
      const columns = el('div', { class: 'wall-columns' });
      for (const kind of KINDS) {
        let cards = store.list((c) => c.case_id === theCase.id && c.kind === kind);
        if (newestFirst) cards = cards.reverse();
        columns.append(el('div', { class: `wall-column wall-${kind}` },
          el('h4', { class: `kind-${kind}-head` },
            el('span', { text: t[`${kind}s`] }), ' ',
            el('span', { class: 'count', text: String(cards.length) })),
          el('ul', { class: 'cards' }, ...cards.map((card) => el('li', { class: `card card-${card.kind}`, 'data-card-id': card.id },
            el('span', { class: 'card-category', text: labels.get(card.category_id) || '' }),
            el('p', { class: 'card-text', text: card.text }),
            showDetail && card.detail ? el('p', { class: 'card-detail', text: card.detail }) : null)))));
      }
      cases.append(columns);
      box.append(cases);
    }
    return box;
  }

  async function load(sock) {
    const answer = await request(sock, 'watch', watch);
    if (!answer.ok) { $('status').textContent = answer.message || t.offline; return; }
    event = answer.snapshot.event;
    store.reset(answer.snapshot);
    render();
  }

  socket = connect({ onConnect: load, statusNode: $('status'), t });
  socket.on('card', (card) => { if (store.apply(card)) render(); });
  socket.on('event_changed', () => load(socket));
}
