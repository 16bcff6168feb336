/** Set `key` as the most recent entry of `map`, dropping the oldest entries beyond `max`: a bounded recency cache on a plain Map. */
export function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
}
