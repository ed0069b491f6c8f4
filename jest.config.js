// Jest: pure unit tests sit beside the code; platform-backed tests live in test/.
/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

module.exports = {
  // Integration tests run whole scenarios on the emulator; the slowest say so with their own timeout.
  testTimeout: 60_000,
  // Every request the app's integration tests send is validated against the OpenAPI specs; the total is printed.
  globalSetup: '<rootDir>/test/support/spec-sweep-setup.ts',
  globalTeardown: '<rootDir>/test/support/spec-sweep-teardown.ts',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src', '<rootDir>/emulator', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      transform: { '^.+\\.tsx?$': tsJest },
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      testPathIgnorePatterns: ['/test/e2e/', '/test/forge-checks/'],
      setupFiles: ['<rootDir>/test/support/install-forge-globals.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
    },
    {
      // Atlassian's own manifest/lint/bundler checks; run by `npm run check:forge`, which needs the optional Forge tooling.
      displayName: 'forge-checks',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/forge-checks'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
    },
  ],
};
