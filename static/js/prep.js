// The preparation page: deleting an island or a case asks first (its texts go with it), in
// the page, never in a browser dialog; after a save the page comes back at the section saved, with what happened said there
// (saved, or why not, at the field it was about) and focused, so keyboard and screen-reader
// users go on from there.
// The question goes after the form with a button named like the one pressed and
// "Abbrechen"; the question takes the focus (read out with its group), Abbrechen or Escape
// closes it and puts the focus back on the button pressed.
const askTemplate = document.getElementById('confirm-template');
let asked = 0;

function ask(form, button) {
  form.parentElement.querySelector(':scope > .confirm')?.remove();
  const node = askTemplate.content.firstElementChild.cloneNode(true);
  const question = node.querySelector('.confirm-question');
  question.id = `confirm-question-${++asked}`;
  question.textContent = form.dataset.confirm;
  node.setAttribute('aria-labelledby', question.id);
  const yes = node.querySelector('.confirm-yes');
  // Named as the button pressed says it (an icon button's words are visually hidden).
  yes.textContent = (button.querySelector('.visually-hidden') || button).textContent;
  if (button.hasAttribute('aria-label')) yes.setAttribute('aria-label', button.getAttribute('aria-label'));
  const close = () => { node.remove(); button.focus(); };
  yes.addEventListener('click', () => {
    form.dataset.confirmed = 'yes';
    form.requestSubmit(button);
  });
  node.querySelector('.confirm-no').addEventListener('click', close);
  node.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') close(); });
  form.after(node);
  question.focus();
}

document.querySelectorAll('form[data-confirm]').forEach((form) => {
  form.addEventListener('submit', (ev) => {
    if (form.dataset.confirmed) return;
    ev.preventDefault();
    ask(form, ev.submitter || form.querySelector('[type=submit]'));
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
