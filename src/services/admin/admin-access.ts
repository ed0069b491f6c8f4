// Who may use the admin page, and as what. Jira administrators from Jira's page, Confluence administrators from
// Confluence's; each is a site admin or an administrator of that product only. A check that cannot be made (API
// down) refuses with 'unavailable': it never lets anyone through.
//
// How a site admin is told from a product admin: Jira's `GET /rest/api/3/mypermissions` as the caller, asking for
// ADMINISTER and SYSTEM_ADMIN in one call (scope read:jira-work, which the app holds anyway). Jira Cloud reports
// SYSTEM_ADMIN ("Jira System Administrators") for site admins only: it cannot be granted from Jira's global
// permissions page, it follows the site-admin role (org admins are site admins of every site), and it does not
// depend on a group being called `site-admins` (newer sites grant the role without a group). Jira administrators
// hold ADMINISTER without it. Confluence's `GET /wiki/rest/api/user/current?expand=operations` says who
// administers Confluence (`administer` on `application`) but not who is a site admin, so from Confluence's page the
// app asks Confluence first and, for its admins only, Jira's SYSTEM_ADMIN. Sources: the Jira platform REST spec
// (mypermissions; "Site administration (that is, member of the site-admin group)" on group writes) and
// Atlassian's admin-roles documentation (org admin, site admin, product admin).
import { AtlassianApiError } from '../../clients/api-error';
import type { AdminRole } from '../../domain/privilege';
import type { ReplyError } from '../../shared/contract';

export type AdminProduct = 'jira' | 'confluence';

/** Asks the product, as the calling user, what they administer. Built by the entry adapter. */
export interface AdminProbe {
  /** Jira: `GET /rest/api/3/mypermissions?permissions=ADMINISTER,SYSTEM_ADMIN` as the caller. */
  jiraPermissions(): Promise<{ administer: boolean; systemAdmin: boolean }>;
  /** Confluence: `GET /wiki/rest/api/user/current?expand=operations` has `administer` on `application`. */
  confluenceAdminister(): Promise<boolean>;
}

/** The module the call came from decides which product's admins are let in. */
export function productOfExtension(type: unknown): AdminProduct {
  return type === 'confluence:globalSettings' ? 'confluence' : 'jira';
}

type Access = { ok: true; role: AdminRole } | { ok: false; error: ReplyError };

function unavailable(productName: string, e: unknown): Access {
  const detail = e instanceof Error ? e.message : String(e);
  return {
    ok: false,
    error: {
      kind: 'unavailable',
      message: `Could not check that you are a ${productName} administrator (${detail}); nothing was done. Try again in a minute.`,
    },
  };
}

/** From Confluence's page: is this Confluence admin also a site admin? Jira refusing to say means no. */
async function siteAdminFromJira(probe: AdminProbe): Promise<boolean> {
  try {
    return (await probe.jiraPermissions()).systemAdmin;
  } catch (e) {
    if (e instanceof AtlassianApiError && e.kind === 'forbidden') return false;
    throw e;
  }
}

export async function checkAdmin(
  probe: AdminProbe,
  caller: { accountId: string | undefined; product: AdminProduct },
): Promise<Access> {
  if (!caller.accountId)
    return {
      ok: false,
      error: { kind: 'forbidden', message: 'Admins only: this call has no signed-in user.' },
    };
  const productName = caller.product === 'jira' ? 'Jira' : 'Confluence';
  const refused: Access = {
    ok: false,
    error: {
      kind: 'forbidden',
      message: `Admins only: JIT Access is configured by ${productName} administrators, and your account is not one. Ask a ${productName} administrator (or a site admin) to make the change.`,
    },
  };
  try {
    if (caller.product === 'jira') {
      const held = await probe.jiraPermissions();
      if (held.systemAdmin) return { ok: true, role: { kind: 'site-admin' } };
      return held.administer ? { ok: true, role: { kind: 'product-admin', product: 'jira' } } : refused;
    }
    if (!(await probe.confluenceAdminister())) return refused;
    return {
      ok: true,
      role: (await siteAdminFromJira(probe))
        ? { kind: 'site-admin' }
        : { kind: 'product-admin', product: 'confluence' },
    };
  } catch (e) {
    // The caller's own request being refused means they may not use the product at all: still not an admin.
    if (e instanceof AtlassianApiError && e.kind === 'forbidden')
      return {
        ok: false,
        error: {
          kind: 'forbidden',
          message: `Admins only: ${productName} refused to confirm your permissions (${e.status}), so you are treated as a non-admin.`,
        },
      };
    return unavailable(productName, e);
  }
}
