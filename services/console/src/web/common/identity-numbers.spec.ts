import {
  creditCodeCheckCharacter,
  creditCodeProblem as serviceCreditCodeProblem,
  residentIdCheckCharacter,
  residentIdNumberProblem,
} from '@gongzhi/contracts';
import { creditCodeProblem, idNumberProblem, isMobileNumber, normaliseIdentityNumber } from './identity-numbers';

const TODAY = new Date('2026-12-04T00:00:00Z');
const valid = (first17: string) => `${first17}${residentIdCheckCharacter(first17)}`;

describe('the report form’s identity number checks (before anything is sent)', () => {
  it('accepts a valid ID number, also typed with a lower-case x and spaces around it', () => {
    const withX = ['11010519491231002', '52263419850417123', '34052419800101001'].map(valid);
    for (const number of withX)
      expect(idNumberProblem(normaliseIdentityNumber(` ${number.toLowerCase()} `), TODAY)).toBeUndefined();
  });

  it('names what is wrong: length, region, an impossible or future birth date, the check digit', () => {
    expect(idNumberProblem('1101051949123100', TODAY)).toBe('idShape');
    expect(idNumberProblem(valid('01010519491231002'), TODAY)).toBe('idRegion');
    expect(idNumberProblem(valid('11010519490231002'), TODAY)).toBe('idBirthDate');
    expect(idNumberProblem(valid('11010518991231002'), TODAY)).toBe('idBirthDate');
    expect(idNumberProblem(valid('11010520270101002'), TODAY)).toBe('idBirthDate');
    const good = valid('11010519491231002');
    const typo = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    expect(idNumberProblem(typo, TODAY)).toBe('idCheck');
  });

  it('agrees with party-service on which numbers are valid', () => {
    for (let n = 0; n < 200; n += 1) {
      const body = `5226341985${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n).padStart(3, '0')}`;
      for (const last of ['0', '5', 'X', residentIdCheckCharacter(body)]) {
        const number = `${body}${last}`;
        expect(idNumberProblem(number, TODAY) === undefined).toBe(residentIdNumberProblem(number, TODAY) === undefined);
      }
    }
  });

  it('checks unified social credit codes like party-service does', () => {
    const code = `92522634MA${'1B2C3D4'}`;
    const good = `${code}${creditCodeCheckCharacter(code)}`;
    expect(creditCodeProblem(good)).toBeUndefined();
    expect(serviceCreditCodeProblem(good)).toBeUndefined();
    expect(creditCodeProblem(`${code}${good[17] === 'Y' ? 'X' : 'Y'}`)).toBe('creditCheck');
    expect(creditCodeProblem('91-350100')).toBe('creditShape');
  });

  it('takes an 11-digit mobile number only', () => {
    expect(isMobileNumber('139 0013 9000')).toBe(true);
    expect(isMobileNumber('12900139000')).toBe(false);
    expect(isMobileNumber('0851-88886666')).toBe(false);
  });
});
