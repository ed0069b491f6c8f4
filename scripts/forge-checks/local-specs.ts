// The OpenAPI specs @forge/lint's permission check reads offline: the emulator's product specs, stubs for the rest.
import fs from 'node:fs';
import path from 'node:path';

// The permission linter reads local files only when USE_LOCAL_SWAGGER and all six of these are set; with any one
// missing it downloads the full specs from developer.atlassian.com (lint/out/lint/linters/permission-linter).
//
// The Jira and Confluence files are the emulator's trimmed subsets, so the check knows the scopes of only the
// endpoints in them and stays silent about any other call. That is acceptable because the emulated site refuses
// every endpoint outside the same subsets: code calling one fails its tests before it could pass this check
// untested, and adding the endpoint to the subset brings its scopes here with it.
const SPEC_FILES = {
  LOCAL_JIRA_SWAGGER: 'emulator/specs/jira.json',
  LOCAL_CONF_SWAGGER: 'emulator/specs/confluence-v1.json',
  LOCAL_CONF_V2_SWAGGER: 'emulator/specs/confluence-v2.json',
  LOCAL_JSM_SWAGGER: 'scripts/forge-checks/swagger-stubs/jira-service-management.json',
  LOCAL_JSW_SWAGGER: 'scripts/forge-checks/swagger-stubs/jira-software.json',
  LOCAL_BB_SWAGGER: 'scripts/forge-checks/swagger-stubs/bitbucket.json',
} as const;

export class LocalSpecError extends Error {
  constructor(problems: string[]) {
    super(
      `The lint check needs the repo's OpenAPI specs, and ${problems.join('; ')}. ` +
        'emulator/specs/ holds the trimmed Jira and Confluence specs (scripts/trim-specs.ts writes them); ' +
        'scripts/forge-checks/swagger-stubs/ holds the empty stand-ins.',
    );
    this.name = 'LocalSpecError';
  }
}

/** The environment that points the permission linter at the in-repo specs; throws LocalSpecError if one is unusable. */
export function localSpecEnv(repoRoot: string): Record<string, string> {
  const env: Record<string, string> = { USE_LOCAL_SWAGGER: 'true' };
  const problems: string[] = [];
  for (const [variable, relative] of Object.entries(SPEC_FILES)) {
    const file = path.join(repoRoot, relative);
    const problem = specProblem(file);
    if (problem) problems.push(`${relative} ${problem}`);
    env[variable] = file;
  }
  if (problems.length > 0) throw new LocalSpecError(problems);
  return env;
}

function specProblem(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return 'is missing';
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    return `is not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  const paths = typeof spec === 'object' && spec !== null ? (spec as { paths?: unknown }).paths : undefined;
  // Without a paths object the linter would silently check nothing for that product.
  return typeof paths === 'object' && paths !== null ? undefined : 'has no "paths" object';
}
