// Applying snapshots and live card updates in order (by the event's sequence number).

export class CardStore {
  constructor() { this.cards = new Map(); this.baseSeq = 0; }

  reset(snapshot) {
    this.baseSeq = snapshot.seq;
    this.cards = new Map(snapshot.cards.map((card) => [card.id, card]));
  }

  // Returns true when the update changed what is shown.
  apply(card) {
    if (card.rev <= this.baseSeq) return false; // the snapshot already includes it
    const known = this.cards.get(card.id);
    if (known && known.rev >= card.rev) return false;
    if (card.deleted) return this.cards.delete(card.id);
    this.cards.set(card.id, known ? { ...card, mine: known.mine, client_id: known.client_id } : card);
    return true;
  }

  list(filter) {
    return [...this.cards.values()].filter(filter).sort((a, b) => a.id - b.id);
  }
}
