// Fit a view into the screen without scrolling: first shrink the type a little,
// then hide the last items of the longest lists behind a "+N weitere" line.
import { el } from '../lib/dom.js';

const STEP = 0.06;

const overflows = (box) => box.scrollHeight > box.clientHeight + 2;

export function fit(view, { start = 1, min = 0.75, more }) {
  let scale = start;
  view.style.setProperty('--scale', String(scale));
  const boxes = [...view.querySelectorAll('[data-fit]')];
  while (scale - STEP >= min && boxes.some(overflows)) {
    scale -= STEP;
    view.style.setProperty('--scale', scale.toFixed(2));
  }
  for (const box of boxes) trim(box, more);
}

function visibleItems(list) {
  return [...list.children].filter((item) => item.dataset.weight && !item.hidden);
}

// Hide items from the end of the tallest list until the box fits; keep at least one per list.
function trim(box, more) {
  const lists = [...box.querySelectorAll('[data-trim]')];
  while (overflows(box)) {
    const candidates = lists.filter((list) => visibleItems(list).length > 1);
    if (!candidates.length) return;
    const list = candidates.reduce((a, b) => (b.offsetHeight > a.offsetHeight ? b : a));
    const items = visibleItems(list);
    items[items.length - 1].hidden = true;
    const hidden = [...list.children].filter((item) => item.dataset.weight && item.hidden)
      .reduce((sum, item) => sum + Number(item.dataset.weight), 0);
    let line = list.querySelector(':scope > .more');
    if (!line) line = list.appendChild(el('li', { class: 'more' }));
    line.textContent = more(hidden);
  }
}
