'use strict';
// Stand-in for Atlassian's Node runtime wrapper, packed only into the throw-away bundles of `npm run check:forge`.
// @forge/bundler needs some wrapper to produce a bundle (the real one comes from Atlassian's CDN, which this
// offline check must not reach). A bundle carrying this file proves the app bundles and nothing more: it must
// never be deployed, so every invocation of it fails loudly instead of running the app on a fake runtime.
class StandinRuntimeInvokedError extends Error {
  constructor() {
    super(
      'This bundle was built by `npm run check:forge` with a stand-in Forge runtime and must never be deployed. ' +
        'Deploy with `npx forge deploy`, which packs the real runtime.',
    );
    this.name = 'StandinRuntimeInvokedError';
  }
}

module.exports = {
  StandinRuntimeInvokedError,
  main: async () => {
    throw new StandinRuntimeInvokedError();
  },
};
