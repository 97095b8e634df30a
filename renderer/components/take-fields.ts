// Secrets typed into a form (PIN, PUK, passwords, passphrases) are read from the DOM once, on
// submit, and the form is emptied at the same moment: they never enter React state.

export function takeFields<K extends string>(
  form: HTMLFormElement,
  names: readonly K[],
): Record<K, string> {
  const data = new FormData(form);
  const values = {} as Record<K, string>;
  for (const name of names) {
    const value = data.get(name);
    values[name] = typeof value === 'string' ? value : '';
  }
  form.reset();
  return values;
}
