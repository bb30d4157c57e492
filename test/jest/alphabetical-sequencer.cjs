// e2e suites run one at a time in file-name order, so a suite can rely on the ones before it having run: the last
// one (zz-personal-data-in-topics) scans the topics all the others published. Jest's default order (failed first,
// then slowest) would put it anywhere.
const Sequencer = require('@jest/test-sequencer').default;

class AlphabeticalSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
}

module.exports = AlphabeticalSequencer;
