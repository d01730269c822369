// The optional profile: field of work, organisation, what I can offer, a name only if given.
import { $, el, show } from '../lib/dom.js';

export function setupProfile(app) {
  const form = $('profile-form');
  let dirty = false;

  function fields(list, chosen) {
    const select = $('field-of-work');
    const value = chosen ?? select.value;
    select.replaceChildren(el('option', { value: '', text: app.t.no_field }),
      ...list.map((f) => el('option', { value: f, text: f })));
    select.value = list.includes(value) ? value : '';
  }

  function fill(profile) {
    if (dirty || !profile) return;
    fields(app.state.settings?.fields_of_work || [], profile.field_of_work);
    form.elements.organisation.value = profile.organisation;
    form.elements.offer.value = profile.offer;
    form.elements.display_name.value = profile.display_name;
  }

  // A refused field: marked invalid, the message right after it and in its description, focused.
  function refused(field, text) {
    const error = $('profile-error');
    for (const other of form.elements) {
      if (other.getAttribute('aria-invalid') !== 'true') continue;
      other.removeAttribute('aria-invalid');
      const rest = (other.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== error.id);
      if (rest.length) other.setAttribute('aria-describedby', rest.join(' '));
      else other.removeAttribute('aria-describedby');
    }
    show(error, Boolean(field));
    if (!field) return;
    error.textContent = text;
    field.closest('label').after(error);
    field.setAttribute('aria-invalid', 'true');
    const described = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    field.setAttribute('aria-describedby', [...described, error.id].join(' '));
    field.focus();
  }

  form.addEventListener('input', () => { dirty = true; show($('profile-saved'), false); });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const answer = await app.request('profile', {
      field_of_work: form.elements.field_of_work.value,
      organisation: form.elements.organisation.value.trim(),
      offer: form.elements.offer.value.trim(),
      display_name: form.elements.display_name.value.trim(),
    });
    if (!answer.ok) {
      if (answer.field && form.elements[answer.field]) { refused(form.elements[answer.field], answer.message); return; }
      app.message(answer.error === 'timeout' ? app.t.offline : answer.message);
      return;
    }
    app.message('');
    refused(null);
    dirty = false;
    app.state.profile = answer.profile;
    fill(answer.profile);
    $('profile-saved').textContent = `✓ ${app.t.profile_saved}`;
    show($('profile-saved'), true);
    app.announce(app.t.profile_saved);
  });

  function toggle(open) {
    app.state.profileOpen = open;
    app.render();
    if (open) { $('profile').scrollIntoView({ block: 'start' }); $('field-of-work').focus(); }
  }
  $('profile-toggle').addEventListener('click', () => toggle(!app.state.profileOpen));
  $('profile-close').addEventListener('click', () => { toggle(false); $('profile-toggle').focus(); });

  return {
    fill,
    fields: (list) => fields(list),
    render(phase) {
      const inArrival = phase === 'arrival';
      const open = inArrival || (app.state.profileOpen && phase !== 'closing');
      show($('profile'), open);
      show($('profile-close'), !inArrival);
      show($('profile-toggle'), !inArrival && phase !== 'closing');
      $('profile-toggle').setAttribute('aria-expanded', String(open));
    },
  };
}
