// A grant in the reader's words: `group "sales-team"` inside a sentence, `Group "sales-team"` alone in a cell.
// The domain's describeGrant stays English for stored audit text; the pages say it in the viewer's language.
import type { Grant } from '../../domain/rules';
import type { Text } from '../../shared/i18n/text';

export function grantText(text: Text, grant: Grant, form: 'in-sentence' | 'alone' = 'in-sentence'): string {
  const alone = form === 'alone';
  return grant.kind === 'group'
    ? text.t(alone ? 'common.grant.groupAlone' : 'common.grant.group', { group: grant.groupName })
    : text.t(alone ? 'common.grant.projectRoleAlone' : 'common.grant.projectRole', {
        role: grant.roleName,
        project: grant.projectKey || grant.projectId,
      });
}
