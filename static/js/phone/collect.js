// Sammeln: the card form, the island's cards by kind, own cards editable, the offline outbox.
import { $, el, show } from '../lib/dom.js';
import { newClientId } from '../lib/outbox.js';

export function setupCollect(app) {
  const { t, state, cards, outbox } = app;
  let editNode = null; // kept across renders, so typing survives live updates

  const categories = (kind) => state.event.categories.filter((c) => c.kind === kind);
  const categoryLabel = (id) => state.event.categories.find((c) => c.id === id)?.label || '';

  // Over the socket once the phone has joined; before that (a slow network's first seconds,
  // the moment the network returns) over HTTP, one round trip. Exactly once either way: the
  // server keeps the first card of a client id.
  async function send(item) {
    if (!item || item.inflight) return;
    const live = app.socket?.connected && state.joined;
    item.inflight = true;
    const answer = live ? await app.request('card_submit', item) : await app.sendOverHttp(item);
    item.inflight = false;
    if (answer.ok) {
      outbox.remove(item.client_id);
      cards.cards.set(answer.card.id, answer.card);
    } else if (answer.error !== 'timeout') {
      outbox.update(item.client_id, { status: 'failed', message: answer.message });
    }
    app.render();
  }

  function flush() { outbox.pending().forEach(send); }

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
    return app.socket?.connected ? t.pending : t.waiting;
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
        // Refused (the phase moved on, the table changed): the text is never simply lost.
        li.append(el('div', { class: 'card-actions' },
          el('button', { type: 'button', class: 'link', text: t.retry, onclick: () => retry(pending) }),
          writing ? el('button', { type: 'button', class: 'link', text: t.to_form,
            onclick: () => backToForm(pending) }) : null,
          el('button', { type: 'button', class: 'link danger', text: t.delete,
            onclick: () => { outbox.remove(pending.client_id); app.render(); } })));
      }
    } else if (card.mine) {
      li.append(el('p', { class: 'card-status status-saved', text: `✓ ${t.mine} · ${t.saved}` }));
      if (card.approved === false) {
        li.append(el('p', { class: 'card-status status-review', text: `◔ ${t.awaiting_approval}` }));
      }
      if (writing) {
        li.append(el('div', { class: 'card-actions' },
          el('button', { type: 'button', class: 'link', text: t.edit, 'data-focus-key': `edit-${card.id}`,
            onclick: () => startEdit(card) }),
          el('button', { type: 'button', class: 'link danger', text: t.delete, onclick: () => removeCard(card) })));
      }
    }
    if (writing && state.editing === card.id) {
      if (editNode?.dataset.cardId !== String(card.id)) editNode = editForm(card);
      li.replaceChildren(editNode);
    }
    return li;
  }

  function renderCards(writing) {
    for (const kind of ['resource', 'barrier']) {
      const saved = cards.list((c) => c.kind === kind && c.case_id === state.caseId);
      // Failed cards show under any case (after a rotation their case may be another table's).
      const waiting = outbox.items.filter((i) => i.kind === kind
        && (i.case_id === state.caseId || i.status === 'failed'));
      const items = [
        ...saved.map((c) => cardItem(c, { writing })),
        ...waiting.map((i) => cardItem(i, { pending: i, writing })),
      ].reverse();
      $(`list-${kind}`).replaceChildren(...items);
      if (!items.length) $(`list-${kind}`).append(el('li', { class: 'muted small', text: t.no_cards }));
      $(`count-${kind}`).textContent = saved.length;
    }
  }

  function retry(item) {
    outbox.update(item.client_id, { status: 'pending', message: '' });
    app.render();
    send(outbox.items.find((i) => i.client_id === item.client_id));
  }

  function backToForm(item) {
    const form = $('card-form');
    form.elements.kind.value = item.kind;
    renderCategorySelect();
    if (state.event.categories.some((c) => c.id === Number(item.category_id))) {
      form.elements.category_id.value = String(item.category_id);
    }
    form.elements.text.value = item.text;
    form.elements.detail.value = item.detail || '';
    updateCounter();
    outbox.remove(item.client_id);
    app.render();
    form.elements.text.focus();
  }

  function stopEdit() { state.editing = null; editNode = null; app.render(); }

  function editForm(card) {
    const select = el('select', { name: 'category', 'aria-label': t.category });
    for (const kind of ['resource', 'barrier']) {
      const group = el('optgroup', { label: t[kind] });
      categories(kind).forEach((c) => group.append(el('option', { value: `${kind}:${c.id}`, text: c.label })));
      select.append(group);
    }
    select.value = `${card.kind}:${card.category_id}`;
    const text = el('textarea', { name: 'text', rows: 3, maxlength: 280, 'aria-label': t.text });
    text.value = card.text;
    const detail = el('input', { name: 'detail', maxlength: 500, 'aria-label': t.detail });
    detail.value = card.detail;
    const form = el('form', { class: 'edit-form stack', 'data-card-id': card.id }, select, text, detail,
      el('div', { class: 'card-actions' },
        el('button', { type: 'submit', class: 'primary', text: t.save }),
        el('button', { type: 'button', class: 'link', text: t.cancel, onclick: stopEdit })));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const [kind, categoryId] = select.value.split(':');
      const answer = await app.request('card_edit', { card_id: card.id, kind,
        category_id: Number(categoryId), text: text.value, detail: detail.value });
      if (!answer.ok) { app.message(answer.error === 'timeout' ? t.offline : answer.message); return; }
      app.message('');
      cards.cards.set(answer.card.id, answer.card);
      stopEdit();
    });
    return form;
  }

  function startEdit(card) { state.editing = card.id; editNode = null; app.render(); }

  async function removeCard(card) {
    if (!window.confirm(t.confirm_delete)) return;
    const answer = await app.request('card_delete', { card_id: card.id });
    if (!answer.ok) { app.message(answer.error === 'timeout' ? t.offline : answer.message); return; }
    cards.cards.delete(card.id);
    app.render();
  }

  function submitCard(ev) {
    ev.preventDefault();
    const form = $('card-form');
    const text = form.elements.text.value.trim();
    if (!text) { app.message(t.empty); form.elements.text.focus(); return; }
    const item = {
      client_id: newClientId(), case_id: state.caseId, kind: form.elements.kind.value,
      category_id: Number(form.elements.category_id.value), text,
      detail: form.elements.detail.value.trim(),
    };
    outbox.add(item);
    form.elements.text.value = '';
    form.elements.detail.value = '';
    updateCounter();
    app.message('');
    app.render();
    send(outbox.items.find((i) => i.client_id === item.client_id));
  }

  function updateCounter() { $('text-left').textContent = 280 - $('text').value.length; }

  $('card-form').addEventListener('submit', submitCard);
  $('card-form').addEventListener('change', (ev) => { if (ev.target.name === 'kind') renderCategorySelect(); });
  $('text').addEventListener('input', updateCounter);

  return {
    flush,
    render(phase, theCase) {
      const writing = phase === 'collect' && Boolean(theCase);
      const hasCards = cards.items.size > 0 || outbox.items.length > 0;
      show($('card-form'), writing);
      show($('island-cards'), writing || (phase === 'arrival' && hasCards));
      if (!writing && state.editing) { state.editing = null; editNode = null; }
      renderCategorySelect();
      renderCards(writing);
    },
  };
}
