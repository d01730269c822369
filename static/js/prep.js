// The preparation page: deleting an island or a case asks first (its texts go with it);
// after a save the page comes back at the section saved, with what happened said there
// (saved, or why not, at the field it was about) and focused, so keyboard and screen-reader
// users go on from there.
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
  if (flashes) {
    if (heading) heading.after(flashes); else target.prepend(flashes);
    flashes.id = 'saved-message';
    flashes.setAttribute('tabindex', '-1');
    if (flashes.querySelector('.flash-error')) flashes.setAttribute('role', 'alert');
  }
  // A refused change names its field: marked invalid, described by the message, focused.
  const params = new URLSearchParams(location.search);
  const name = params.get('invalid');
  const field = name && flashes && target.querySelector(`[name="${CSS.escape(name)}"]`);
  if (name) {
    params.delete('invalid');
    const query = params.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', 'saved-message');
    field.addEventListener('input', () => field.removeAttribute('aria-invalid'), { once: true });
  }
  (field || flashes || heading || target).focus({ preventScroll: true });
  target.scrollIntoView({ block: 'start' });
}

// After the browser's own jump to the fragment, which would move focus to <body> again.
window.addEventListener('load', () => setTimeout(backAtTheSavedSection, 0));
