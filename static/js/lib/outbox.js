// Cards written on this phone that the server has not confirmed yet. Kept in localStorage,
// so they survive a lost connection, a screen lock and a reload.

export class Outbox {
  constructor(key) { this.key = key; this.items = this.load(); }

  load() {
    // An item in flight when the page closed is waiting again (its answer never came).
    try {
      return (JSON.parse(localStorage.getItem(this.key)) || []).map(({ inflight, ...item }) => item);
    } catch { return []; }
  }

  save() {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.items, (k, v) => (k === 'inflight' ? undefined : v)));
    } catch { /* full or private mode */ }
  }

  add(item) { this.items.push({ ...item, status: 'pending' }); this.save(); }

  update(clientId, changes) {
    const item = this.items.find((i) => i.client_id === clientId);
    if (item) { Object.assign(item, changes); this.save(); }
  }

  remove(clientId) {
    this.items = this.items.filter((i) => i.client_id !== clientId);
    this.save();
  }

  pending() { return this.items.filter((i) => i.status === 'pending'); }
}

export function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
