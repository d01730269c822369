// What the facilitator does on the board: each action changes the state, says what it did in
// the status line and puts the focus where the work goes on (see done() in main.js).
const fill = (template, value) => template.replace('{name}', value);

// `board`: the state (ctx), the stores, and call/done/render/saveView of the screen.
export function boardActions({ ctx, cards, groups, agreements, call, done, render, saveView }) {
  const { t } = ctx;
  const actions = {
    rerender: () => render(),
    toggleIsland(id) {
      if (ctx.collapsed.has(id)) ctx.collapsed.delete(id); else ctx.collapsed.add(id);
      saveView();
      render();
    },
    toggleMenu(key) {
      ctx.open = ctx.open === key ? null : key;
      ctx.confirm = null;
      done(`${key}:menu`);
    },
    // A chosen action closes its menu at once; the focus waits on the menu's button.
    closeMenu(key) {
      if (ctx.open !== key) return;
      ctx.open = null;
      done(`${key}:menu`);
    },
    select(id, on) { if (on) ctx.selected.add(id); else ctx.selected.delete(id); render(); },
    unselect(ids) { ids.forEach((id) => ctx.selected.delete(id)); done(null, t.selection_cleared); },
    edit(card) {
      const before = ctx.editing;
      ctx.editing = card ? card.id : null;
      ctx.editForm = null;
      ctx.open = null;
      render();
      if (card) ctx.editForm.first.focus();
      else if (before) done(`card:${before}:menu`);
    },
    async saveEdit(card, values) {
      const answer = await call('moderate', { action: 'edit', card_id: card.id, ...values });
      if (answer.ok) {
        ctx.editing = null; ctx.editForm = null; cards.apply(answer.card);
        done(`card:${card.id}:menu`, t.done_edit);
      }
    },
    moderate(action, card) {
      if (action === 'delete') {
        ctx.confirm = { owner: `card:${card.id}`, text: t.confirm_delete, yes: t.delete,
          back: `card:${card.id}:menu`, run: () => actions.apply('delete', card) };
        done('confirm:no');
        return;
      }
      actions.apply(action, card);
    },
    async apply(action, card) {
      const answer = await call('moderate', { action, card_id: card.id });
      if (answer.ok) {
        cards.apply(answer.card);
        ctx.confirm = null;
        ctx.selected.delete(card.id);
        done(action === 'delete' ? null : `card:${card.id}:menu`, t[`done_${action}`]);
      }
    },
    confirmYes() { const { run } = ctx.confirm; run(); },
    confirmNo() { const { back } = ctx.confirm; ctx.confirm = null; done(back); },
    newGroup(caseId, cardIds, place, back) {
      const first = cards.get(cardIds[0]);
      ctx.open = null;
      ctx.groupForm = { caseId, cardIds, place, back, label: first ? first.text : '' };
      render();
      ctx.groupForm.first.focus();
      ctx.groupForm.first.select();
    },
    renameGroup(group) {
      ctx.open = null;
      ctx.groupForm = { groupId: group.id, label: group.label, back: `group:${group.id}:menu` };
      render();
      ctx.groupForm.first.focus();
    },
    async submitGroupForm(label) {
      const spec = ctx.groupForm;
      const answer = spec.groupId
        ? await call('group', { action: 'rename', group_id: spec.groupId, label })
        : await call('group', { action: 'create', card_ids: spec.cardIds, label });
      if (!answer.ok) return;
      groups.apply(answer.group);
      ctx.groupForm = null;
      spec.cardIds?.forEach((id) => ctx.selected.delete(id));
      done(`group:${answer.group.id}:menu`, fill(spec.groupId ? t.done_rename : t.done_group, label));
    },
    cancelGroupForm() {
      const { back } = ctx.groupForm;
      ctx.groupForm = null;
      done(back);
    },
    async moveToGroup(card, group) {
      const answer = await call('group', { action: 'add', group_id: group.id, card_id: card.id });
      if (answer.ok) done(`card:${card.id}:menu`, fill(t.done_group_add, group.label));
    },
    async takeOut(card) {
      const answer = await call('group', { action: 'remove', card_id: card.id });
      if (answer.ok) done(`card:${card.id}:menu`, t.done_group_remove);
    },
    async dissolve(group, members) {
      const answer = await call('group', { action: 'dissolve', group_id: group.id });
      if (answer.ok) {
        groups.apply(answer.group);
        done(members.length ? `card:${members[0].id}:menu` : null, fill(t.done_dissolve, group.label));
      }
    },
    editAgreement(box, agreement) {
      box.edit(agreement);
      render();
      box.form.elements.what.focus();
    },
    async saveAgreement(island, values, reset) {
      const answer = await call('agreement', { island_id: island.id, ...values });
      if (answer.ok) {
        reset();
        agreements.apply(answer.agreement);
        done(null, t.done_agreement);
      }
    },
    deleteAgreement(agreement) {
      const key = `agreement:${agreement.id}`;
      ctx.confirm = { owner: key, text: t.confirm_delete_agreement, yes: t.delete, back: `${key}:edit`,
        run: async () => {
          const answer = await call('agreement', { action: 'delete', id: agreement.id });
          if (answer.ok) {
            agreements.apply(answer.agreement);
            ctx.confirm = null;
            done(null, t.done_agreement_delete);
          }
        } };
      done('confirm:no');
    },
  };
  return actions;
}
