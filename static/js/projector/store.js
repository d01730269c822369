// Everything the projector shows, rebuilt from a snapshot and kept current by live items
// in the order of the event's sequence number (see docs/protocol.md, "Ordering").
import { CardStore, RevStore } from '../lib/cards.js';

export class ProjectorStore {
  constructor() {
    this.cards = new CardStore();
    this.groups = new RevStore('groups');
    this.agreements = new RevStore('agreements');
    this.event = null;
    this.state = null;
    this.room = null;
  }

  reset(snapshot) {
    this.event = snapshot.event;
    this.state = snapshot.state;
    this.room = snapshot.room || null;
    this.cards.reset(snapshot);
    this.groups.reset(snapshot);
    this.agreements.reset(snapshot);
  }

  // A state is newer when its seq is at least the one we hold (the timer may repeat a seq).
  applyState(state) {
    if (this.state && state.seq < this.state.seq) return false;
    this.state = state;
    return true;
  }

  islandCards(islandId) {
    return this.cards.list((c) => c.island_id === islandId);
  }

  // Groups of an island with their (live) cards; a group without visible cards is left out.
  islandGroups(islandId) {
    const cards = this.islandCards(islandId);
    return this.groups.list((g) => g.island_id === islandId)
      .map((group) => {
        const members = cards.filter((c) => c.group_id === group.id);
        return { ...group, cards: members, votes: members.reduce((sum, c) => sum + (c.votes || 0), 0) };
      })
      .filter((group) => group.cards.length > 0);
  }
}
