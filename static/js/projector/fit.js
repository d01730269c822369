// Fit a view into the screen without scrolling: first shrink the type (until every box fits
// and no word is wider than its line), then break long words, then hide the last items of
// the tallest lists behind a "+N weitere" line.
import { el } from '../lib/dom.js';

const STEP = 0.05;
const WORDS = '.card-text, .card-category, .rank-text, .group-label, .agreement-what, .offer-text, .p-island-name, .bar-label, .wall-column h4';

const tooTall = (box) => box.scrollHeight > box.clientHeight + 2;
const tooWide = (box) => [...box.querySelectorAll(WORDS)].some((node) => node.scrollWidth > node.clientWidth + 1);

let watching = null; // the sizes of the view fitted last

// A long compound word may cost a little size (down to wordMin), not the readability of all.
// The fit runs again when the view's parts change size by themselves (a reader's own text
// spacing or font size, WCAG 1.4.12), not only when the content does.
export function fit(view, options) {
  layout(view, options);
  watching?.disconnect();
  const parts = [...view.querySelectorAll('[data-fit]')].flatMap((box) => [...box.children]);
  watching = watchSizes(parts, () => {
    view.querySelectorAll('[data-weight][hidden]').forEach((item) => { item.hidden = false; });
    view.querySelectorAll('[data-trim] > .more').forEach((line) => line.remove());
    view.classList.remove('fit-break'); // measured again with whole words
    layout(view, options);
  });
}

function layout(view, { start = 1, min = 0.75, wordMin = 0.95, more }) {
  let scale = start;
  view.style.setProperty('--scale', String(scale));
  const boxes = [...view.querySelectorAll('[data-fit]')];
  const crowded = () => boxes.some(tooTall) || (scale - STEP >= wordMin && boxes.some(tooWide));
  while (scale - STEP >= min && crowded()) {
    scale -= STEP;
    view.style.setProperty('--scale', scale.toFixed(2));
  }
  view.classList.toggle('fit-break', boxes.some(tooWide));
  for (const box of boxes) trim(box, more);
}

function visibleItems(list) {
  return [...list.children].filter((item) => item.dataset.weight && !item.hidden);
}

// Hide items from the end of the tallest list until the box fits; keep at least one per list.
function trim(box, more) {
  const lists = [...box.querySelectorAll('[data-trim]')];
  while (tooTall(box)) {
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

// Call `refit` when one of `nodes` changes size other than by the last refit.
function watchSizes(nodes, refit) {
  const sizes = new Map();
  const size = (node) => `${node.offsetWidth}x${node.offsetHeight}`;
  const record = () => nodes.forEach((node) => sizes.set(node, size(node)));
  const observer = new ResizeObserver(() => {
    if (nodes.every((node) => sizes.get(node) === size(node))) return;
    refit();
    record();
  });
  record();
  nodes.forEach((node) => observer.observe(node));
  return observer;
}

// The join box (QR code, address, code, countdown) is drawn at fixed sizes; when its lines no
// longer fit (a reader's text spacing, a long address) they are zoomed down together.
const ASIDE_MIN = 0.5;
function shrinkAside(aside) {
  const parts = [...aside.children];
  const crowded = () => tooTall(aside) || aside.scrollWidth > aside.clientWidth + 1;
  let zoom = 1;
  parts.forEach((part) => { part.style.zoom = ''; });
  while (zoom - STEP >= ASIDE_MIN && crowded()) {
    zoom -= STEP;
    parts.forEach((part) => { part.style.zoom = zoom.toFixed(2); });
  }
}

const aside = document.querySelector('.join-box');
if (aside) {
  shrinkAside(aside);
  watchSizes([...aside.children], () => shrinkAside(aside));
}
