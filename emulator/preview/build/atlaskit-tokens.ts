// Where the host bundle resolves @atlaskit/tokens from (kept apart from esbuild so tests can import it anywhere).
import { dirname } from 'node:path';

/**
 * Atlaskit packages each carry their own nested copy of @atlaskit/tokens 20.x while the root holds 1.x (for
 * @forge/bridge). The host resolves every import to the copy @atlaskit/primitives uses, so the theme is loaded
 * once and every component reads the same token variables.
 */
export function atlaskitTokensAlias(repoRoot: string): Record<string, string> {
  const primitives = dirname(require.resolve('@atlaskit/primitives/package.json', { paths: [repoRoot] }));
  const tokens = dirname(require.resolve('@atlaskit/tokens/package.json', { paths: [primitives] }));
  return { '@atlaskit/tokens': tokens };
}
