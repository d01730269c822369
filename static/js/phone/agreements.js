// Nächste Schritte: what, who, by when, and the cards each agreement addresses (read-only).
import { $, el, show } from '../lib/dom.js';

export function renderAgreements(app, phase) {
  const { t } = app;
  const visible = phase === 'next_steps' || phase === 'closing';
  show($('agreements'), visible);
  if (!visible) return;
  const list = $('agreement-list');
  const items = app.agreements.list();
  list.replaceChildren(...items.map((a) => {
    const li = el('li', { class: 'agreement', 'data-agreement-id': a.id },
      el('p', { class: 'agreement-what', text: a.what }));
    const facts = el('dl', { class: 'agreement-facts' });
    if (a.who) facts.append(el('dt', { text: t.who }), el('dd', { class: 'agreement-who', text: a.who }));
    if (a.due) facts.append(el('dt', { text: t.due }), el('dd', { class: 'agreement-due', text: a.due }));
    if (facts.childElementCount) li.append(facts);
    const linked = a.card_ids.map((id) => app.cards.get(id)).filter(Boolean);
    if (linked.length) {
      li.append(el('p', { class: 'agreement-links-head small', text: `${t.addresses}:` }),
        el('ul', { class: 'agreement-links' }, ...linked.map((card) => el('li', {
          class: `linked-card linked-${card.kind}`, 'data-card-id': card.id },
          el('span', { class: 'linked-kind', text: `${t[card.kind]}: ` }),
          el('span', { class: 'linked-text', text: card.text })))));
    }
    return li;
  }));
  if (!items.length) list.append(el('li', { class: 'muted', text: t.no_agreements }));
}
