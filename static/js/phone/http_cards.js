// Cards over HTTP while the socket is not there yet: on a slow network the socket needs four
// round trips before it can carry a card, a POST on the page's open connection needs one.
export function setupHttpCards({ code, tokenKey, islandToSeat, timeoutMs = 8000 }) {
  let queue = Promise.resolve();

  async function post(item) {
    if (navigator.onLine === false) return { ok: false, error: 'timeout' }; // wait for 'online'
    const token = localStorage.getItem(tokenKey);
    const { client_id, case_id, kind, category_id, text, detail } = item;
    // A phone that has not joined yet sits down with this card at the island of its QR code
    // or the one it picked on the page (as the socket's join would).
    const body = { client_id, case_id, kind, category_id, text, detail, token,
      island_id: islandToSeat() };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(`/j/${encodeURIComponent(code)}/cards`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body), signal: controller.signal,
      });
      const answer = await response.json();
      if (answer.token) localStorage.setItem(tokenKey, answer.token);
      return answer;
    } catch {
      return { ok: false, error: 'timeout' }; // no network: the card keeps waiting
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    // One request at a time: the first may create the phone's participant, the next carry its token.
    send(item) {
      const answer = queue.then(() => post(item));
      queue = answer;
      return answer;
    },
    // The socket's join waits for a join over HTTP in flight, so that it uses the same token.
    idle() { return queue; },
  };
}
