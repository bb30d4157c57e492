// End-to-end tier: `test/e2e/*.e2e-spec.ts` drive the real services and worker over HTTP.
module.exports = {
  ...require('./base.cjs').tierConfig({
    displayName: 'e2e',
    testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
    testTimeout: 180_000,
    serial: true,
  }),
  // In file-name order: the last suite checks what all the others published (see alphabetical-sequencer.cjs).
  testSequencer: '<rootDir>/test/jest/alphabetical-sequencer.cjs',
};
