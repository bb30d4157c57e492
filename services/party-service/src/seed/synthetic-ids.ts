import { creditCodeCheckCharacter, residentIdCheckCharacter } from '@gongzhi/contracts';

/**
 * Valid-looking but synthetic identifiers for seeds and tests: real check characters, made-up bodies. Never use a
 * real person's number in code.
 */
export function syntheticIdNumber(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate}${String(sequence).padStart(3, '0')}`;
  if (!/^\d{17}$/.test(first17)) throw new Error('region (6 digits) + birth date (YYYYMMDD) + sequence (≤ 999)');
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

/** A unified social credit code with a made-up body: `92` (individual business) + region + 9 characters. */
export function syntheticCreditCode(region: string, body: string): string {
  const first17 = `92${region}${body}`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
}
