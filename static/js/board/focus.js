// Keeping the keyboard user's place across re-renders, and one status line that speaks once.
//
// Every control of the live lists carries data-focus-key ("card:12:menu", "group:3:rename").
// A render replaces the nodes; the focus goes back to the control with the same key, or, when
// that control is gone (a closed menu, a deleted card), to its card's or group's menu button,
// then to a neighbour: never to <body>.

const PRIMARY = '[data-focus-primary]';

function keyOf(node) { return node?.closest?.('[data-focus-key]')?.dataset.focusKey || null; }

// Where to go if the focused control disappears: its owner, then the nearest neighbours.
function fallbacks(root, active) {
  const owner = active.closest('[data-focus-owner]')?.dataset.focusOwner;
  const primaries = [...root.querySelectorAll(PRIMARY)];
  const anchor = owner ? primaries.findIndex((n) => n.dataset.focusKey === owner) : -1;
  let at = anchor;
  if (at < 0) {
    // Not inside a card or group: the first primary control after it, in document order.
    at = primaries.findIndex((n) => active.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (at < 0) at = primaries.length;
  }
  const after = primaries.slice(at + (anchor >= 0 ? 1 : 0), at + 4);
  const before = primaries.slice(Math.max(0, at - 3), at).reverse();
  // A neighbour on the same island first, then the island's own button, then anything near.
  const island = active.closest('[data-island-id]');
  const near = [...after, ...before];
  const same = near.filter((n) => island && island.contains(n));
  return [owner, ...same.map((n) => n.dataset.focusKey),
    island ? `island:${island.dataset.islandId}:toggle` : null,
    ...near.map((n) => n.dataset.focusKey)].filter(Boolean);
}

// What to restore after the next render; null when the focus is outside the root.
export function captureFocus(root) {
  const active = document.activeElement;
  if (!active || active === document.body || !root.contains(active)) return null;
  const range = 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null;
  return { node: active, key: keyOf(active), fallbacks: fallbacks(root, active), range };
}

function focusNode(node, range) {
  node.focus({ preventScroll: true });
  if (range && range[0] != null) { try { node.setSelectionRange(...range); } catch { /* not text */ } }
  // The focused control must be on screen (WCAG 2.4.7): scroll only when it is not.
  const box = node.getBoundingClientRect();
  if (box.bottom < 0 || box.top > window.innerHeight) node.scrollIntoView({ block: 'center' });
}

export function findKey(root, key) {
  return root.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
}

// Put the focus back after a render. `wanted` (a key) wins when an action chose where to go.
export function restoreFocus(root, saved, wanted = null) {
  if (wanted) {
    const node = findKey(root, wanted);
    if (node) { focusNode(node); return true; }
  }
  if (!saved) return false;
  if (document.activeElement === saved.node) return true;
  // Kept forms are moved, not rebuilt: the same node, with its cursor.
  if (saved.node.isConnected && !saved.key) { focusNode(saved.node, saved.range); return true; }
  for (const key of [saved.key, ...saved.fallbacks].filter(Boolean)) {
    const node = findKey(root, key);
    if (node && !node.disabled && node.getClientRects().length) {
      focusNode(node, key === saved.key ? saved.range : null);
      return true;
    }
  }
  return false;
}

// One polite status line per screen: each message is read once, and the same words twice in
// a row are read twice (the text is emptied first).
export function announcer(node, showFor = 6000) {
  let timer = null;
  return (text) => {
    node.textContent = '';
    clearTimeout(timer);
    timer = setTimeout(() => {
      node.textContent = text;
      // Then out of sight again (an emptied region reads nothing out).
      timer = setTimeout(() => { node.textContent = ''; }, showFor);
    }, 50);
  };
}
