// Jest for the browser end-to-end test only (`npm run test:e2e`): kept apart from `npm test`'s projects, and
// without their OpenAPI-sweep global setup, because it drives `npm start`'s server in a child process.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  displayName: 'e2e',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // One browser and one emulator at a time: the scenario is a single story told in order.
  maxWorkers: 1,
  testTimeout: 240_000,
};
