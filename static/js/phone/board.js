// Ordnen, Gewichten, Abschluss: the island's groups and single cards, with the dots.
import { $, el, show } from '../lib/dom.js';
import { plural } from '../lib/plural.js';

const sum = (numbers) => numbers.reduce((a, b) => a + b, 0);

export function dotsLeft(app) {
  const total = app.state.settings.dots_per_island;
  return { total, left: Math.max(0, total - sum(Object.values(app.state.myVotes || {}))) };
}

// One votable item per group (its cards inside) and per card outside any group.
function boardItems(app) {
  const { state } = app;
  const mine = (card) => Number(state.myVotes?.[card.id] || 0);
  const cards = app.cards.list((c) => c.case_id === state.caseId && c.approved !== false && !c.hidden);
  const groups = app.groups.list((g) => g.case_id === state.caseId);
  const known = new Set(groups.map((g) => g.id));
  const items = [];
  for (const group of groups) {
    const members = cards.filter((c) => c.group_id === group.id);
    if (!members.length) continue;
    items.push({ key: `g${group.id}`, group, cards: members, target: members[0].id,
      label: group.label, votes: sum(members.map((c) => c.votes || 0)), mine: sum(members.map(mine)) });
  }
  for (const card of cards.filter((c) => !c.group_id || !known.has(c.group_id))) {
    items.push({ key: `c${card.id}`, group: null, cards: [card], target: card.id,
      label: card.text, votes: card.votes || 0, mine: mine(card) });
  }
  return items;
}

export function setupBoard(app) {
  const { t } = app;
  let busy = false;

  const categoryLabel = (id) => app.state.event.categories.find((c) => c.id === id)?.label || '';
  const points = (n) => plural(t.points, n);
  const short = (text) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

  async function vote(action, item) {
    if (busy) return;
    busy = true;
    const answer = await app.request(action, { card_id: item.target });
    busy = false;
    if (!answer.ok) { app.message(answer.error === 'timeout' ? t.offline : answer.message); return; }
    app.message('');
    app.state.myVotes = answer.my_votes;
    app.render();
    const { left, total } = dotsLeft(app);
    app.announce(`${action === 'vote' ? t.announce_voted : t.announce_unvoted} ${dotsText(left, total)}`);
  }

  const dotsText = (left, total) => t.dots_left.replace('{left}', left).replace('{total}', total);

  function cardLine(card) {
    return [
      el('span', { class: 'card-category', text: `${t[card.kind]} · ${categoryLabel(card.category_id)}` }),
      el('p', { class: 'card-text', text: card.text }),
    ];
  }

  function votesRow(item, voting) {
    const row = el('div', { class: 'votes' },
      el('span', { class: 'vote-total', text: points(item.votes) }));
    if (item.mine) {
      row.append(el('span', { class: 'my-dots' },
        el('span', { 'aria-hidden': 'true', text: t.my_dots.replace('{n}', '●'.repeat(item.mine)) }),
        el('span', { class: 'visually-hidden', text: t.my_dots.replace('{n}', item.mine) })));
    }
    if (voting) {
      const name = el('span', { class: 'visually-hidden', text: ` ${t.for_item.replace('{label}', short(item.label))}` });
      const actions = el('div', { class: 'vote-actions' },
        el('button', { type: 'button', class: `vote-add${dotsLeft(app).left ? ' primary' : ''}`, 'data-focus-key': `add-${item.key}`,
          onclick: () => vote('vote', item) }, t.vote_add, name));
      if (item.mine) {
        actions.append(el('button', { type: 'button', class: 'vote-remove', 'data-focus-key': `remove-${item.key}`,
          onclick: () => vote('unvote', item) }, t.vote_remove, name.cloneNode(true)));
      }
      row.append(actions);
    }
    return row;
  }

  function itemNode(item, { voting, showVotes }) {
    let li;
    if (item.group) {
      li = el('li', { class: 'board-item board-group', 'data-group-id': item.group.id },
        el('div', { class: 'group-head' },
          el('h3', { class: 'group-label', text: item.group.label || t.group }),
          el('span', { class: 'group-size small', text: plural(t.cards_in_group, item.cards.length) })),
        el('ul', { class: 'group-cards' }, ...item.cards.map((card) => el('li', {
          class: `card card-${card.kind}`, 'data-card-id': card.id }, ...cardLine(card)))));
    } else {
      const card = item.cards[0];
      li = el('li', { class: `board-item board-card card card-${card.kind}`, 'data-card-id': card.id },
        ...cardLine(card));
    }
    if (showVotes) li.append(votesRow(item, voting));
    return li;
  }

  return {
    render(phase) {
      const board = ['organise', 'vote', 'next_steps', 'closing'].includes(phase);
      show($('board'), board);
      const voting = phase === 'vote';
      const { left, total } = dotsLeft(app);
      // Written only when it changes (no live region: the vote's own sentence says it).
      const line = dotsText(left, total);
      if ($('dots-left').textContent !== line) $('dots-left').textContent = line;
      $('dots-left').dataset.left = left;
      show($('dots-left'), voting && Boolean(app.state.islandId));
      if (!board) return;
      let items = boardItems(app);
      const ranked = phase === 'next_steps' || phase === 'closing';
      const showVotes = phase !== 'organise' || items.some((i) => i.votes > 0);
      if (ranked && items.some((i) => i.votes > 0)) items = [...items].sort((a, b) => b.votes - a.votes);
      $('board-title').textContent = ranked && showVotes ? t.result : t.board;
      const list = $('board-list');
      list.replaceChildren(...items.map((item) => itemNode(item, { voting, showVotes })));
      if (!items.length) list.append(el('li', { class: 'muted', text: t.no_cards }));
    },
  };
}
