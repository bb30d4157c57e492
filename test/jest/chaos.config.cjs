// Chaos tier, run by `npm run chaos` (deploy/local/chaos.ts): cases driven through the ladder while processes are
// killed. Its own tier while the time a stack takes to settle after a kill is still being brought down.
module.exports = require('./base.cjs').tierConfig({
  displayName: 'chaos',
  testMatch: ['<rootDir>/test/chaos/**/*.chaos-spec.ts'],
  testTimeout: 60 * 60_000,
  serial: true,
});
