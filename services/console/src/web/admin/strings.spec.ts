import { REPAIR_KINDS } from './repair-requests';
import { STUCK_KINDS } from './stuck-filters';
import { adminStrings } from './strings';

const STATUSES = ['planned', 'pending', 'running', 'applied', 'refused', 'failed'] as const;

describe("the administrators' pages' words", () => {
  it('have the same keys in Chinese and English', () => {
    const keysOf = (node: unknown, prefix = ''): string[] =>
      node && typeof node === 'object'
        ? Object.entries(node).flatMap(([key, value]) => keysOf(value, `${prefix}${key}.`))
        : [prefix];
    expect(keysOf(adminStrings.en).sort()).toEqual(keysOf(adminStrings['zh-CN']).sort());
  });

  it.each(['zh-CN', 'en'] as const)(
    'name every kind of stall, every repair (with what it does) and every repair status (%s)',
    (language) => {
      const words = adminStrings[language];
      for (const kind of STUCK_KINDS) expect(words.kinds[kind]).toEqual(expect.any(String));
      for (const kind of REPAIR_KINDS) {
        expect(words.repairs.kinds[kind]).toEqual(expect.any(String));
        expect(words.repairs.kindHints[kind]).toEqual(expect.any(String));
      }
      for (const status of STATUSES) expect(words.repairs.statuses[status]).toEqual(expect.any(String));
    },
  );
});
