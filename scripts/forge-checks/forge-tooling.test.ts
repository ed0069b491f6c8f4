// Loading the optional Forge tooling: a machine where npm dropped it gets the exact command that installs it.
import { FORGE_TOOLING_INSTALL, ForgeToolingMissingError, loadForgeTooling } from './forge-tooling';

const moduleNotFound = (name: string): Error =>
  Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- /x.js`), {
    code: 'MODULE_NOT_FOUND',
  });

describe('loadForgeTooling', () => {
  it('names each package that failed to load and says how to install them', () => {
    const load = (name: string): unknown => {
      if (name === '@forge/cli-shared') return {};
      throw moduleNotFound(name);
    };
    let thrown: unknown;
    try {
      loadForgeTooling(load);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ForgeToolingMissingError);
    expect((thrown as ForgeToolingMissingError).failures).toEqual([
      "@forge/lint: Cannot find module '@forge/lint'",
      "@forge/bundler: Cannot find module '@forge/bundler'",
    ]);
    expect((thrown as Error).message).toMatch(
      /Install it with: apt-get install -y libsecret-1-dev && npm ci$/,
    );
    expect(FORGE_TOOLING_INSTALL).toBe('apt-get install -y libsecret-1-dev && npm ci');
  });

  it('returns the three packages when all load', () => {
    const modules: Record<string, object> = {
      '@forge/cli-shared': { cli: true },
      '@forge/lint': { lint: true },
      '@forge/bundler': { bundler: true },
    };
    const tooling = loadForgeTooling((name) => modules[name]);
    expect(tooling).toEqual({ cliShared: { cli: true }, lint: { lint: true }, bundler: { bundler: true } });
  });
});
