// Unit tier: `*.spec.ts` beside the code; no network, no processes.
module.exports = require('./base.cjs').tierConfig({
  displayName: 'unit',
  testMatch: ['**/*.spec.ts'],
  testTimeout: 15_000,
});
