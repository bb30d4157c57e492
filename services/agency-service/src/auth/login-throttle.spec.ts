import {
  addressGateKey,
  admit,
  currentFailures,
  DEFAULT_LOGIN_THROTTLE,
  deriveLoginThrottleSecret,
  delayAfter,
  normalizedAddress,
  refund,
  type ThrottleGate,
  type ThrottleState,
  sourceHash,
  unknownUsernameGateKey,
} from './login-throttle';

const { account, address } = DEFAULT_LOGIN_THROTTLE;
const t0 = new Date('2026-09-30T01:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('login back-off arithmetic', () => {
  it('lets the free failures through, then doubles from the base up to the ceiling', () => {
    expect([4, 5, 6, 7, 13, 14, 40].map((n) => delayAfter(account, n))).toEqual([
      0, 1000, 2000, 4000, 256_000, 300_000, 300_000,
    ]);
    expect([9, 10, 21, 22, 1000].map((n) => delayAfter(address, n))).toEqual([
      0, 1000, 2_048_000, 3_600_000, 3_600_000,
    ]);
  });

  it('forgives one failure per quiet period', () => {
    const state: ThrottleState = { failures: 7, lastAttemptAt: t0 };
    expect(currentFailures(account, state, at(15 * 60_000 - 1))).toBe(7);
    expect(currentFailures(account, state, at(15 * 60_000))).toBe(6);
    expect(currentFailures(account, state, at(7 * 15 * 60_000))).toBe(0);
  });

  it('admits only when every gate is open, and reserves a failure at each', () => {
    const gates: ThrottleGate[] = [
      { key: 'account:a', rule: account },
      { key: 'address:x', rule: address },
    ];
    const states = new Map<string, ThrottleState>([['account:a', { failures: 5, lastAttemptAt: t0 }]]);
    expect(admit(gates, states, at(999))).toEqual({ admitted: false, retryAt: at(1000) });
    const admitted = admit(gates, states, at(1000));
    expect(admitted.admitted && Object.fromEntries(admitted.states)).toEqual({
      'account:a': { failures: 6, lastAttemptAt: at(1000), forgetAt: at(1000 + 6 * account.forgiveEveryMs) },
      'address:x': { failures: 1, lastAttemptAt: at(1000), forgetAt: at(1000 + address.forgiveEveryMs) },
    });
  });

  it('admits attempts in flight together within the free allowance, whatever order they reserved in', () => {
    const gates: ThrottleGate[] = [{ key: 'address:office', rule: address }];
    // Another sign-in from the same office reserved 3 ms after this attempt read the clock.
    const states = new Map<string, ThrottleState>([['address:office', { failures: 4, lastAttemptAt: at(3) }]]);
    const admitted = admit(gates, states, at(0));
    expect(admitted.admitted && Object.fromEntries(admitted.states)).toEqual({
      'address:office': { failures: 5, lastAttemptAt: at(3), forgetAt: at(3 + 5 * address.forgiveEveryMs) },
    });
  });

  it('gives a success its reservation back, and forgets a gate left with none', () => {
    expect(refund(address, { failures: 1, lastAttemptAt: t0 }, at(100))).toBeUndefined();
    expect(refund(address, { failures: 3, lastAttemptAt: t0 }, at(100))).toEqual({
      failures: 2,
      lastAttemptAt: t0,
      forgetAt: at(2 * address.forgiveEveryMs),
    });
  });
});

describe('gate keys', () => {
  it('count an address as IPv4, IPv4 mapped into IPv6, or an IPv6 /64', () => {
    expect(normalizedAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(normalizedAddress('10.1.2.3')).toBe('10.1.2.3');
    expect(normalizedAddress('2001:db8:0:1::42')).toBe('2001:db8:0:1::/64');
    expect(normalizedAddress('2001:DB8:0:1:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(normalizedAddress('::1')).toBe('0:0:0:0::/64');
    expect(normalizedAddress(undefined)).toBe('unknown');
  });

  it('keep usernames and addresses out of the table, and unknown names in a fixed number of buckets', () => {
    expect(addressGateKey('10.1.2.3')).toMatch(/^address:[0-9a-f]{32}$/);
    expect(addressGateKey('2001:db8:0:1::42')).toBe(addressGateKey('2001:db8:0:1::43'));
    const secret = Buffer.alloc(32, 7);
    const buckets = new Set(Array.from({ length: 2000 }, (_, i) => unknownUsernameGateKey(`random-${i}`, 16, secret)));
    expect(buckets.size).toBeLessThanOrEqual(16);
    expect([...buckets].every((key) => /^unknown:\d+$/.test(key))).toBe(true);
  });

  it('put names in buckets and pairs in sources by a keyed hash: another key sorts them otherwise', () => {
    const one = deriveLoginThrottleSecret('-----BEGIN PRIVATE KEY-----\none\n-----END PRIVATE KEY-----');
    const other = deriveLoginThrottleSecret('-----BEGIN PRIVATE KEY-----\nother\n-----END PRIVATE KEY-----');
    const names = Array.from({ length: 64 }, (_, i) => `name-${i}`);
    const bucketsWith = (secret: Buffer) => names.map((name) => unknownUsernameGateKey(name, 1024, secret));
    expect(bucketsWith(one)).toEqual(bucketsWith(one));
    expect(bucketsWith(one)).not.toEqual(bucketsWith(other));
    expect(sourceHash('staff-1', '10.0.0.1', one)).toMatch(/^[0-9a-f]{32}$/);
    expect(sourceHash('staff-1', '2001:db8:0:1::42', one)).toBe(sourceHash('staff-1', '2001:db8:0:1::43', one));
    expect(sourceHash('staff-1', '10.0.0.1', one)).not.toBe(sourceHash('staff-2', '10.0.0.1', one));
    expect(sourceHash('staff-1', '10.0.0.1', one)).not.toBe(sourceHash('staff-1', '10.0.0.1', other));
  });
});
