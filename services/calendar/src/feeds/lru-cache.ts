/** Values by key (as promises: one computation per key at a time), least recently used dropped first. */
export class LruCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity: number) {}

  /** What is kept for a key, without computing it. */
  peek(key: string): Promise<T> | undefined {
    return this.entries.get(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get(key: string, compute: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key); // re-inserted below: most recently used last
    } else {
      entry = compute();
      entry.catch(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    this.entries.set(key, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}
