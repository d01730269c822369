// Building the board's DOM: islands, cases, groups and cards with their moderation buttons.
import { el } from '../lib/dom.js';
import { plural } from '../lib/plural.js';

export function cardNode(card, ctx) {
  const { t, labels, actions } = ctx;
  const node = el('li', {
    class: `card card-${card.kind}${card.hidden ? ' card-hidden' : ''}${card.approved ? '' : ' card-unapproved'}`,
    'data-card-id': card.id,
  });
  if (ctx.editing === card.id) {
    // The same form across renders: live updates must not wipe what is being typed.
    if (ctx.editForm?.cardId !== card.id) ctx.editForm = { cardId: card.id, form: editForm(card, ctx) };
    node.append(ctx.editForm.form);
    return node;
  }
  const head = el('div', { class: 'card-head' },
    el('input', { type: 'checkbox', class: 'select-card', 'aria-label': `${t.select}: ${card.text}`,
      checked: ctx.selected.has(card.id), onchange: (ev) => actions.select(card.id, ev.target.checked) }),
    el('span', { class: 'card-category', text: labels.get(card.category_id) || '' }),
    card.votes ? el('span', { class: 'votes', text: `● ${card.votes}`, title: t.votes }) : null);
  node.append(head, el('p', { class: 'card-text', text: card.text }));
  if (card.detail) node.append(el('p', { class: 'card-detail', text: card.detail }));
  const badges = [];
  if (card.hidden) badges.push(el('span', { class: 'badge badge-hidden', text: t.hidden }));
  if (!card.approved) badges.push(el('span', { class: 'badge badge-unapproved', text: t.unapproved }));
  if (badges.length) node.append(el('p', { class: 'badges' }, ...badges));
  node.append(el('div', { class: 'card-actions' },
    card.approved ? null : el('button', { type: 'button', class: 'small primary', text: t.approve,
      onclick: () => actions.moderate('approve', card) }),
    el('button', { type: 'button', class: 'small', text: card.hidden ? t.unhide : t.hide,
      onclick: () => actions.moderate(card.hidden ? 'unhide' : 'hide', card) }),
    el('button', { type: 'button', class: 'small', text: t.edit, onclick: () => actions.edit(card) }),
    el('button', { type: 'button', class: 'small danger', text: t.delete,
      onclick: () => actions.moderate('delete', card) })));
  return node;
}

function editForm(card, ctx) {
  const { t, categories, actions } = ctx;
  const select = el('select', { name: 'category', 'aria-label': t.card });
  for (const kind of ['resource', 'barrier']) {
    const group = el('optgroup', { label: t[kind] });
    categories.filter((c) => c.kind === kind)
      .forEach((c) => group.append(el('option', { value: `${kind}:${c.id}`, text: c.label })));
    select.append(group);
  }
  select.value = `${card.kind}:${card.category_id}`;
  const text = el('textarea', { name: 'text', rows: 3, maxlength: 280, 'aria-label': t.card });
  text.value = card.text;
  const detail = el('input', { name: 'detail', maxlength: 500, 'aria-label': 'Details' });
  detail.value = card.detail;
  const form = el('form', { class: 'edit-form stack' }, select, text, detail,
    el('div', { class: 'card-actions' },
      el('button', { type: 'submit', class: 'small primary', text: t.save }),
      el('button', { type: 'button', class: 'small', text: t.cancel, onclick: () => actions.edit(null) })));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const [kind, categoryId] = select.value.split(':');
    actions.saveEdit(card, { kind, category_id: Number(categoryId), text: text.value, detail: detail.value });
  });
  return form;
}

function groupNode(group, cards, ctx) {
  const { t, actions } = ctx;
  const votes = cards.reduce((sum, c) => sum + (c.votes || 0), 0);
  return el('section', { class: 'group', 'data-group-id': group.id },
    el('header', { class: 'group-head' },
      el('strong', { class: 'group-label', text: group.label }),
      votes ? el('span', { class: 'votes', text: `● ${votes}` }) : null,
      el('button', { type: 'button', class: 'small link', text: t.rename, onclick: () => actions.renameGroup(group) }),
      el('button', { type: 'button', class: 'small link', text: t.dissolve, onclick: () => actions.dissolve(group) })),
    el('ul', { class: 'cards drop-list', 'data-group-id': group.id, 'data-case-id': group.case_id },
      ...cards.map((c) => cardNode(c, ctx))));
}

function caseNode(theCase, ctx) {
  const { t, cards, groups, actions } = ctx;
  const own = cards.filter((c) => c.case_id === theCase.id);
  const caseGroups = groups.filter((g) => g.case_id === theCase.id);
  const loose = own.filter((c) => !c.group_id || !caseGroups.some((g) => g.id === c.group_id));
  const selectedHere = own.filter((c) => ctx.selected.has(c.id)).map((c) => c.id);
  return el('div', { class: 'board-case', 'data-case-id': theCase.id },
    el('h3', { text: theCase.title }),
    el('ul', { class: 'cards drop-list drop-new', 'data-new-group': '1', 'data-case-id': theCase.id,
      'aria-label': t.new_group }, el('li', { class: 'drop-hint', text: t.new_group })),
    selectedHere.length > 1 ? el('button', { type: 'button', class: 'small primary merge-selected',
      text: `${t.merge_selected} (${selectedHere.length})`, onclick: () => actions.merge(selectedHere) }) : null,
    ...caseGroups.map((g) => groupNode(g, own.filter((c) => c.group_id === g.id), ctx)),
    el('h4', { class: 'small muted', text: t.ungrouped }),
    el('ul', { class: 'cards drop-list', 'data-group-id': '', 'data-case-id': theCase.id },
      ...loose.map((c) => cardNode(c, ctx))));
}

function agreementForm(island, ctx) {
  const { t, actions } = ctx;
  const select = el('select', { multiple: true, name: 'card_ids', 'aria-label': t.linked_cards, size: 4 });
  const form = el('form', { class: 'agreement-form stack' },
    el('input', { name: 'what', required: true, maxlength: 500, placeholder: t.what, 'aria-label': t.what }),
    el('input', { name: 'who', maxlength: 200, placeholder: t.who, 'aria-label': t.who }),
    el('input', { name: 'due', maxlength: 100, placeholder: t.due, 'aria-label': t.due }),
    el('label', { class: 'small', text: t.linked_cards }), select);
  const submit = el('button', { type: 'submit', class: 'small primary', text: t.add_agreement });
  const cancel = el('button', { type: 'button', class: 'small', text: t.cancel, hidden: true });
  form.append(el('div', { class: 'card-actions' }, submit, cancel));
  const box = { form, select, details: el('details', { class: 'agreements-box' }), phase: null,
    editing: null };
  // One form for a new next step and for changing one: "Bearbeiten" loads it into the form.
  box.edit = (agreement) => {
    box.editing = agreement ? agreement.id : null;
    form.reset();
    if (agreement) {
      form.elements.what.value = agreement.what;
      form.elements.who.value = agreement.who;
      form.elements.due.value = agreement.due;
      const linked = new Set(agreement.card_ids.map(String));
      [...select.options].forEach((o) => { o.selected = linked.has(o.value); });
      form.elements.what.focus();
    }
    submit.textContent = agreement ? t.save_agreement : t.add_agreement;
    cancel.hidden = !agreement;
  };
  cancel.addEventListener('click', () => box.edit(null));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    actions.saveAgreement(island, {
      id: box.editing ?? undefined,
      what: form.elements.what.value, who: form.elements.who.value, due: form.elements.due.value,
      card_ids: [...select.selectedOptions].map((o) => Number(o.value)),
    }, () => box.edit(null));
  });
  return box;
}

function agreementsNode(island, ctx) {
  const { t, cards, agreements, actions } = ctx;
  // Kept across renders (per island): a half-typed next step survives every live update.
  if (!ctx.agreementForms.has(island.id)) ctx.agreementForms.set(island.id, agreementForm(island, ctx));
  const box = ctx.agreementForms.get(island.id);
  const texts = new Map(cards.map((c) => [c.id, c.text]));
  const own = agreements.filter((a) => a.island_id === island.id);
  const list = el('ul', { class: 'agreements' }, ...own.map((a) =>
    el('li', { class: 'agreement', 'data-agreement-id': a.id },
      el('strong', { text: a.what }),
      el('span', { text: [a.who, a.due].filter(Boolean).join(' · ') }),
      a.card_ids.length ? el('span', { class: 'small muted', text: a.card_ids.map((id) => texts.get(id) || '').join(' | ') }) : null,
      el('button', { type: 'button', class: 'small link', text: t.edit, onclick: () => box.edit(a) }),
      el('button', { type: 'button', class: 'small link danger', text: t.delete, onclick: () => actions.deleteAgreement(a) }))));
  const chosen = new Set([...box.select.selectedOptions].map((o) => o.value));
  box.select.replaceChildren(...cards.filter((c) => c.island_id === island.id && !c.hidden)
    .map((c) => {
      const option = el('option', { value: c.id, text: `${c.kind === 'resource' ? '+' : '!'} ${c.text}` });
      option.selected = chosen.has(String(c.id)); // the property: a form reset clears it
      return option;
    }));
  // Opens by itself when the session reaches "next steps"; otherwise as the facilitator left it.
  if (box.phase !== ctx.phase) { box.details.open = ctx.phase === 'next_steps'; box.phase = ctx.phase; }
  box.details.replaceChildren(el('summary', { text: `${t.agreements} (${own.length})` }), list, box.form);
  return box.details;
}

export function seatedText(seated, t) { return ` · ${plural(t.people_count, seated)}`; }

export function islandNode(island, ctx) {
  const seated = ctx.room?.by_island?.[island.id] || 0;
  return el('section', { class: 'board-island', 'data-island-id': island.id },
    el('h2', {}, el('span', { text: island.name }),
      el('span', { class: 'small muted island-seated', text: seatedText(seated, ctx.t) })),
    ...island.cases.map((c) => caseNode(c, ctx)),
    agreementsNode(island, ctx));
}
