// Runs on Atlassian, offline: the app's manifest is ineligible for exactly the reasons RUNS-ON-ATLASSIAN.md names,
// the derived edition is eligible and still a valid Forge manifest, and each published rule is applied as written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { buildEdition } from './build-edition';
import { runsOnAtlassianEdition, runsOnAtlassianIneligibility } from './runs-on-atlassian';

const ROOT = path.resolve(__dirname, '..', '..');
const appManifest = () =>
  parse(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as Record<string, unknown>;

describe('the app manifest today', () => {
  it('is ineligible for its backend egress hosts and its dynamic web trigger, and nothing else', () => {
    expect(runsOnAtlassianIneligibility(appManifest())).toEqual([
      'permissions.external.fetch.backend: api.atlassian.com is egress outside Atlassian-hosted compute and storage',
      'permissions.external.fetch.backend: hooks.slack.com is egress outside Atlassian-hosted compute and storage',
      'permissions.external.fetch.backend: *.slack.com is egress outside Atlassian-hosted compute and storage',
      'permissions.external.fetch.backend: *.webhook.office.com is egress outside Atlassian-hosted compute and storage',
      'permissions.external.fetch.backend: *.logic.azure.com is egress outside Atlassian-hosted compute and storage',
      'modules.webtrigger idp-attribute-push: a dynamic web trigger (its function writes the response); only static web triggers (response.type: static) are allowed',
    ]);
  });
});

describe('the runs-on-atlassian edition', () => {
  it('is eligible and keeps the core: user events, scans, consumers, the admin page, scopes with impersonation and storage', () => {
    const original = appManifest();
    const edition = runsOnAtlassianEdition(original);
    expect(runsOnAtlassianIneligibility(edition)).toEqual([]);
    const modules = edition.modules as Record<string, unknown[]>;
    const originalModules = original.modules as Record<string, unknown[]>;
    for (const kind of [
      'trigger',
      'scheduledTrigger',
      'consumer',
      'jira:adminPage',
      'confluence:globalSettings',
    ])
      expect(modules[kind]).toEqual(originalModules[kind]);
    expect(modules.webtrigger).toBeUndefined();
    expect((modules.function as Array<{ key: string }>).map((f) => f.key)).not.toContain('idp-push');
    const permissions = edition.permissions as Record<string, unknown>;
    expect(permissions.scopes).toEqual((original.permissions as Record<string, unknown>).scopes);
    expect(permissions.external).toBeUndefined();
    expect(edition.app).toEqual(original.app);
  });

  it('is written as an app folder that passes Atlassian’s manifest validation', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'roa-edition-'));
    try {
      expect(buildEdition('runs-on-atlassian', ROOT, out)).toEqual([]);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { validate } = require('@forge/manifest') as {
        validate: (a: boolean, file: string) => Promise<{ success: boolean; errors?: unknown[] }>;
      };
      const cwd = process.cwd();
      process.chdir(out);
      try {
        const result = await validate(false, 'manifest.yml');
        expect(result.errors ?? []).toEqual([]);
        expect(result.success).toBe(true);
      } finally {
        process.chdir(cwd);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('the published rules', () => {
  const withExternal = (external: unknown) => ({ permissions: { scopes: {}, external } });

  it('allows analytics egress only when it carries no in-scope end-user data', () => {
    const analytics = (inScopeEUD: boolean) =>
      withExternal({
        fetch: { backend: [{ address: 'stats.example.com', category: 'analytics', inScopeEUD }] },
      });
    expect(runsOnAtlassianIneligibility(analytics(false))).toEqual([]);
    expect(runsOnAtlassianIneligibility(analytics(true))).toHaveLength(1);
  });

  it('refuses any other external entry, in any list, written as a string or an address', () => {
    expect(
      runsOnAtlassianIneligibility(
        withExternal({ images: ['*.atlassian.com'], fetch: { client: [{ address: 'cdn.example.com' }] } }),
      ),
    ).toEqual([
      'permissions.external.images: *.atlassian.com is egress outside Atlassian-hosted compute and storage',
      'permissions.external.fetch.client: cdn.example.com is egress outside Atlassian-hosted compute and storage',
    ]);
  });

  it('refuses remotes', () => {
    expect(
      runsOnAtlassianIneligibility({ remotes: [{ key: 'backend', baseUrl: 'https://x.example' }] }),
    ).toEqual(['remotes: backend (a remote back end)']);
  });

  it('allows a static web trigger and refuses a dynamic one', () => {
    const trigger = (response?: unknown) => ({
      modules: { webtrigger: [{ key: 'hook', function: 'f', ...(response ? { response } : {}) }] },
    });
    expect(
      runsOnAtlassianIneligibility(trigger({ type: 'static', outputs: [{ key: 'ok', statusCode: 200 }] })),
    ).toEqual([]);
    expect(runsOnAtlassianIneligibility(trigger({ type: 'dynamic' }))).toHaveLength(1);
    expect(runsOnAtlassianIneligibility(trigger())).toHaveLength(1);
  });
});
