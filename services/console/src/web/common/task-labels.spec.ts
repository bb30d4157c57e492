import { phaseKey, taskKindKey } from './task-labels';

describe('task and phase labels', () => {
  it('names a routing task for what the coordinator does, and its case as awaiting routing', () => {
    const routing = { kind: 'handle-rejection', reason: 'village-without-committee' };
    const bounced = { kind: 'handle-rejection', reason: 'not-our-jurisdiction' };
    expect(taskKindKey(routing)).toBe('route-case');
    expect(taskKindKey(bounced)).toBe('handle-rejection');
    expect(taskKindKey({ kind: 'mediate', reason: null })).toBe('mediate');
    expect(phaseKey('transfer-rejected', [routing])).toBe('awaiting-routing');
    expect(phaseKey('transfer-rejected', [bounced])).toBe('transfer-rejected');
    expect(phaseKey('mediation', [routing])).toBe('mediation');
  });
});
