/** When an awaited action counts as stuck: the defaults per action kind, and ADMIN_STUCK_AFTER over them. */
import { loadCaseServiceConfig } from '../../config';
import { DEFAULT_STUCK_THRESHOLDS, parseStuckThresholds } from './stuck-thresholds';

describe('thresholds per action kind', () => {
  it('default to the task’s own due date, two working days for a coordinator’s decision, two of grace for a visit', () => {
    expect(DEFAULT_STUCK_THRESHOLDS['accept-transfer']).toEqual({ from: 'due', workingDays: 0 });
    expect(DEFAULT_STUCK_THRESHOLDS['decide-escalation']).toEqual({ from: 'opened', workingDays: 2 });
    expect(DEFAULT_STUCK_THRESHOLDS['follow-up-visit']).toEqual({ from: 'due', workingDays: 2 });
    expect(parseStuckThresholds('')).toEqual(DEFAULT_STUCK_THRESHOLDS);
  });

  it('are configured as kind=due, kind=due+N or kind=N over the defaults', () => {
    const parsed = parseStuckThresholds(' mediate=due+3, urge-acceptance=1 ,accept-transfer=due');
    expect([parsed.mediate, parsed['urge-acceptance'], parsed['accept-transfer'], parsed['decide-escalation']]).toEqual(
      [
        { from: 'due', workingDays: 3 },
        { from: 'opened', workingDays: 1 },
        { from: 'due', workingDays: 0 },
        { from: 'opened', workingDays: 2 },
      ],
    );
  });

  it('refuse what they cannot read, saying what would be right', () => {
    expect(() => parseStuckThresholds('mediation=2')).toThrow(
      /"mediation" is not an action kind: use one of accept-transfer/,
    );
    expect(() => parseStuckThresholds('mediate=soon')).toThrow(/write mediate=due \(its due date\), mediate=due\+N/);
    expect(() => parseStuckThresholds('mediate=90')).toThrow(/at most 60/);
  });
});

describe('ADMIN_STUCK_AFTER', () => {
  const base = {
    DATABASE_URL: 'postgresql://x/y',
    AUTH_PUBLIC_KEY_FILE: '/keys/auth.pub',
    AUDIT_CHAIN_KEY_FILE: '/keys/audit-chain-case.key',
  };

  it('overrides the thresholds of the kinds it names', () => {
    const config = loadCaseServiceConfig({ ...base, ADMIN_STUCK_AFTER: 'mediate=due+3' });
    expect(config.ADMIN_STUCK_AFTER.mediate).toEqual({ from: 'due', workingDays: 3 });
    expect(config.ADMIN_STUCK_AFTER['decide-escalation']).toEqual({ from: 'opened', workingDays: 2 });
  });

  it('stops the service at start-up with a message that names the variable and the fix', () => {
    expect(() => loadCaseServiceConfig({ ...base, ADMIN_STUCK_AFTER: 'mediate=later' })).toThrow(
      /ADMIN_STUCK_AFTER is invalid: "mediate=later": write mediate=due/,
    );
  });
});
