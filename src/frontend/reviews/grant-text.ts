// A reviewed access in the reader's words ("Group "sales-team"", "Role "Developers" in project ENG"): the domain's
// describeGrant stays English for stored audit text, the review pages say it in the viewer's language.
import type { Grant } from '../../domain/rules';
import type { Text } from '../../shared/i18n/text';

export function grantText(text: Text, grant: Grant): string {
  return grant.kind === 'group'
    ? text.t('reviews.grant.group', { group: grant.groupName })
    : text.t('reviews.grant.projectRole', {
        role: grant.roleName,
        project: grant.projectKey || grant.projectId,
      });
}
