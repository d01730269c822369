// The preparation page: deleting an island or a case asks first (its texts go with it);
// after a save the page comes back at the section saved, with focus on its heading (an
// error message first, when the save was refused).
document.querySelectorAll('form[data-confirm]').forEach((form) => {
  form.addEventListener('submit', (ev) => {
    if (!window.confirm(form.dataset.confirm)) ev.preventDefault();
  });
});

function focusSaved() {
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!target) return;
  if (target.tagName === 'DETAILS') target.open = true;
  const error = document.querySelector('.flash-error');
  if (error) {
    error.setAttribute('tabindex', '-1');
    error.focus();
    return;
  }
  const heading = target.matches('h2, h3') ? target : target.querySelector('h2, h3, summary');
  (heading || target).focus();
  target.scrollIntoView({ block: 'start' });
}
focusSaved();
