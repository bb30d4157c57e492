// Integration tier: `*.int-spec.ts` against the real PostgreSQL, Kafka and Temporal that `npm test` starts.
module.exports = require('./base.cjs').tierConfig({
  displayName: 'integration',
  testMatch: ['**/*.int-spec.ts'],
  testTimeout: 120_000,
  serial: true,
});
