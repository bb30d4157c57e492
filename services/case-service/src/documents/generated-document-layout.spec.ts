import {
  type AgreementFacts,
  BLANK_DATE,
  buildConfirmationApplication,
  buildMediationAgreement,
  chineseDate,
  chineseNumber,
  describeParty,
  type DocumentBlock,
  type DocumentParty,
  textOf,
} from './generated-document-layout';

const FULL_ID = '110105199001010012';
const MASKED_ID = '110105********0023';

const applicant: DocumentParty = {
  id: 'a0000000-0000-4000-8000-000000000001',
  role: 'applicant',
  kind: 'person',
  name: '张建国',
  gender: 'male',
  idNumber: FULL_ID,
  creditCode: null,
  phone: '13800138000',
  contactName: null,
  addressDetail: '上坝村3组12号',
  revealed: ['idNumber', 'phone'],
};
const respondent: DocumentParty = {
  id: 'a0000000-0000-4000-8000-000000000002',
  role: 'respondent',
  kind: 'person',
  name: '李秀英',
  gender: null,
  idNumber: MASKED_ID,
  creditCode: null,
  phone: '139****0000',
  contactName: null,
  addressDetail: null,
  revealed: [],
};
const company: DocumentParty = {
  id: 'a0000000-0000-4000-8000-000000000003',
  role: 'respondent',
  kind: 'organisation',
  name: '清水镇某建筑有限公司',
  gender: null,
  idNumber: null,
  creditCode: '91350100M000100Y43',
  phone: null,
  contactName: '王经理',
  addressDetail: '工业园1号',
  revealed: [],
};

const facts: AgreementFacts = {
  caseId: 'c0000000-0000-4000-8000-000000000001',
  disputeType: 'neighbour',
  summary: '被申请人新建房屋的屋顶雨水排入申请人院内。',
  amountInDispute: '3000.00',
  // The respondent first, as a correction may leave them: the document still names the applicant first.
  parties: [respondent, applicant],
  // 17:30 UTC on the 4th is already the 5th in Asia/Shanghai: documents date by the town's calendar.
  effectiveAt: new Date('2026-03-04T17:30:00Z'),
  jointAgencyCount: 0,
  terms: ['被申请人于2026年3月31日前加装排水槽。', '被申请人赔偿申请人院墙修缮费人民币3000元。'],
  performance: { manner: '现金一次性支付', deadline: '2026年3月31日前' },
};

const signatures = (blocks: DocumentBlock[]) =>
  blocks.filter((block): block is Extract<DocumentBlock, { kind: 'signature' }> => block.kind === 'signature');

describe('the documents the parties sign, laid out', () => {
  it('numbers clauses and copies in Chinese numerals', () => {
    expect([1, 9, 10, 11, 15, 20, 21, 99].map(chineseNumber)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '十五',
      '二十',
      '二十一',
      '九十九',
    ]);
    expect(() => chineseNumber(100)).toThrow(RangeError);
  });

  it('dates by the Asia/Shanghai calendar', () => {
    expect(chineseDate(new Date('2026-03-04T15:59:59Z'))).toBe('2026年3月4日');
    expect(chineseDate(new Date('2026-03-04T16:00:00Z'))).toBe('2026年3月5日');
  });

  it('prints a person as party-service showed them: sex only when known, numbers revealed or masked as given', () => {
    expect(describeParty('申请人', applicant)).toBe(
      `申请人：张建国，男，公民身份号码：${FULL_ID}，住址：上坝村3组12号，联系电话：13800138000。`,
    );
    expect(describeParty('被申请人', respondent)).toBe(
      `被申请人：李秀英，公民身份号码：${MASKED_ID}，联系电话：139****0000。`,
    );
    expect(describeParty('被申请人', company)).toBe(
      '被申请人：清水镇某建筑有限公司，统一社会信用代码：91350100M000100Y43，联系人：王经理，住所：工业园1号。',
    );
  });

  it('writes the mediation agreement: parties, dispute, numbered terms, performance, effect and signatures', () => {
    const model = buildMediationAgreement(facts);
    expect(model.title).toBe('人民调解协议书');
    const text = textOf(model);
    expect(text[0]).toBe('人民调解协议书');
    expect(text).toContain(`案件编号：${facts.caseId}`);
    const applicantLine = text.findIndex((line) => line.startsWith('申请人：张建国'));
    const respondentLine = text.findIndex((line) => line.startsWith('被申请人：李秀英'));
    expect(applicantLine).toBeGreaterThan(0);
    expect(respondentLine).toBeGreaterThan(applicantLine);
    expect(text).toEqual(
      expect.arrayContaining([
        '纠纷类型：邻里纠纷。',
        '争议金额：人民币3000.00元。',
        facts.summary,
        '一、被申请人于2026年3月31日前加装排水槽。',
        '二、被申请人赔偿申请人院墙修缮费人民币3000元。',
        '履行方式：现金一次性支付',
        '履行期限：2026年3月31日前',
        '协议生效日期：2026年3月5日。',
        '本协议一式三份，当事人各执一份，人民调解委员会留存一份。',
      ]),
    );
    // Nothing is worked out of an ID number: no birth date, no age.
    expect(text.join('\n')).not.toMatch(/出生|年龄|1990年/);
    expect(signatures(model.blocks)).toEqual([
      { kind: 'signature', signer: '申请人', name: '张建国', mark: '签名、盖章或按指印', date: '2026年3月5日' },
      { kind: 'signature', signer: '被申请人', name: '李秀英', mark: '签名、盖章或按指印', date: '2026年3月5日' },
      { kind: 'signature', signer: '人民调解员', name: null, mark: '签名', date: '2026年3月5日' },
      { kind: 'signature', signer: '人民调解委员会', name: null, mark: '盖章', date: '2026年3月5日' },
    ]);
  });

  it('numbers several parties of one role, and adds a mediator and a seal per joint agency', () => {
    const model = buildMediationAgreement({ ...facts, parties: [applicant, respondent, company], jointAgencyCount: 2 });
    const lines = signatures(model.blocks).map((block) => `${block.signer}（${block.mark}）`);
    expect(lines).toEqual([
      '申请人（签名、盖章或按指印）',
      '被申请人一（签名、盖章或按指印）',
      '被申请人二（签名、盖章或按指印）',
      '人民调解员（签名）',
      '人民调解员（签名）',
      '人民调解员（签名）',
      '人民调解委员会（盖章）',
      '联合调处单位（盖章）',
      '联合调处单位（盖章）',
    ]);
    expect(textOf(model)).toContain('本协议一式四份，当事人各执一份，人民调解委员会留存一份。');
  });

  it('writes the joint application: every party applies, asks the court to confirm, leaves the dates to the signers', () => {
    const model = buildConfirmationApplication({ ...facts, court: '清水县人民法院', reason: '双方均已开始履行。' });
    expect(model.title).toBe('司法确认申请书');
    const text = textOf(model);
    expect(text).toEqual(
      expect.arrayContaining([
        `申请人一：张建国，男，公民身份号码：${FULL_ID}，住址：上坝村3组12号，联系电话：13800138000。`,
        `申请人二：李秀英，公民身份号码：${MASKED_ID}，联系电话：139****0000。`,
        '一、被申请人于2026年3月31日前加装排水槽。',
        '履行期限：2026年3月31日前',
        '该调解协议自2026年3月5日起生效。',
        '双方均已开始履行。',
        '此致',
        '清水县人民法院',
      ]),
    );
    const request = text[text.indexOf('请求事项') + 1];
    expect(request).toContain('确认调解协议有效');
    expect(request).toContain('2026年3月5日');
    expect(request).toContain('请求清水县人民法院依法确认');
    expect(text.join('\n')).toContain('《中华人民共和国人民调解法》第三十三条');
    expect(signatures(model.blocks).map((block) => [block.signer, block.date])).toEqual([
      ['申请人一', BLANK_DATE],
      ['申请人二', BLANK_DATE],
      ['主持调解的人民调解员', BLANK_DATE],
      ['人民调解委员会', BLANK_DATE],
    ]);
  });

  it('leaves the optional reason out when none is given', () => {
    const text = textOf(buildConfirmationApplication({ ...facts, court: '清水县人民法院' }));
    expect(text).not.toContain('双方均已开始履行。');
    expect(text.filter((line) => line.startsWith('上述调解协议系申请人'))).toHaveLength(1);
  });
});
