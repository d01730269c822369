// Building the board's DOM: islands (collapsible), cases in two columns (resources,
// barriers), groups and cards, each with one compact action menu.
import { el } from '../lib/dom.js';
import { plural } from '../lib/plural.js';
import { agreementsNode, confirmNode, editFormNode, groupFormNode } from './forms.js';

const KIND_SYMBOL = { resource: '+', barrier: '!' };

// The kind in a symbol and a word, never by colour alone; the word for screen readers.
export function kindMark(kind, t) {
  return el('span', { class: `card-kind kind-${kind}` },
    el('span', { 'aria-hidden': 'true', text: KIND_SYMBOL[kind] }),
    el('span', { class: 'visually-hidden', text: t[kind] }));
}

function dots(count, t) {
  if (!count) return null;
  return el('span', { class: 'votes', title: t.votes }, `● ${count}`,
    el('span', { class: 'visually-hidden', text: ` ${t.votes}` }));
}

// A disclosure button and, when open, the list of actions under it (one menu open at a time).
function menu(key, name, items, ctx) {
  const open = ctx.open === key;
  const id = `menu-${key.replace(':', '-')}`;
  const toggle = el('button', {
    type: 'button', class: 'menu-toggle', 'aria-expanded': String(open), 'aria-controls': id,
    'aria-label': name, title: name, 'data-focus-key': `${key}:menu`, 'data-focus-primary': '',
    onclick: () => ctx.actions.toggleMenu(key),
  }, el('span', { 'aria-hidden': 'true', text: '⋯' }));
  if (!open) return { toggle, list: null };
  toggle.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') { ev.preventDefault(); ctx.actions.toggleMenu(key); }
  });
  const list = el('ul', { id, class: 'action-menu', 'aria-label': name },
    ...items.filter(Boolean).map(([action, label, run, extra = '']) => el('li', {},
      el('button', { type: 'button', class: `small ${extra}`, 'data-focus-key': `${key}:${action}`,
        text: label, onclick: () => { ctx.actions.closeMenu(key); run(); } }))));
  list.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') { ev.preventDefault(); ctx.actions.toggleMenu(key); }
  });
  return { toggle, list };
}

function cardMenu(card, ctx) {
  const { t, actions } = ctx;
  const others = ctx.groups.filter((g) => g.case_id === card.case_id && g.id !== card.group_id);
  return menu(`card:${card.id}`, `${t.actions_for}: ${card.text}`, [
    card.approved ? null : ['approve', t.approve, () => actions.moderate('approve', card), 'primary'],
    card.hidden ? ['unhide', t.unhide, () => actions.moderate('unhide', card)]
      : ['hide', t.hide, () => actions.moderate('hide', card)],
    ['edit', t.edit, () => actions.edit(card)],
    ...others.map((g) => [`into-${g.id}`, `${t.move_into}: ${g.label}`, () => actions.moveToGroup(card, g)]),
    card.group_id ? ['out', t.take_out, () => actions.takeOut(card)] : null,
    ['new-group', t.new_group_with, () => actions.newGroup(card.case_id, [card.id], card.kind, `card:${card.id}:menu`)],
    ['delete', t.delete, () => actions.moderate('delete', card), 'danger'],
  ], ctx);
}

export function cardNode(card, ctx, inGroup = false) {
  const { t, labels, actions } = ctx;
  const node = el('li', {
    class: `card card-${card.kind}${card.hidden ? ' card-hidden' : ''}${card.approved ? '' : ' card-unapproved'}`,
    'data-card-id': card.id, 'data-focus-owner': `card:${card.id}:menu`,
  });
  if (ctx.editing === card.id) {
    node.append(editFormNode(card, ctx));
    return node;
  }
  const { toggle, list } = cardMenu(card, ctx);
  node.append(el('div', { class: 'card-head' },
    el('input', { type: 'checkbox', class: 'select-card', 'aria-label': `${t.select}: ${card.text}`,
      'data-focus-key': `card:${card.id}:select`, checked: ctx.selected.has(card.id),
      onchange: (ev) => actions.select(card.id, ev.target.checked) }),
    kindMark(card.kind, t),
    el('span', { class: 'card-category', text: labels.get(card.category_id) || '' }),
    // Inside a group the dots are counted once, on the group.
    inGroup ? null : dots(card.votes, t),
    toggle));
  node.append(el('p', { class: 'card-text', text: card.text }));
  if (card.detail) node.append(el('p', { class: 'card-detail', text: card.detail }));
  const badges = [];
  if (card.hidden) badges.push(el('span', { class: 'badge badge-hidden', text: t.hidden }));
  if (!card.approved) badges.push(el('span', { class: 'badge badge-unapproved', text: t.unapproved }));
  if (badges.length) node.append(el('p', { class: 'badges' }, ...badges));
  if (list) node.append(list);
  if (ctx.confirm?.owner === `card:${card.id}`) node.append(confirmNode(ctx));
  return node;
}

function groupNode(group, members, ctx) {
  const { t, actions } = ctx;
  const votes = members.reduce((sum, c) => sum + (c.votes || 0), 0);
  const renaming = ctx.groupForm?.groupId === group.id;
  const { toggle, list } = menu(`group:${group.id}`, `${t.actions_for_group}: ${group.label}`, [
    ['rename', t.rename, () => actions.renameGroup(group)],
    ['dissolve', t.dissolve, () => actions.dissolve(group, members)],
  ], ctx);
  return el('section', { class: 'group', 'data-group-id': group.id,
    'data-focus-owner': `group:${group.id}:menu`, 'aria-label': `${t.group}: ${group.label}` },
  el('header', { class: 'group-head' },
    el('strong', { class: 'group-label', text: group.label }),
    el('span', { class: 'small muted', text: `${members.length} ${members.length === 1 ? t.card : t.cards}` }),
    dots(votes, t), toggle),
  list, renaming ? groupFormNode(ctx) : null,
  el('ul', { class: 'cards drop-list', 'data-group-id': group.id, 'data-case-id': group.case_id,
    'aria-label': `${t.group}: ${group.label}` },
  ...members.map((c) => cardNode(c, ctx, true))));
}

// A group stands in the column of its first card (a group of one kind is the rule).
function groupKind(members) { return members[0]?.kind || 'resource'; }

function columnNode(theCase, kind, own, caseGroups, ctx) {
  const { t } = ctx;
  const groupsHere = caseGroups.filter((g) => groupKind(own.filter((c) => c.group_id === g.id)) === kind);
  const loose = own.filter((c) => c.kind === kind && !caseGroups.some((g) => g.id === c.group_id));
  const count = own.filter((c) => c.kind === kind && !c.hidden).length;
  const formHere = ctx.groupForm && !ctx.groupForm.groupId && ctx.groupForm.caseId === theCase.id
    && ctx.groupForm.place === kind;
  return el('section', { class: `board-column column-${kind}`,
    'aria-label': `${theCase.title}: ${kind === 'resource' ? t.resources : t.barriers}` },
  el('h4', { class: `column-head kind-${kind}-head` },
    `${kind === 'resource' ? t.resources : t.barriers} `, el('span', { class: 'count', text: count })),
  // Stays in view while the column scrolls by: a card can be dropped from far down.
  el('div', { class: 'column-tools' },
    el('ul', { class: 'cards drop-list drop-new', 'data-new-group': '1', 'data-case-id': theCase.id,
      'data-kind': kind, 'aria-label': t.new_group }, el('li', { class: 'drop-hint', text: t.new_group })),
    formHere ? groupFormNode(ctx) : null),
  ...groupsHere.map((g) => groupNode(g, own.filter((c) => c.group_id === g.id), ctx)),
  el('ul', { class: 'cards drop-list', 'data-group-id': '', 'data-case-id': theCase.id,
    'data-kind': kind, 'aria-label': `${t.ungrouped}: ${kind === 'resource' ? t.resources : t.barriers}` },
  ...loose.map((c) => cardNode(c, ctx))));
}

function caseNode(theCase, ctx) {
  const { t, cards, groups, actions } = ctx;
  const own = cards.filter((c) => c.case_id === theCase.id);
  const caseGroups = groups.filter((g) => g.case_id === theCase.id);
  const selectedHere = own.filter((c) => ctx.selected.has(c.id));
  const formHere = ctx.groupForm && !ctx.groupForm.groupId && ctx.groupForm.caseId === theCase.id
    && ctx.groupForm.place === 'case';
  const tools = selectedHere.length ? el('div', { class: 'case-tools' },
    el('span', { class: 'small', text: `${selectedHere.length} ${t.selected}` }),
    selectedHere.length > 1 ? el('button', { type: 'button', class: 'small primary merge-selected',
      'data-focus-key': `case:${theCase.id}:merge`,
      text: `${t.merge_selected} (${selectedHere.length})`,
      onclick: () => actions.newGroup(theCase.id, selectedHere.map((c) => c.id), 'case', `case:${theCase.id}:merge`) }) : null,
    el('button', { type: 'button', class: 'small link', 'data-focus-key': `case:${theCase.id}:unselect`,
      text: t.unselect, onclick: () => actions.unselect(selectedHere.map((c) => c.id)) })) : null;
  return el('div', { class: 'board-case', 'data-case-id': theCase.id },
    el('h3', { text: theCase.title }),
    tools, formHere ? groupFormNode(ctx) : null,
    el('div', { class: 'case-columns' },
      columnNode(theCase, 'resource', own, caseGroups, ctx),
      columnNode(theCase, 'barrier', own, caseGroups, ctx)));
}

export function seatedText(seated, t) { return plural(t.people_count, seated); }

function islandStats(island, ctx) {
  const { t } = ctx;
  const all = ctx.cards.filter((c) => c.island_id === island.id);
  const own = all.filter((c) => !c.hidden);
  const groupCount = ctx.groups.filter((g) => g.island_id === island.id).length;
  // Every dot, as the groups count them (a group's dots may sit on a card hidden since).
  const votes = all.reduce((sum, c) => sum + (c.votes || 0), 0);
  return [`${own.length} ${own.length === 1 ? t.card : t.cards}`,
    `${groupCount} ${groupCount === 1 ? t.group : t.groups}`, `● ${votes} ${t.votes}`].join(' · ');
}

export function islandNode(island, ctx) {
  const seated = ctx.room?.by_island?.[island.id] || 0;
  const collapsed = ctx.collapsed.has(island.id) && !ctx.hostIsland;
  const bodyId = `island-body-${island.id}`;
  const title = ctx.hostIsland ? el('span', { text: island.name }) : el('button', {
    type: 'button', class: 'island-toggle', 'aria-expanded': String(!collapsed), 'aria-controls': bodyId,
    'data-focus-key': `island:${island.id}:toggle`, 'data-focus-primary': '',
    onclick: () => ctx.actions.toggleIsland(island.id),
  }, el('span', { class: 'island-chevron', 'aria-hidden': 'true', text: collapsed ? '▸' : '▾' }),
  el('span', { text: island.name }));
  return el('section', { class: `board-island${collapsed ? ' collapsed' : ''}`, 'data-island-id': island.id },
    el('h2', { class: 'island-head' }, title),
    el('p', { class: 'island-stats small muted' }, islandStats(island, ctx), ' · ',
      el('span', { class: 'island-seated', text: seatedText(seated, ctx.t) })),
    collapsed ? null : el('div', { id: bodyId, class: 'island-body' },
      ...island.cases.map((c) => caseNode(c, ctx)),
      agreementsNode(island, ctx)));
}
