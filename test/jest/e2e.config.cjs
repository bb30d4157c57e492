// End-to-end tier: `test/e2e/*.e2e-spec.ts` drive the real services and worker over HTTP.
module.exports = require('./base.cjs').tierConfig({
  displayName: 'e2e',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  testTimeout: 180_000,
  serial: true,
});
