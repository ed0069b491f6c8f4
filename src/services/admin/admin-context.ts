// What every admin use case is given: the runtime, the calling admin, and the few Forge facts the entry supplies.
import type { LicenceDecision } from '../../domain/licensing';
import type { AdminRole } from '../../domain/privilege';
import type { RuntimeDeps } from '../runtime-deps';
import type { AdminProduct } from './admin-access';

export interface AdminContext {
  deps: RuntimeDeps;
  /** The admin making the call (already checked). */
  accountId: string;
  product: AdminProduct;
  /** Site admin, or an administrator of one product only: decided by the resolver, never by the page. */
  role: AdminRole;
  /** The IdP push web trigger's URL (`webTrigger.getUrl`), resolved only when a page needs it. */
  idpPushUrl: () => Promise<string>;
  /** Whether this installation may act, from the licence Forge passed the resolver. */
  licence: LicenceDecision;
}
