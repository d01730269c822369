// Every render keeps keyboard and screen-reader users where they were: the focused control
// itself (an edit field moved into a new list item keeps its caret), else the control for the
// same card and action (data-focus-key), else the heading of the view that replaced it; never
// <body>. A render that changes the view names where focus goes instead.
const visible = (node) => node?.isConnected && node.getClientRects().length > 0;
const byKey = (key) => key && document.querySelector(`[data-focus-key="${key}"]`);

// paint() redraws; wanted is an element id or focus key; fallback() gives the view's heading.
export function renderKeepingFocus(paint, { wanted = null, fallback }) {
  const before = document.activeElement;
  const key = before?.dataset?.focusKey;
  const caret = before && 'selectionStart' in before && typeof before.selectionStart === 'number'
    ? [before.selectionStart, before.selectionEnd] : null;
  paint();
  if (wanted) {
    const target = document.getElementById(wanted) || byKey(wanted);
    (visible(target) ? target : fallback()).focus();
    return;
  }
  if (!before || before === document.body) return;
  // A control hidden by this render may still count as focused until the browser notices.
  if (visible(before)) {
    if (document.activeElement === before) return;
    before.focus({ preventScroll: true });
    if (caret) before.setSelectionRange(...caret);
    return;
  }
  // A vanished "back" button hands its focus to the "+" button of the same item.
  const next = byKey(key) || byKey(key?.replace(/^remove-/, 'add-'));
  (visible(next) ? next : fallback()).focus();
}
