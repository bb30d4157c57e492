import {
  CreditCode,
  creditCodeCheckCharacter,
  isValidCreditCode,
  isValidResidentIdNumber,
  PhoneNumber,
  ResidentIdNumber,
  residentIdCheckCharacter,
  residentIdNumberProblem,
} from '@gongzhi/contracts';
import { syntheticCreditCode, syntheticIdNumber } from '../seed/synthetic-ids';
import { maskIdNumber, maskPhone } from './masking';

describe('resident ID numbers (GB 11643-1999, ISO 7064 MOD 11-2)', () => {
  it('accepts the textbook examples, including a trailing X typed in lower case', () => {
    expect(isValidResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isValidResidentIdNumber('11010519491231002x')).toBe(true);
    expect(isValidResidentIdNumber('110101199003078515')).toBe(true);
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('11010119900307851')).toBe('5');
  });

  it('refuses a flipped digit, a wrong check character and a wrong length', () => {
    expect(isValidResidentIdNumber('11010519491231003X')).toBe(false);
    expect(isValidResidentIdNumber('110101199003078516')).toBe(false);
    expect(isValidResidentIdNumber('210101199003078515')).toBe(false);
    expect(isValidResidentIdNumber('11010119900307851')).toBe(false);
    expect(isValidResidentIdNumber('1101011990030785155')).toBe(false);
    expect(isValidResidentIdNumber('11010119900307851Y')).toBe(false);
  });

  it('refuses impossible or future birth dates even with a matching check digit', () => {
    const feb30 = `11010119900230001`;
    expect(residentIdNumberProblem(`${feb30}${residentIdCheckCharacter(feb30)}`)).toMatch(/birth date/);
    const future = `11010120990101001`;
    expect(residentIdNumberProblem(`${future}${residentIdCheckCharacter(future)}`)).toMatch(/birth date/);
    const ancient = `11010118500101001`;
    expect(residentIdNumberProblem(`${ancient}${residentIdCheckCharacter(ancient)}`)).toMatch(/birth date/);
  });

  it('normalises in the schema and never repeats the value in its message', () => {
    expect(ResidentIdNumber.parse(' 11010519491231002x ')).toBe('11010519491231002X');
    const result = ResidentIdNumber.safeParse('11010519491231003X');
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain('11010519491231003X');
  });

  it('makes valid synthetic numbers for seeds and tests', () => {
    expect(isValidResidentIdNumber(syntheticIdNumber('520101', '19800101', 7))).toBe(true);
  });
});

describe('unified social credit codes (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    for (const code of ['91350100M000100Y43', '914403001922038216', '91330100716105852F', '9144030071526726XG']) {
      expect(isValidCreditCode(code)).toBe(true);
    }
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('refuses a flipped character, a forbidden letter and a wrong length', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000200Y43')).toBe(false);
    expect(isValidCreditCode('91350100O000100Y43')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(CreditCode.safeParse('91350100m000100y43').success).toBe(true);
  });

  it('makes valid synthetic codes', () => {
    expect(isValidCreditCode(syntheticCreditCode('520101', 'MA6DEM001'))).toBe(true);
  });
});

describe('phones', () => {
  it('accepts mobiles and landlines, with spaces removed', () => {
    expect(PhoneNumber.parse('138 0013 8000')).toBe('13800138000');
    expect(PhoneNumber.parse('0851-88881234')).toBe('0851-88881234');
    expect(PhoneNumber.safeParse('12800138000').success).toBe(false);
    expect(PhoneNumber.safeParse('555-1234').success).toBe(false);
  });
});

describe('masking', () => {
  it('keeps the region and the last four of an ID number, never the birth date', () => {
    expect(maskIdNumber('110101199003078515')).toBe('110101********8515');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('keeps the prefix and the last four of a phone', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('0851-88881234')).toBe('0851-****1234');
  });
});
