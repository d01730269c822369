// Singular or plural of a counted phrase: strings come as {one, other} with a {n} placeholder
// (both forms made by ngettext on the server, in the page's language).
export function plural(forms, n) {
  const form = typeof forms === 'string' ? forms : (n === 1 ? forms.one : forms.other);
  return form.replaceAll('{n}', n);
}
