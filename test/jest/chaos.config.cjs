// Chaos tier: cases driven through the ladder while processes are killed; small in `npm test`, larger with
// `npm run chaos` (deploy/local/chaos.ts).
module.exports = require('./base.cjs').tierConfig({
  displayName: 'chaos',
  testMatch: ['<rootDir>/test/chaos/**/*.chaos-spec.ts'],
  testTimeout: 60 * 60_000,
  serial: true,
});
