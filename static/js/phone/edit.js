// Editing an own card in place. The form is kept across renders (the list around it is
// rebuilt on every live update), so what is typed survives; phone.js keeps its focus and caret.
import { el } from '../lib/dom.js';
import { checkLength } from './text_limit.js';

export function setupEdit(app) {
  const { t, state, cards } = app;
  let node = null;

  const categories = (kind) => state.event.categories.filter((c) => c.kind === kind);

  function stop(focus) {
    state.editing = null;
    node = null;
    app.render({ focus });
  }

  function form(card) {
    const select = el('select', { name: 'category', 'aria-label': t.category });
    for (const kind of ['resource', 'barrier']) {
      const group = el('optgroup', { label: t[kind] });
      categories(kind).forEach((c) => group.append(el('option', { value: `${kind}:${c.id}`, text: c.label })));
      select.append(group);
    }
    select.value = `${card.kind}:${card.category_id}`;
    const errorId = `edit-error-${card.id}`;
    const text = el('textarea', { name: 'text', rows: 3, 'aria-label': t.text, 'aria-describedby': errorId });
    text.value = card.text;
    const error = el('p', { class: 'field-error', id: errorId, hidden: true });
    text.addEventListener('input', () => {
      if (text.getAttribute('aria-invalid') === 'true') checkLength(t, text, error);
    });
    const detail = el('input', { name: 'detail', maxlength: 500, 'aria-label': t.detail });
    detail.value = card.detail;
    const back = `edit-${card.id}`;
    const editing = el('form', { class: 'edit-form stack', 'data-card-id': card.id, novalidate: true },
      select, text, error, detail,
      el('div', { class: 'card-actions' },
        el('button', { type: 'submit', class: 'primary', text: t.save }),
        el('button', { type: 'button', class: 'link', text: t.cancel, onclick: () => stop(back) })));
    editing.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!checkLength(t, text, error)) { text.focus(); return; }
      const [kind, categoryId] = select.value.split(':');
      const answer = await app.request('card_edit', { card_id: card.id, kind,
        category_id: Number(categoryId), text: text.value, detail: detail.value });
      if (!answer.ok) {
        app.message(answer.error === 'timeout' ? t.offline : answer.message);
        text.focus();
        return;
      }
      app.message('');
      cards.cards.set(answer.card.id, answer.card);
      app.announce(t.announce_edited);
      stop(back);
    });
    return editing;
  }

  return {
    // The form for the card being edited (the same node render after render).
    node(card) {
      if (node?.dataset.cardId !== String(card.id)) node = form(card);
      return node;
    },
    start(card) {
      state.editing = card.id;
      node = null;
      app.render();
      node?.elements.text.focus();
    },
    reset() { state.editing = null; node = null; },
  };
}
