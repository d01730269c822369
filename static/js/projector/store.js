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

  // Every island's cards (oldest first) and groups in one pass: the wall of 40 islands
  // asks for each island, and a filter over all cards per island per render adds up.
  byIsland() {
    const cards = new Map();
    for (const card of this.cards.list()) {
      if (!cards.has(card.island_id)) cards.set(card.island_id, []);
      cards.get(card.island_id).push(card);
    }
    const groups = new Map();
    for (const group of this.groups.list()) {
      const members = (cards.get(group.island_id) || []).filter((c) => c.group_id === group.id);
      if (!members.length) continue;
      if (!groups.has(group.island_id)) groups.set(group.island_id, []);
      groups.get(group.island_id).push({ ...group, cards: members,
        votes: members.reduce((sum, c) => sum + (c.votes || 0), 0) });
    }
    return { cards, groups };
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
