// Who may use the admin page: Jira administrators from Jira's page, Confluence administrators from Confluence's.
// A check that cannot be made (API down) refuses with 'unavailable': it never lets anyone through.
import { AtlassianApiError } from '../../clients/api-error';
import type { ReplyError } from '../../shared/contract';

export type AdminProduct = 'jira' | 'confluence';

/** Asks the product, as the calling user, whether they administer it. Built by the entry adapter. */
export interface AdminProbe {
  /** Jira: `GET /rest/api/3/mypermissions?permissions=ADMINISTER` as the caller. */
  jiraAdminister(): Promise<boolean>;
  /** Confluence: `GET /wiki/rest/api/user/current?expand=operations` has `administer` on `application`. */
  confluenceAdminister(): Promise<boolean>;
}

/** The module the call came from decides which product's admins are let in. */
export function productOfExtension(type: unknown): AdminProduct {
  return type === 'confluence:globalSettings' ? 'confluence' : 'jira';
}

export async function checkAdmin(
  probe: AdminProbe,
  caller: { accountId: string | undefined; product: AdminProduct },
): Promise<{ ok: true } | { ok: false; error: ReplyError }> {
  if (!caller.accountId)
    return {
      ok: false,
      error: { kind: 'forbidden', message: 'Admins only: this call has no signed-in user.' },
    };
  const productName = caller.product === 'jira' ? 'Jira' : 'Confluence';
  try {
    const admin =
      caller.product === 'jira' ? await probe.jiraAdminister() : await probe.confluenceAdminister();
    if (admin) return { ok: true };
    return {
      ok: false,
      error: {
        kind: 'forbidden',
        message: `Admins only: JIT Access is configured by ${productName} administrators, and your account is not one. Ask a ${productName} administrator (or a site admin) to make the change.`,
      },
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
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: {
        kind: 'unavailable',
        message: `Could not check that you are a ${productName} administrator (${detail}); nothing was done. Try again in a minute.`,
      },
    };
  }
}
