// Shared set-up for provisioning tests: settings, credentials and rules stored through the app's own repositories.
import type { Grant, Rule } from '../../../src/domain/rules';
import { DEFAULT_SETTINGS, type AppSettings } from '../../../src/shared/settings';
import { saveRule } from '../../../src/storage/rules-repository';
import { setSecret } from '../../../src/storage/secrets-repository';
import { saveSettings } from '../../../src/storage/settings-repository';
import type { AppHarness } from '../../support/app-harness';

export function groupGrant(app: AppHarness, name: string): Grant {
  const group = app.site.groups().find((g) => g.name === name);
  if (!group) throw new Error(`seed has no group ${name}`);
  return { kind: 'group', groupId: group.groupId, groupName: name };
}

export const SALES_DEVELOPERS: Grant = {
  kind: 'projectRole',
  projectId: '10001',
  projectKey: 'SALES',
  roleId: '10000',
  roleName: 'Developers',
};

export function rule(partial: Partial<Rule> & Pick<Rule, 'id' | 'grants'> & { when: string }): Rule {
  const { when, ...rest } = partial;
  return {
    name: rest.id,
    description: '',
    enabled: true,
    priority: 10,
    onUnmatch: 'keep',
    condition: { text: when, dialect: 'entra' },
    ...rest,
  };
}

/** Everyone on the org's email domain gets `group` (the simplest rule a JIT login matches). */
export function emailDomainRule(app: AppHarness, group: string): Rule {
  return rule({ id: 'staff', when: 'user.emailDomain -eq "acme.example"', grants: [groupGrant(app, group)] });
}

/** Every Atlassian account gets `group` (id `everyone`, or as given). */
export function everyoneRule(app: AppHarness, group = 'confluence-engineering', id = 'everyone'): Rule {
  return rule({ id, when: 'user.accountType -eq "atlassian"', grants: [groupGrant(app, group)] });
}

/** Sources no rule on account type needs: nothing is read beyond the Jira user. */
export const NO_OPTIONAL_SOURCES: AppSettings['sources'] = {
  email: false,
  scim: { enabled: false },
  orgDirectory: { enabled: false },
  pushed: false,
};

/** The org Admin API as the write path, with SCIM and email sources on. */
export function orgApiSettings(app: AppHarness, overrides: Partial<AppSettings> = {}): AppSettings {
  const { orgId, directoryId } = app.credentials;
  return {
    ...DEFAULT_SETTINGS,
    sources: { ...DEFAULT_SETTINGS.sources, scim: { enabled: true } },
    org: { orgId, directoryId },
    groupWritePath: { mode: 'org-admin-api' },
    ...overrides,
  };
}

export async function configure(app: AppHarness, settings: AppSettings, rules: Rule[]): Promise<void> {
  await app.inApp(async () => {
    await saveSettings(settings);
    const by = { accountId: app.credentials.siteAdmin.accountId, at: app.clock.now() };
    await setSecret('org-api-key', app.credentials.orgApiKey, by);
    await setSecret('scim-directory-key', app.site.scim.key, by);
    for (const r of rules) await saveRule({ ...r, updatedAt: app.clock.now(), updatedBy: by.accountId });
  });
}

export function scimProfile(
  email: string,
  displayName: string,
  department: string,
  title = 'Account Executive',
) {
  return {
    schemas: [
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ],
    userName: email,
    emails: [{ value: email, primary: true }],
    displayName,
    title,
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department },
  };
}
