import { addressFiltersOf, addressParamsOf, caseQueryOf, looksPersonal, openedRangeOf } from './filters';

describe('case search filters', () => {
  it('sends the town days as a half-open range of instants (00:00 Asia/Shanghai to 00:00 after the last day)', () => {
    expect(openedRangeOf('2026-12-01', '2026-12-04')).toEqual({
      openedFrom: '2026-11-30T16:00:00.000Z',
      openedTo: '2026-12-04T16:00:00.000Z',
    });
    expect(openedRangeOf('2026-12-04', '2026-12-04').openedTo).toBe('2026-12-04T16:00:00.000Z');
  });

  it('keeps only codes and dates from the address, dropping anything malformed', () => {
    const filters = addressFiltersOf(
      new URLSearchParams(
        'type=neighbour&village=xiaba&level=L9&status=open,bogus,closed,open&from=2026-12-05&to=2026-12-01&q=x',
      ),
    );
    expect(filters).toEqual({ disputeType: 'neighbour', villageCode: 'xiaba', status: ['closed', 'open'] });
    expect(addressParamsOf(filters).toString()).toBe('type=neighbour&village=xiaba&status=closed%2Copen');
  });

  it('puts the keyword and event reference in the request only, never in the address', () => {
    const filters = addressFiltersOf(new URLSearchParams('status=open'));
    expect(addressParamsOf(filters).toString()).toBe('status=open');
    expect(caseQueryOf(filters, { q: '漏水', eventRef: 'JQ-001' })).toEqual({
      status: 'open',
      q: '漏水',
      eventRef: 'JQ-001',
    });
  });

  it.each([
    '11010519491231002X',
    '11010519491231002x',
    '110105491231002',
    '张三 110105194912310021 的纠纷',
    '13812345678',
    '138 1234 5678',
    '电话13812345678',
    '12345 13812345678',
  ])('refuses %s as a keyword', (keyword) => {
    expect(looksPersonal(keyword)).toBe(true);
  });

  it.each(['漏水', '2026年12月', '赔偿 18600 元', '12345 热线', '1234567890123456789012'])(
    'accepts %s as a keyword',
    (keyword) => {
      expect(looksPersonal(keyword)).toBe(false);
    },
  );
});
