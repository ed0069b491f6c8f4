// The lint check's spec files: the repo's own, all six present, and a clear error naming any that is unusable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalSpecError, localSpecEnv } from './local-specs';

const repoRoot = path.resolve(__dirname, '..', '..');

describe('localSpecEnv', () => {
  it("points all six of the permission linter's variables at files inside this repo", () => {
    const env = localSpecEnv(repoRoot);
    expect(env).toEqual({
      USE_LOCAL_SWAGGER: 'true',
      LOCAL_JIRA_SWAGGER: path.join(repoRoot, 'emulator/specs/jira.json'),
      LOCAL_CONF_SWAGGER: path.join(repoRoot, 'emulator/specs/confluence-v1.json'),
      LOCAL_CONF_V2_SWAGGER: path.join(repoRoot, 'emulator/specs/confluence-v2.json'),
      LOCAL_JSM_SWAGGER: path.join(
        repoRoot,
        'scripts/forge-checks/swagger-stubs/jira-service-management.json',
      ),
      LOCAL_JSW_SWAGGER: path.join(repoRoot, 'scripts/forge-checks/swagger-stubs/jira-software.json'),
      LOCAL_BB_SWAGGER: path.join(repoRoot, 'scripts/forge-checks/swagger-stubs/bitbucket.json'),
    });
  });

  it('keeps the scope data the permission check reads in the trimmed Jira spec', () => {
    const jira = JSON.parse(fs.readFileSync(localSpecEnv(repoRoot).LOCAL_JIRA_SWAGGER ?? '', 'utf8')) as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    expect(jira.paths['/rest/api/3/myself']?.get?.security).toContainEqual({ OAuth2: ['read:jira-user'] });
  });

  describe('in a checkout without usable specs', () => {
    let root: string;
    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-specs-'));
      fs.cpSync(
        path.join(repoRoot, 'scripts/forge-checks/swagger-stubs'),
        path.join(root, 'scripts/forge-checks/swagger-stubs'),
        {
          recursive: true,
        },
      );
      fs.mkdirSync(path.join(root, 'emulator/specs'), { recursive: true });
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it('fails naming every missing, broken or pathless file', () => {
      fs.writeFileSync(path.join(root, 'emulator/specs/confluence-v1.json'), '{"openapi": "3.0.1"}');
      fs.writeFileSync(path.join(root, 'emulator/specs/confluence-v2.json'), '{not json');
      expect(() => localSpecEnv(root)).toThrow(LocalSpecError);
      expect(() => localSpecEnv(root)).toThrow(
        /and emulator\/specs\/jira\.json is missing; emulator\/specs\/confluence-v1\.json has no "paths" object; emulator\/specs\/confluence-v2\.json is not JSON \(/,
      );
    });
  });
});
