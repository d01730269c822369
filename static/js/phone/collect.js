// Sammeln: the card form, the island's cards by kind, own cards editable, the offline outbox.
// Cards the others do not see (refused after being offline, hidden by the moderation) stay in
// "Nur für Sie" in every phase, with the reason and what to do.
import { $, el, show } from '../lib/dom.js';
import { newClientId } from '../lib/outbox.js';
import { setupEdit } from './edit.js';
import { checkLength, counterText, TEXT_MAX } from './text_limit.js';

export function setupCollect(app) {
  const { t, state, cards, outbox } = app;
  const edit = setupEdit(app);

  const categories = (kind) => state.event.categories.filter((c) => c.kind === kind);
  const categoryLabel = (id) => state.event.categories.find((c) => c.id === id)?.label || '';
  const short = (text) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
  const offline = (answer) => (answer.error === 'timeout' ? t.offline : answer.message);

  // A button that names the card it acts on ("Bearbeiten: Familienzentrum …").
  function action(text, item, props) {
    return el('button', { type: 'button', class: 'link', text, 'aria-label': `${text}: ${short(item.text)}`,
      ...props });
  }

  // Over the socket once the phone has joined; before that (a slow network's first seconds,
  // the moment the network returns) over HTTP, one round trip. Exactly once either way: the
  // server keeps the first card of a client id.
  async function send(item) {
    if (!item || item.inflight) return;
    if (!(app.socket?.connected && state.joined) && app.joining) {
      await app.joining; // the join may be making this phone's token: then the socket
    }
    const live = app.socket?.connected && state.joined;
    item.inflight = true;
    const answer = live ? await app.request('card_submit', item) : await app.sendOverHttp(item);
    item.inflight = false;
    if (answer.ok) {
      outbox.remove(item.client_id);
      cards.cards.set(answer.card.id, answer.card);
      app.announce(t.announce_saved);
    } else if (answer.error !== 'timeout') {
      outbox.update(item.client_id, { status: 'failed', message: answer.message });
      app.announce(`${t.failed}: ${answer.message}`);
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

  function cardBody(card) {
    return [
      el('span', { class: 'card-category', text: `${t[card.kind]} · ${categoryLabel(Number(card.category_id))}` }),
      el('p', { class: 'card-text', text: card.text }),
      card.detail ? el('p', { class: 'card-detail', text: card.detail }) : null,
    ];
  }

  function cardItem(card, writing) {
    const li = el('li', { class: `card card-${card.kind}`, 'data-card-id': card.id }, ...cardBody(card));
    if (card.mine) {
      li.append(el('p', { class: 'card-status status-saved', text: `✓ ${t.mine} · ${t.saved}` }));
      if (card.approved === false) {
        li.append(el('p', { class: 'card-status status-review', text: `◔ ${t.awaiting_approval}` }));
      }
      if (writing) {
        li.append(state.confirming === card.id ? confirmDelete(card) : el('div', { class: 'card-actions' },
          action(t.edit, card, { 'data-focus-key': `edit-${card.id}`, onclick: () => edit.start(card) }),
          deleteButton(card)));
      }
    }
    if (writing && state.editing === card.id) li.replaceChildren(edit.node(card));
    return li;
  }

  function pendingItem(item) {
    const li = el('li', { class: `card card-${item.kind} card-pending`, 'data-client-id': item.client_id },
      ...cardBody(item),
      el('p', { class: `card-status status-${item.status}`,
        text: app.socket?.connected ? t.pending : t.waiting }));
    return li;
  }

  // Refused by the server: the text is never simply lost, whatever the phase is now.
  function refusedItem(item, phase) {
    const key = item.client_id;
    const writing = phase === 'collect';
    const todo = { collect: t.refused_todo_collect, closing: t.refused_todo_closing }[phase] || t.refused_todo_later;
    return el('li', { class: `card card-${item.kind} card-pending card-refused`, 'data-client-id': key },
      ...cardBody(item),
      el('p', { class: 'card-status status-failed', text: `${t.failed}: ${item.message || ''}` }),
      el('p', { class: 'card-todo small', text: todo }),
      el('div', { class: 'card-actions' },
        phase === 'closing' ? null
          : action(t.retry, item, { 'data-focus-key': `retry-${key}`, onclick: () => retry(item) }),
        writing ? action(t.to_form, item, { 'data-focus-key': `form-${key}`, onclick: () => backToForm(item) }) : null,
        action(t.discard, item, { class: 'link danger', 'data-focus-key': `discard-${key}`,
          onclick: () => discard(item) })));
  }

  function hiddenItem(card, writing) {
    return el('li', { class: `card card-${card.kind} card-hidden`, 'data-card-id': card.id },
      ...cardBody(card),
      el('p', { class: 'card-status status-hidden', text: t.hidden_by_moderation }),
      el('p', { class: 'card-todo small', text: t.hidden_todo }),
      !writing ? null : state.confirming === card.id ? confirmDelete(card)
        : el('div', { class: 'card-actions' }, deleteButton(card)));
  }

  function deleteButton(card) {
    return action(t.delete, card, { class: 'link danger', 'data-focus-key': `delete-${card.id}`,
      onclick: () => { state.confirming = card.id; app.render({ focus: `confirm-${card.id}` }); } });
  }

  // Asked on the card itself, not in a browser dialog: big enough to tap, and it survives
  // live updates like every other control.
  function confirmDelete(card) {
    const question = `confirm-question-${card.id}`;
    return el('div', { class: 'card-confirm', role: 'group', 'aria-labelledby': question },
      el('p', { id: question, class: 'card-confirm-question', text: t.confirm_delete }),
      el('div', { class: 'card-actions' },
        el('button', { type: 'button', class: 'danger', text: t.yes_delete,
          'data-focus-key': `confirm-${card.id}`, onclick: () => removeCard(card) }),
        el('button', { type: 'button', text: t.cancel, 'data-focus-key': `keep-${card.id}`,
          onclick: () => { state.confirming = null; app.render({ focus: `delete-${card.id}` }); } })));
  }

  function renderNotes(phase) {
    const refused = outbox.items.filter((i) => i.status === 'failed');
    const hidden = cards.list((c) => c.mine && c.hidden);
    const items = [...refused.map((i) => refusedItem(i, phase)),
      ...hidden.map((c) => hiddenItem(c, phase === 'collect'))];
    $('notes-list').replaceChildren(...items);
    show($('my-notes'), items.length > 0);
  }

  function renderCards(writing) {
    for (const kind of ['resource', 'barrier']) {
      const saved = cards.list((c) => c.kind === kind && c.case_id === state.caseId && !c.hidden);
      const waiting = outbox.items.filter((i) => i.kind === kind && i.case_id === state.caseId
        && i.status !== 'failed');
      const items = [
        ...saved.map((c) => cardItem(c, writing)),
        ...waiting.map((i) => pendingItem(i)),
      ].reverse();
      $(`list-${kind}`).replaceChildren(...items);
      if (!items.length) $(`list-${kind}`).append(el('li', { class: 'muted small', text: t.no_cards }));
      const count = String(saved.length);
      if ($(`count-${kind}`).textContent !== count) $(`count-${kind}`).textContent = count;
    }
  }

  function retry(item) {
    outbox.update(item.client_id, { status: 'pending', message: '' });
    app.render({ focus: $('my-notes').hidden ? null : 'my-notes-title' });
    send(outbox.items.find((i) => i.client_id === item.client_id));
  }

  function discard(item) {
    outbox.remove(item.client_id);
    app.announce(t.announce_discarded);
    app.render({ focus: 'my-notes-title' });
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
    app.render({ focus: 'text' });
  }

  async function removeCard(card) {
    const answer = await app.request('card_delete', { card_id: card.id });
    if (!answer.ok) { app.message(offline(answer)); return; }
    state.confirming = null;
    cards.cards.delete(card.id);
    app.announce(t.announce_deleted);
    app.render({ focus: card.hidden ? 'my-notes-title' : `head-${card.kind}` });
  }

  function submitCard(ev) {
    ev.preventDefault();
    const form = $('card-form');
    const field = form.elements.text;
    const text = field.value.trim();
    if (!text) {
      app.message(t.empty);
      field.setAttribute('aria-invalid', 'true');
      field.focus();
      return;
    }
    if (!checkLength(t, field, $('text-error'))) { field.focus(); return; }
    const item = {
      client_id: newClientId(), case_id: state.caseId, kind: form.elements.kind.value,
      category_id: Number(form.elements.category_id.value), text,
      detail: form.elements.detail.value.trim(),
    };
    outbox.add(item);
    field.value = '';
    form.elements.detail.value = '';
    updateCounter();
    app.message('');
    if (!app.socket?.connected) app.announce(t.waiting);
    app.render({ focus: 'text' });
    send(outbox.items.find((i) => i.client_id === item.client_id));
  }

  function updateCounter() {
    const field = $('text');
    $('text-counter').textContent = counterText(t, field);
    $('text-counter').classList.toggle('over', field.value.length > TEXT_MAX);
    if (field.value.length > TEXT_MAX || field.getAttribute('aria-invalid') === 'true') {
      checkLength(t, field, $('text-error'));
    }
  }

  $('card-form').addEventListener('submit', submitCard);
  $('card-form').addEventListener('change', (ev) => { if (ev.target.name === 'kind') renderCategorySelect(); });
  $('text').addEventListener('input', updateCounter);
  updateCounter();

  return {
    flush,
    notes: renderNotes,
    render(phase, theCase) {
      const writing = phase === 'collect' && Boolean(theCase);
      const hasCards = cards.items.size > 0 || outbox.items.length > 0;
      show($('card-form'), writing);
      show($('island-cards'), writing || (phase === 'arrival' && hasCards));
      if (!writing) { edit.reset(); state.confirming = null; }
      renderCategorySelect();
      renderCards(writing);
    },
  };
}
