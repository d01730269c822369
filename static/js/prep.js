// The preparation page: deleting an island or a case asks first (its texts go with it);
// after a save the page comes back at the section saved, with what happened said there
// (saved, or why not) and focused, so keyboard and screen-reader users go on from there.
document.querySelectorAll('form[data-confirm]').forEach((form) => {
  form.addEventListener('submit', (ev) => {
    if (!window.confirm(form.dataset.confirm)) ev.preventDefault();
  });
});

function backAtTheSavedSection() {
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!target) return;
  if (target.tagName === 'DETAILS') target.open = true;
  const heading = target.matches('h2, h3') ? target : target.querySelector('h2, h3, summary');
  const flashes = document.querySelector('.flashes');
  if (flashes && heading) {
    heading.after(flashes);
    if (flashes.querySelector('.flash-error')) flashes.setAttribute('role', 'alert');
    flashes.setAttribute('tabindex', '-1');
  }
  (flashes || heading || target).focus({ preventScroll: true });
  target.scrollIntoView({ block: 'start' });
}
// After the browser's own jump to the fragment, which would move focus to <body> again.
window.addEventListener('load', () => setTimeout(backAtTheSavedSection, 0));
