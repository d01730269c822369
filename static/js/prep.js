// The preparation page: deleting an island or a case asks first (its texts go with it).
document.querySelectorAll('form[data-confirm]').forEach((form) => {
  form.addEventListener('submit', (ev) => {
    if (!window.confirm(form.dataset.confirm)) ev.preventDefault();
  });
});
