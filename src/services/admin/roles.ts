// What each kind of admin may change, decided by the resolver (never by the page). Site admins change everything.
// A product admin (a Jira or Confluence administrator who is not a site admin) manages rules for the
// non-privileged targets of their own product (see domain/privilege/grant-policy.ts for exactly which), and sees
// organization-wide settings read-only: the group write path and the admin it acts as, the org API key, the SCIM
// key and the push secret, privileged targets, audit retention, and suspension as an inactivity action.
import type { AdminRole } from '../../domain/privilege';
import type { ReplyError, ResolverKey } from '../../shared/contract';

/** Keys that change organization-wide settings. */
const SITE_ADMIN_ONLY: ReadonlySet<ResolverKey> = new Set<ResolverKey>([
  'settings.save',
  'settings.setSecret',
  'settings.clearSecret',
  'security.allow',
  'security.disallow',
  'security.mark',
  'security.unmark',
  // Access reviews show and change who holds what across the site: campaigns are a site admin's.
  'reviews.list',
  'reviews.create',
  'reviews.get',
  'reviews.close',
  'reviews.stopSeries',
  'reviews.reassign',
  'reviews.items',
  'reviews.exportCsv',
  'reviews.reapprove',
]);

const PRODUCT_NAMES = { jira: 'Jira', confluence: 'Confluence' } as const;

/** Why organization-wide settings are read-only for this admin; null for a site admin. */
export function orgSettingsReadOnly(role: AdminRole): string | null {
  if (role.kind === 'site-admin') return null;
  return (
    'Organization-wide settings (the group write path and the admin it acts as, the org API key, the SCIM key, ' +
    'the push secret, privileged targets, audit retention and suspension as an inactivity action) can be changed ' +
    `by site admins only. You are a ${PRODUCT_NAMES[role.product]} administrator but not a site admin, so you see them read-only.`
  );
}

/** A 'forbidden' reply naming what only a site admin may do and why this admin is not one. */
export function siteAdminsOnly(role: AdminRole, what: string): ReplyError {
  const who =
    role.kind === 'product-admin'
      ? ` You are a ${PRODUCT_NAMES[role.product]} administrator but not a site admin.`
      : '';
  return {
    kind: 'forbidden',
    message: `Only a site admin can ${what.replace(/\.$/, '')}.${who} Nothing was changed.`,
  };
}

/** The refusal for a key this admin may not call at all; undefined when the key's own checks decide. */
export function roleRefusal(key: ResolverKey, role: AdminRole): ReplyError | undefined {
  if (role.kind === 'site-admin' || !SITE_ADMIN_ONLY.has(key)) return undefined;
  return siteAdminsOnly(
    role,
    key.startsWith('security.')
      ? 'allow-list privileged targets or mark groups privileged'
      : key.startsWith('reviews.')
        ? 'run access reviews (they show and change who holds what across the site)'
        : 'change organization-wide settings (write path, keys and secrets, retention)',
  );
}
