// Privacy tier, run last by `npm test`: scans every event the end-to-end stacks published for personal data.
module.exports = require('./base.cjs').tierConfig({
  displayName: 'privacy',
  testMatch: ['<rootDir>/test/privacy/**/*.privacy-spec.ts'],
  testTimeout: 180_000,
  serial: true,
});
