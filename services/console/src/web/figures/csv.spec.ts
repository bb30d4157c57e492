import { csvFileName, toCsv } from './csv';

describe('the figures as CSV', () => {
  it('starts with a byte order mark so Excel reads the Chinese headers as UTF-8, and ends lines with CRLF', () => {
    const csv = toCsv(
      ['村', '新增', '化解率'],
      [
        ['上坝村', 3, '75.0%'],
        ['下坝村', 0, null],
      ],
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFF村,新增,化解率\r\n上坝村,3,75.0%\r\n下坝村,0,\r\n');
    // As Excel would get it: the bytes are UTF-8, the BOM's three bytes first.
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes a cell holding a comma, a quote or a line break, doubling its quotes', () => {
    expect(toCsv(['单位'], [['司法所, 东区'], ['"老街"调委会'], ['两行\n文字'], [' 前有空格']])).toBe(
      '\uFEFF单位\r\n"司法所, 东区"\r\n"""老街""调委会"\r\n"两行\n文字"\r\n" 前有空格"\r\n',
    );
  });

  it('keeps text that looks like a formula as text, and numbers (negative ones too) as numbers', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [['=1+1', '@SUM(A1)', -2.5, '-3']])).toBe(
      "\uFEFFa,b,c,d\r\n'=1+1,'@SUM(A1),-2.5,'-3\r\n",
    );
  });

  it('leaves a missing or impossible number empty', () => {
    expect(toCsv(['x'], [[undefined], [Number.NaN], [null]])).toBe('\uFEFFx\r\n\r\n\r\n\r\n');
  });

  it('names the file by its table and period, without characters Windows refuses', () => {
    expect(csvFileName('按村统计', '2026-03-01', '2026-03-31')).toBe('按村统计_2026-03-01_2026-03-31.csv');
    expect(csvFileName('By agency: days / level?', '2026-01-01', '2026-12-31')).toBe(
      'By_agency_days_level_2026-01-01_2026-12-31.csv',
    );
    expect(csvFileName('***', '2026-01-01', '2026-01-31')).toBe('figures_2026-01-01_2026-01-31.csv');
  });
});
