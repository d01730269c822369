// The board's inline forms, in place of browser dialogs: correct a card, name a group,
// confirm a deletion, record a next step with the cards and groups it addresses.
// Forms are kept across renders (live updates must not wipe what is being typed).
import { el } from '../lib/dom.js';

let formCount = 0;
const uid = (name) => { formCount += 1; return `${name}-${formCount}`; };

function labelled(text, control) {
  const id = control.id || uid('field');
  control.id = id;
  return [el('label', { for: id, text }), control];
}

export function editFormNode(card, ctx) {
  if (ctx.editForm?.cardId === card.id) return ctx.editForm.form;
  const { t, categories, actions } = ctx;
  const select = el('select', { name: 'category' });
  for (const kind of ['resource', 'barrier']) {
    const group = el('optgroup', { label: t[kind] });
    categories.filter((c) => c.kind === kind)
      .forEach((c) => group.append(el('option', { value: `${kind}:${c.id}`, text: c.label })));
    select.append(group);
  }
  select.value = `${card.kind}:${card.category_id}`;
  const text = el('textarea', { name: 'text', rows: 3, maxlength: 280 });
  text.value = card.text;
  const detail = el('input', { name: 'detail', maxlength: 500 });
  detail.value = card.detail;
  const form = el('form', { class: 'edit-form stack', 'aria-label': `${t.edit}: ${card.text}` },
    ...labelled(t.category, select), ...labelled(t.card_text, text), ...labelled(t.detail, detail),
    el('div', { class: 'card-actions' },
      el('button', { type: 'submit', class: 'small primary', text: t.save }),
      el('button', { type: 'button', class: 'small', text: t.cancel, onclick: () => actions.edit(null) })));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const [kind, categoryId] = select.value.split(':');
    actions.saveEdit(card, { kind, category_id: Number(categoryId), text: text.value, detail: detail.value });
  });
  form.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') actions.edit(null); });
  ctx.editForm = { cardId: card.id, form, first: text };
  return form;
}

// The label of a new group (from ticked cards, a drop or a card's menu) or of a renamed one.
export function groupFormNode(ctx) {
  const spec = ctx.groupForm;
  if (spec.form) return spec.form;
  const { t, actions } = ctx;
  const input = el('input', { name: 'label', required: true, maxlength: 280, autocomplete: 'off' });
  input.value = spec.label;
  const form = el('form', { class: 'group-form stack', 'aria-label': t.group_label },
    ...labelled(t.group_label, input),
    el('div', { class: 'card-actions' },
      el('button', { type: 'submit', class: 'small primary', text: spec.groupId ? t.rename : t.make_group }),
      el('button', { type: 'button', class: 'small', text: t.cancel, onclick: () => actions.cancelGroupForm() })));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); actions.submitGroupForm(input.value); });
  form.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') actions.cancelGroupForm(); });
  spec.form = form;
  spec.first = input;
  return form;
}

// "Really?" in place, for what cannot be undone; the safe answer has the focus.
export function confirmNode(ctx) {
  const { t, actions } = ctx;
  const question = el('p', { id: uid('confirm'), text: ctx.confirm.text });
  const node = el('div', { class: 'confirm', role: 'group', 'aria-labelledby': question.id },
    question,
    el('div', { class: 'card-actions' },
      el('button', { type: 'button', class: 'small danger', 'data-focus-key': 'confirm:yes',
        text: ctx.confirm.yes, onclick: () => actions.confirmYes() }),
      el('button', { type: 'button', class: 'small', 'data-focus-key': 'confirm:no',
        text: t.cancel, onclick: () => actions.confirmNo() })));
  node.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') actions.confirmNo(); });
  return node;
}

function agreementForm(island, ctx) {
  const { t, actions } = ctx;
  const field = (name, label, max, required = false) => labelled(label,
    el('input', { name, maxlength: max, required, autocomplete: 'off' }));
  const checklist = el('div', { class: 'link-list' });
  const legend = el('legend', { text: t.linked_cards });
  const form = el('form', { class: 'agreement-form stack', 'aria-label': t.agreement_form },
    ...field('what', t.what, 500, true), ...field('who', t.who, 200), ...field('due', t.due, 100),
    el('fieldset', { class: 'links' }, legend, checklist));
  const submit = el('button', { type: 'submit', class: 'small primary', text: t.add_agreement });
  const cancel = el('button', { type: 'button', class: 'small', text: t.cancel, hidden: true });
  form.append(el('div', { class: 'card-actions' }, submit, cancel));
  const box = { form, checklist, checked: new Set(), details: el('details', { class: 'agreements-box' }),
    phase: null, editing: null };
  // One form for a new next step and for changing one: "Bearbeiten" loads it into the form.
  box.edit = (agreement) => {
    box.version = (box.version || 0) + 1; // the island is built again with the new ticks
    box.editing = agreement ? agreement.id : null;
    form.reset();
    box.checked = new Set();
    if (agreement) {
      form.elements.what.value = agreement.what;
      form.elements.who.value = agreement.who;
      form.elements.due.value = agreement.due;
      agreement.card_ids.forEach((id) => box.checked.add(`c${id}`));
      (agreement.group_ids || []).forEach((id) => box.checked.add(`g${id}`));
    }
    submit.textContent = agreement ? t.save_agreement : t.add_agreement;
    cancel.hidden = !agreement;
  };
  cancel.addEventListener('click', () => { box.edit(null); actions.rerender(); form.elements.what.focus(); });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ids = (prefix) => [...box.checked].filter((k) => k[0] === prefix).map((k) => Number(k.slice(1)));
    actions.saveAgreement(island, {
      id: box.editing ?? undefined,
      what: form.elements.what.value, who: form.elements.who.value, due: form.elements.due.value,
      card_ids: ids('c'), group_ids: ids('g'),
    }, () => box.edit(null));
  });
  return box;
}

// The checklist of what a next step can address: the island's groups, then its cards.
function checklistItems(island, box, ctx) {
  const { t } = ctx;
  const item = (key, mark, text) => {
    const input = el('input', { type: 'checkbox', id: `link-${island.id}-${key}`,
      'data-focus-key': `agreement:${island.id}:link:${key}`, checked: box.checked.has(key),
      onchange: (ev) => { if (ev.target.checked) box.checked.add(key); else box.checked.delete(key); } });
    return el('li', {}, input, el('label', { for: input.id }, mark, ' ', text));
  };
  const groups = ctx.groups.filter((g) => g.island_id === island.id);
  const cards = ctx.cards.filter((c) => c.island_id === island.id && !c.hidden);
  // What is no longer there cannot stay ticked (a dissolved group, a deleted card).
  const live = new Set([...groups.map((g) => `g${g.id}`), ...cards.map((c) => `c${c.id}`)]);
  [...box.checked].filter((k) => !live.has(k)).forEach((k) => box.checked.delete(k));
  const items = [
    ...groups.map((g) => item(`g${g.id}`, el('span', { class: 'link-kind', text: t.group }), g.label)),
    ...cards.map((c) => item(`c${c.id}`, el('span', { class: `link-kind kind-${c.kind}-head`, text: t[c.kind] }), c.text)),
  ];
  return items.length ? el('ul', { class: 'checklist' }, ...items)
    : el('p', { class: 'small muted', text: t.nothing_to_link });
}

export function agreementsNode(island, ctx) {
  const { t, cards, groups, agreements, actions } = ctx;
  if (!ctx.agreementForms.has(island.id)) ctx.agreementForms.set(island.id, agreementForm(island, ctx));
  const box = ctx.agreementForms.get(island.id);
  const texts = new Map(cards.map((c) => [c.id, c.text]));
  const labels = new Map(groups.map((g) => [g.id, g.label]));
  const own = agreements.filter((a) => a.island_id === island.id);
  const list = el('ul', { class: 'agreements' }, ...own.map((a) => {
    const linked = [...(a.group_ids || []).filter((id) => labels.has(id)).map((id) => `${t.group}: ${labels.get(id)}`),
      ...a.card_ids.filter((id) => texts.has(id)).map((id) => texts.get(id))];
    const key = `agreement:${a.id}`;
    return el('li', { class: 'agreement', 'data-agreement-id': a.id, 'data-focus-owner': `${key}:edit` },
      el('strong', { text: a.what }),
      el('span', { text: [a.who, a.due].filter(Boolean).join(' · ') }),
      linked.length ? el('span', { class: 'small muted', text: linked.join(' | ') }) : null,
      el('div', { class: 'card-actions' },
        el('button', { type: 'button', class: 'small link', 'data-focus-key': `${key}:edit`, 'data-focus-primary': '',
          'aria-label': `${t.edit}: ${a.what}`, text: t.edit, onclick: () => actions.editAgreement(box, a) }),
        el('button', { type: 'button', class: 'small link danger', 'data-focus-key': `${key}:delete`,
          'aria-label': `${t.delete}: ${a.what}`, text: t.delete, onclick: () => actions.deleteAgreement(a) })),
      ctx.confirm?.owner === key ? confirmNode(ctx) : null);
  }));
  box.checklist.replaceChildren(checklistItems(island, box, ctx));
  // Opens by itself when the session reaches "next steps"; otherwise as the facilitator left it.
  if (box.phase !== ctx.phase) { box.details.open = ctx.phase === 'next_steps'; box.phase = ctx.phase; }
  box.details.replaceChildren(el('summary', { text: `${t.agreements} (${own.length})` }), list, box.form);
  return box.details;
}
