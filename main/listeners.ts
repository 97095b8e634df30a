/** A minimal typed event source: `on` returns its own unsubscribe function. */
export class Listeners<T> {
  private readonly set = new Set<(event: T) => void>();

  on(listener: (event: T) => void): () => void {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  emit(event: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(event);
      } catch {
        // A failing subscriber must not stop the others or the emitter.
      }
    }
  }

  get size(): number {
    return this.set.size;
  }

  clear(): void {
    this.set.clear();
  }
}
