import { parsePostgresUrl } from './datasource';
import { toUserFacingError, UserFacingError } from './errors';

const target = parsePostgresUrl('postgresql://app:secret@db.local:5432/cases');

function pgError(code: string, message = 'boom'): Error {
  return Object.assign(new Error(message), { code });
}

describe('toUserFacingError', () => {
  it.each([
    ['28P01', 'P1000'],
    ['ECONNREFUSED', 'P1001'],
    ['ENOTFOUND', 'P1001'],
    ['3D000', 'P1003'],
    ['42P04', 'P1009'],
    ['28000', 'P1010'],
  ])('maps %s to %s', (code, expected) => {
    expect(toUserFacingError(pgError(code), target)?.errorCode).toBe(expected);
  });

  it('uses the native messages the CLI shows', () => {
    expect(toUserFacingError(pgError('ECONNREFUSED'), target)?.message).toBe(
      "Can't reach database server at `db.local:5432`\n\nPlease make sure your database server is running at `db.local:5432`.",
    );
    expect(toUserFacingError(pgError('3D000'), target)?.message).toBe(
      'Database `cases` does not exist on the database server at `db.local:5432`.',
    );
  });

  it('maps pg connect timeouts to P1002', () => {
    expect(toUserFacingError(new Error('timeout expired'), target)?.errorCode).toBe('P1002');
  });

  it('leaves other errors alone', () => {
    expect(toUserFacingError(pgError('42601'), target)).toBeUndefined();
    expect(toUserFacingError('not an error', target)).toBeUndefined();
  });

  it('passes user-facing errors through', () => {
    const error = new UserFacingError('P3014', 'no shadow');
    expect(toUserFacingError(error, target)).toBe(error);
  });
});
