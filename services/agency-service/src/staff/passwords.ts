import bcrypt from 'bcryptjs';

/** bcrypt work factor of stored passwords (about 100 ms per check in pure JS: slow for guessing, fine for logins). */
export const BCRYPT_COST = 10;

/**
 * A hash of a password nobody knows, compared against when the username does not exist, so that an unknown user
 * costs the same time as a wrong password and response times cannot reveal which accounts exist.
 */
const DUMMY_HASH = bcrypt.hashSync('gongzhi-no-such-account', BCRYPT_COST);

export function hashPassword(password: string, cost: number = BCRYPT_COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

/** Compares in constant work whether or not there is a hash to compare against. */
export async function passwordMatches(password: string, hash: string | undefined): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return hash !== undefined && matches;
}
