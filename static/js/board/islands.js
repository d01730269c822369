// Only the islands whose cards, groups, agreements or open forms changed are built again;
// the others stay in the page untouched (a card arriving at island 3 leaves the focus on
// island 1 alone, and costs an eighth of the work).
import { islandNode } from './render.js';
import { wireSortables } from './drag.js';

export class IslandViews {
  // stores: {cards, groups, agreements}; drag: the handlers for wireSortables.
  constructor(ctx, stores, drag) {
    this.ctx = ctx;
    this.stores = stores;
    this.drag = drag;
    this.cache = new Map(); // island id → {sig, node}
  }

  // Forget what was built: the structure changed, or a drag moved the nodes of an island.
  forget(islandId = null) {
    if (islandId == null) this.cache.clear(); else this.cache.delete(islandId);
  }

  islandOf(key) {
    if (!key) return null;
    const [kind, id] = key.split(':');
    const store = { card: this.stores.cards, group: this.stores.groups, agreement: this.stores.agreements }[kind];
    return store?.get(Number(id))?.island_id ?? null;
  }

  // Everything an island's DOM depends on, as one string.
  signature(island) {
    const { ctx } = this;
    const revs = (list) => list.filter((x) => x.island_id === island.id).map((x) => `${x.id}.${x.rev}`).join(',');
    const here = (key) => (this.islandOf(key) === island.id ? key : '');
    const form = ctx.groupForm;
    const formHere = form && (form.groupId ? this.islandOf(`group:${form.groupId}`) === island.id
      : island.cases.some((c) => c.id === form.caseId));
    return [revs(ctx.cards), revs(ctx.groups), revs(ctx.agreements), here(ctx.open),
      here(ctx.confirm?.owner), formHere ? form.label + form.place + form.groupId : '',
      here(ctx.editing ? `card:${ctx.editing}` : null),
      ctx.cards.filter((c) => c.island_id === island.id && ctx.selected.has(c.id)).map((c) => c.id).join(','),
      ctx.collapsed.has(island.id), ctx.phase, ctx.agreementForms.get(island.id)?.version].join('|');
  }

  // Put the islands into the board, building only the changed ones, moving nothing else.
  place(board, islands) {
    const nodes = islands.map((island) => {
      const sig = this.signature(island);
      const cached = this.cache.get(island.id);
      if (cached && cached.sig === sig) return cached.node;
      const node = islandNode(island, this.ctx);
      wireSortables(node, this.drag);
      if (cached?.node.parentNode === board) board.replaceChild(node, cached.node);
      this.cache.set(island.id, { sig, node });
      return node;
    });
    const inPlace = nodes.length === board.children.length && nodes.every((n, k) => board.children[k] === n);
    if (!inPlace) board.replaceChildren(...nodes);
  }
}
