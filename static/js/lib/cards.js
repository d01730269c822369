// Applying snapshots and live updates in order (by the event's sequence number).
// RevStore works for any item with {id, rev, deleted}: cards, groups, agreements.

export class RevStore {
  constructor(field) { this.field = field; this.items = new Map(); this.baseSeq = 0; }

  reset(snapshot) {
    // Live items newer than the snapshot (they overtook it while it was being inflated) stay.
    const newer = [...this.items.values()].filter((item) => item.rev > snapshot.seq
      && (snapshot.island_id === undefined || item.island_id === snapshot.island_id));
    this.baseSeq = snapshot.seq;
    this.items = new Map((snapshot[this.field] || []).map((item) => [item.id, item]));
    newer.forEach((item) => this.apply(item));
  }

  // A delta snapshot: the items changed since the last one, then its seq as the new base.
  patch(snapshot) {
    (snapshot[this.field] || []).forEach((item) => this.apply(item));
    this.baseSeq = snapshot.seq;
  }

  // Returns true when the update changed what is shown.
  apply(item) {
    if (item.rev <= this.baseSeq) return false; // the snapshot already includes it
    const known = this.items.get(item.id);
    if (known && known.rev >= item.rev) return false;
    if (item.deleted) return this.items.delete(item.id);
    this.items.set(item.id, this.merge(known, item));
    return true;
  }

  merge(known, item) { return item; }

  get(id) { return this.items.get(id); }

  list(filter = () => true) {
    return [...this.items.values()].filter(filter).sort((a, b) => a.id - b.id);
  }
}

export class CardStore extends RevStore {
  constructor() { super('cards'); }

  get cards() { return this.items; }

  set cards(map) { this.items = map; }

  // The phone's own cards keep knowing they are its own.
  merge(known, card) {
    return known ? { ...card, mine: known.mine, client_id: known.client_id } : card;
  }
}
