/** A person by id: "you", a known name, or a short id. */
export function displayName(id: string, names: ReadonlyMap<string, string>, me?: string) {
  if (id === me) return 'You';
  return names.get(id) ?? `Member ${id.slice(0, 8)}`;
}
