'use strict';
// Stand-in for Atlassian's runtime loader: @forge/bundler packs it as __forge__.cjs, the bundle's entry, and the
// wrapper beside it as __forge_wrapper__.cjs (bundler/out/runtime.js). It only hands over to the stand-in wrapper.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS runtime file, loaded as-is
module.exports = require('./__forge_wrapper__.cjs');
