// What every handler and action receives: the site's state, the shared clock and the event bus.
import type { Clock } from '../contracts';
import type { EventBus } from './events/event-bus';
import type { SiteState } from './state/site-state';

export interface SiteContext {
  /** Replaced wholesale by reset and seeding; everything reads it through the context. */
  state: SiteState;
  readonly clock: Clock;
  readonly events: EventBus;
}
