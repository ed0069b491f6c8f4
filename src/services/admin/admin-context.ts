// What every admin use case is given: the runtime, the calling admin, and the few Forge facts the entry supplies.
import type { RuntimeDeps } from '../runtime-deps';
import type { AdminProduct } from './admin-access';

export interface AdminContext {
  deps: RuntimeDeps;
  /** The admin making the call (already checked). */
  accountId: string;
  product: AdminProduct;
  /** The IdP push web trigger's URL (`webTrigger.getUrl`), resolved only when a page needs it. */
  idpPushUrl: () => Promise<string>;
}
