// State keeps entities in ReadonlyMaps rather than objects: ids come from outside, and a key
// like "__proto__" must not reach Object.prototype. These return a changed copy.

export function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  return new Map(map).set(key, value);
}

export function withoutEntry<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}

/** Replaces the entry under `key` when present; an absent key leaves the map as it is. */
export function updateEntry<K, V>(
  map: ReadonlyMap<K, V>,
  key: K,
  update: (value: V) => V,
): ReadonlyMap<K, V> {
  const value = map.get(key);
  return value === undefined ? map : withEntry(map, key, update(value));
}
