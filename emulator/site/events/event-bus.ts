// Product events the site emits (avi:jira:created:user, ...): delivered to listeners in order and kept for tests.
import type { ProductEvent } from '../../contracts';

export class EventBus {
  private readonly listeners = new Set<(event: ProductEvent) => void>();
  private readonly emitted: ProductEvent[] = [];

  /** `emits`: whether the site emits an event at all (a site without Confluence emits no Confluence events). */
  constructor(private readonly emits: (event: ProductEvent) => boolean = () => true) {}

  subscribe(listener: (event: ProductEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: ProductEvent): void {
    if (!this.emits(event)) return;
    this.emitted.push(event);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A listener's failure is the platform's problem; the site keeps going like Atlassian's event bus would.
        console.error(`site: an event listener threw while handling ${event.eventType}:`, error);
      }
    }
  }

  history(): readonly ProductEvent[] {
    return this.emitted;
  }

  clearHistory(): void {
    this.emitted.length = 0;
  }
}
