// Shared by the three test tiers: TypeScript through ts-jest (types are checked by `nx typecheck`, not here).
// Plain CommonJS so Jest can load it without a TypeScript loader.
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');

/** @param {{ displayName: string; testMatch: string[]; testTimeout: number; serial?: boolean }} tier */
function tierConfig(tier) {
  /** @type {import('jest').Config} */
  const config = {
    rootDir: repoRoot,
    displayName: tier.displayName,
    testEnvironment: 'node',
    testMatch: tier.testMatch,
    testPathIgnorePatterns: ['/node_modules/', '/dist/', '/\\.data/'],
    testTimeout: tier.testTimeout,
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/jest/tsconfig.json' }],
    },
    moduleFileExtensions: ['ts', 'js', 'json'],
    // Prisma's generated clients import their TypeScript siblings as `./x.js` (ESM style); resolve those to the .ts.
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    // Integration and e2e tests share one stack; on 2 cores, parallel files only add contention.
    ...(tier.serial ? { maxWorkers: 1 } : {}),
  };
  return config;
}

module.exports = { repoRoot, tierConfig };
