/**
 * Login back-off: the rules and the arithmetic, shared by the PostgreSQL repository and the in-memory fake so both
 * decide alike. Every login attempt passes two gates before its password is checked:
 *
 * - the **account** gate: failures at this account from anywhere (a username nobody has is counted in one of a fixed
 *   number of buckets instead, so throttling never tells which accounts exist and unknown names cannot grow storage);
 * - the **address** gate: failures from this client address, whatever the username (IPv6 counted per /64, which one
 *   subscriber usually holds whole).
 *
 * An attempt reserves a failure at both gates, atomically and before the password check, so attempts in flight
 * count: a burst cannot have more passwords checked than the allowance. A success gives the reservation back at the
 * address and clears the account's count; a failure keeps it. Each gate lets `free` failures through at once, then
 * waits `baseDelayMs` after the next one, doubling up to `maxDelayMs`; a quiet gate forgives one failure every
 * `forgiveEveryMs`. The account's ceiling is short (the most a stranger can make its owner wait per attempt); the
 * address's is long, so one address that keeps failing soon waits longer between tries than the account's windows
 * last, and can no longer hold the account shut (docs/reference/api.md, "Logging in").
 *
 * From a **known source** (an address this account signed in from within `knownSourceTtlMs`) the account gate is
 * replaced by a gate of that (account, address) pair: strangers failing elsewhere, from however many addresses,
 * cannot make the owner wait at a place they have signed in from before.
 */
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { isIP } from 'node:net';

export interface BackoffRule {
  /** Failures let through without any wait. */
  free: number;
  /** The wait after failure `free`; it doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A gate with no attempts forgives one failure per this many ms. */
  forgiveEveryMs: number;
}

export interface LoginThrottlePolicy {
  account: BackoffRule;
  address: BackoffRule;
  /** Unknown usernames share this many account gates (by a keyed hash of the name). */
  unknownUsernameBuckets: number;
  /** How long an address the account signed in from stays a known source after its last success. */
  knownSourceTtlMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  // 5 quick tries, then 1 s, 2 s, 4 s … never more than 5 min: what someone else's failures can cost the owner.
  account: { free: 5, baseDelayMs: SECOND, maxDelayMs: 5 * MINUTE, forgiveEveryMs: 15 * MINUTE },
  // 10 quick tries per address (offices share one), then 1 s doubling up to an hour.
  address: { free: 10, baseDelayMs: SECOND, maxDelayMs: 60 * MINUTE, forgiveEveryMs: 30 * MINUTE },
  unknownUsernameBuckets: 1024,
  knownSourceTtlMs: 30 * 24 * 60 * MINUTE,
};

/** One gate an attempt must pass: its row key and its rule. */
export interface ThrottleGate {
  key: string;
  rule: BackoffRule;
}

/** What a gate remembers: failures (reserved attempts included) and when the last one was reserved. */
export interface ThrottleState {
  failures: number;
  lastAttemptAt: Date;
}

/** A stored state, plus when it is fully forgiven (the row may then be deleted). */
export interface StoredThrottleState extends ThrottleState {
  forgetAt: Date;
}

export type ThrottleDecision =
  { admitted: true; states: Map<string, StoredThrottleState> } | { admitted: false; retryAt: Date };

/** The wait after the `failures`-th failure. */
export function delayAfter(rule: BackoffRule, failures: number): number {
  if (failures < rule.free) return 0;
  const doublings = failures - rule.free;
  // 2^30 ms is already twelve days: past any ceiling, and no overflow for long streaks.
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(doublings, 30));
}

/** Failures still counted at `now`, after forgiving one per quiet period. */
export function currentFailures(rule: BackoffRule, state: ThrottleState | undefined, now: Date): number {
  if (!state) return 0;
  const quiet = Math.max(0, now.getTime() - state.lastAttemptAt.getTime());
  return Math.max(0, state.failures - Math.floor(quiet / rule.forgiveEveryMs));
}

function stored(rule: BackoffRule, failures: number, at: Date): StoredThrottleState {
  return { failures, lastAttemptAt: at, forgetAt: new Date(at.getTime() + failures * rule.forgiveEveryMs) };
}

/**
 * Whether an attempt at `now` passes every gate and, if so, each gate's state with the attempt reserved; otherwise
 * the earliest instant all gates are open again. Callers apply it under a lock on the gates' rows.
 */
export function admit(
  gates: readonly ThrottleGate[],
  states: ReadonlyMap<string, ThrottleState>,
  now: Date,
): ThrottleDecision {
  let retryAt: Date | undefined;
  const next = new Map<string, StoredThrottleState>();
  for (const gate of gates) {
    const state = states.get(gate.key);
    const failures = currentFailures(gate.rule, state, now);
    const delay = delayAfter(gate.rule, failures);
    // Within the free allowance nothing waits. Checked before comparing instants: attempts in flight together (a
    // whole office signing in at nine from one address) reserve in any order, so the last reservation can be a few
    // milliseconds later than this attempt's `now`, which is no reason to refuse it.
    if (state && delay > 0) {
      const openAt = new Date(state.lastAttemptAt.getTime() + delay);
      if (openAt > now && (!retryAt || openAt > retryAt)) retryAt = openAt;
    }
    // Anchored at the later instant, so a reservation never moves a gate's window back.
    const anchor = state && state.lastAttemptAt > now ? state.lastAttemptAt : now;
    next.set(gate.key, stored(gate.rule, failures + 1, anchor));
  }
  return retryAt ? { admitted: false, retryAt } : { admitted: true, states: next };
}

/** A gate's state once a reserved attempt turned out a success: one failure fewer; undefined = nothing left. */
export function refund(
  rule: BackoffRule,
  state: ThrottleState | undefined,
  now: Date,
): StoredThrottleState | undefined {
  if (!state || currentFailures(rule, state, now) <= 1) return undefined;
  // Same anchor, one failure fewer: the window stays measured from the latest reservation (a little longer than
  // the real failures alone would give, never shorter).
  return stored(rule, state.failures - 1, state.lastAttemptAt);
}

/** The account gate of a staff account (by id: a renamed account keeps its count, and no username is stored). */
export function accountGateKey(staffId: string): string {
  return `account:${staffId}`;
}

/**
 * The key of every keyed hash below, derived from agency-service's token-signing private key (a secret it already
 * holds, so no new setting): HKDF with a fixed label, so the hashes reveal nothing of the key and change only when
 * the key does. Without it, anyone could compute offline which unknown names share a bucket, fill one bucket with a
 * made-up name and tell by a 429 or a 401 whether another name of that bucket has an account.
 */
export function deriveLoginThrottleSecret(privateKeyPem: string): Buffer {
  return Buffer.from(hkdfSync('sha256', privateKeyPem, 'gongzhi-agency-service', 'login-throttle keyed hashes v1', 32));
}

function keyedHash(secret: Buffer, ...parts: string[]): Buffer {
  // NUL-separated: no username, staff id or address contains one, so two part lists never hash alike.
  return createHmac('sha256', secret).update(parts.join('\0'), 'utf8').digest();
}

/** The shared gate of a username nobody has: a fixed number of rows however many names are tried. */
export function unknownUsernameGateKey(username: string, buckets: number, secret: Buffer): string {
  return `unknown:${keyedHash(secret, 'unknown-username', username).readUInt32BE(0) % buckets}`;
}

/**
 * A (staff account, client address) pair, as a keyed hash: what a known source is stored under, and the key of the
 * per-(account, address) gate that replaces the account gate from such a source. The address is normalized as for
 * the address gate (an IPv6 /64 is one source). Neither the account nor the address can be read back from it.
 */
export function sourceHash(staffId: string, ip: string | undefined, secret: Buffer): string {
  return keyedHash(secret, 'known-source', staffId, normalizedAddress(ip)).toString('hex').slice(0, 32);
}

/** The gate of one account from one known source: only failures from that address at that account count. */
export function sourceGateKey(hash: string): string {
  return `source:${hash}`;
}

/**
 * The address gate's key: IPv4 (also when mapped into IPv6) as is, IPv6 by its /64 prefix, then hashed so the table
 * holds no addresses in clear (an operator finds a row by hashing the address the same way).
 */
export function addressGateKey(ip: string | undefined): string {
  return `address:${createHash('sha256').update(normalizedAddress(ip)).digest('hex').slice(0, 32)}`;
}

export function normalizedAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIP(ip) !== 6) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded (a zone id such as `%eth0` dropped). */
function expandIpv6(ip: string): string[] {
  const [address = ''] = ip.split('%');
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const zeros = Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => '0');
  return [...left, ...zeros, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}

/** Whole seconds until `retryAt` (at least 1), for `Retry-After`. */
export function secondsUntil(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}
