/**
 * The documents the parties sign, laid out from a case's facts: a pure function from facts to a document model (title,
 * headed sections, numbered clauses, signature lines), which pdf-renderer.ts then sets in type. Nothing here reads a
 * clock, a file or a service, so the wording is tested without a PDF.
 *
 * The content follows the People's Mediation Law: art. 29 (what a 人民调解协议书 states, and that it takes effect once
 * the parties have signed, sealed or put their fingerprint on it and the mediator has signed it under the
 * committee's seal) and art. 33 (the parties apply together for judicial confirmation within 30 days of the agreement
 * taking effect). ID numbers and phones are printed exactly as party-service showed them to the caller — masked unless
 * revealed to them — and nothing is derived from them (no birth date or age from an ID number: that would unmask its
 * middle digits).
 */
import type { AgreementPerformance, CASE_PARTY_ROLES, DisputeType, GeneratedDocumentKind } from '@gongzhi/contracts';
import type { PartyDetails } from '../parties/party-directory';

export type CasePartyRoleName = (typeof CASE_PARTY_ROLES)[number];

/** A party of the case as the document names it. */
export interface DocumentParty extends PartyDetails {
  role: CasePartyRoleName;
}

/** What both documents are made from: the case, its parties, the recorded agreement and its content. */
export interface AgreementFacts {
  caseId: string;
  disputeType: DisputeType;
  /** The case's summary as intake and later corrections recorded it: the dispute's facts. */
  summary: string;
  /** Yuan, as a decimal string. */
  amountInDispute: string | null;
  parties: readonly DocumentParty[];
  /** When the agreement took effect, as the timeline's `agreement-recorded` says. */
  effectiveAt: Date;
  /** Joint agencies (联合调处) that sign the agreement off too: each adds a mediator's and a seal's line. */
  jointAgencyCount: number;
  terms: readonly string[];
  performance: AgreementPerformance;
}

export interface ApplicationFacts extends AgreementFacts {
  court: string;
  reason?: string | undefined;
}

export type DocumentBlock =
  | { kind: 'title'; text: string }
  /** A small line at the top right: the case's reference. */
  | { kind: 'reference'; text: string }
  | { kind: 'heading'; text: string }
  /** `indent`: a body paragraph (two characters in); without it, flush left (party lines, 此致, the court). */
  | { kind: 'paragraph'; text: string; indent: boolean }
  /**
   * A line to sign or seal: who (申请人一, 人民调解员), their name when the document knows it, how they sign
   * (签名、盖章或按指印 / 签名 / 盖章), and the date of signing (BLANK_DATE for the signer to write in).
   */
  | { kind: 'signature'; signer: string; name: string | null; mark: string; date: string };

export interface DocumentModel {
  /** Also the PDF's Title and the stored document's title: never a name. */
  title: string;
  blocks: DocumentBlock[];
}

export const DOCUMENT_TITLES: Readonly<Record<GeneratedDocumentKind, string>> = {
  'mediation-agreement': '人民调解协议书',
  'confirmation-application': '司法确认申请书',
};

/** Dispute types in the words of the town's statistics (docs/domain.md). */
const DISPUTE_TYPE_NAMES: Readonly<Record<DisputeType, string>> = {
  'land-forest': '土地山林权属纠纷',
  neighbour: '邻里纠纷',
  'marriage-family': '婚姻家庭纠纷',
  'wages-labour': '劳资欠薪纠纷',
  'housing-property': '物业及房屋纠纷',
  traffic: '交通事故纠纷',
  'contract-debt': '合同债务纠纷',
  medical: '医疗纠纷',
  other: '其他纠纷',
};

const ROLE_NAMES: Readonly<Record<CasePartyRoleName, string>> = {
  applicant: '申请人',
  respondent: '被申请人',
  other: '其他当事人',
};
const ROLE_ORDER: readonly CasePartyRoleName[] = ['applicant', 'respondent', 'other'];

/** A date left for the signer to write in. */
export const BLANK_DATE = '　　　　年　　月　　日';

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 15 → 十五, 21 → 二十一 (up to 99: clause numbers and copy counts). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`chineseNumber takes 0–99, not ${n}`);
  if (n < 10) return DIGITS[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${ones === 0 ? '' : (DIGITS[ones] ?? '')}`;
}

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** The Asia/Shanghai calendar day of an instant, as documents write it: 2026年3月5日. */
export function chineseDate(at: Date): string {
  const parts = Object.fromEntries(SHANGHAI_DAY.formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts['year']}年${parts['month']}月${parts['day']}日`;
}

/** Applicants first, then respondents, then the others; the case's order within each role. */
function ordered(parties: readonly DocumentParty[]): DocumentParty[] {
  return ROLE_ORDER.flatMap((role) => parties.filter((party) => party.role === role));
}

/** 申请人, or 申请人一, 申请人二 … when the role has several parties. */
function labelsByRole(parties: readonly DocumentParty[]): string[] {
  return parties.map((party) => {
    const sameRole = parties.filter((other) => other.role === party.role);
    const name = ROLE_NAMES[party.role];
    return sameRole.length === 1 ? name : `${name}${chineseNumber(sameRole.indexOf(party) + 1)}`;
  });
}

/** What the document says of a party: the details party-service showed the caller, in the order forms use. */
export function describeParty(label: string, party: PartyDetails): string {
  const facts: string[] = [`${label}：${party.name}`];
  if (party.kind === 'person') {
    if (party.gender) facts.push(party.gender === 'male' ? '男' : '女');
    if (party.idNumber) facts.push(`公民身份号码：${party.idNumber}`);
  } else {
    if (party.creditCode) facts.push(`统一社会信用代码：${party.creditCode}`);
    if (party.contactName) facts.push(`联系人：${party.contactName}`);
  }
  if (party.addressDetail) facts.push(`${party.kind === 'person' ? '住址' : '住所'}：${party.addressDetail}`);
  if (party.phone) facts.push(`联系电话：${party.phone}`);
  return `${facts.join('，')}。`;
}

const paragraph = (text: string, indent = true): DocumentBlock => ({ kind: 'paragraph', text, indent });
const heading = (text: string): DocumentBlock => ({ kind: 'heading', text });

function disputeBlocks(facts: AgreementFacts): DocumentBlock[] {
  return [
    paragraph(`纠纷类型：${DISPUTE_TYPE_NAMES[facts.disputeType]}。`),
    ...(facts.amountInDispute === null ? [] : [paragraph(`争议金额：人民币${facts.amountInDispute}元。`)]),
    paragraph(facts.summary),
  ];
}

function termBlocks(facts: AgreementFacts): DocumentBlock[] {
  return facts.terms.map((term, index) => paragraph(`${chineseNumber(index + 1)}、${term}`));
}

function performanceBlocks(facts: AgreementFacts): DocumentBlock[] {
  return [paragraph(`履行方式：${facts.performance.manner}`), paragraph(`履行期限：${facts.performance.deadline}`)];
}

const PARTY_MARK = '签名、盖章或按指印';

/** Each party's line: its label and name, to sign, seal or fingerprint. */
function partySignatures(parties: readonly DocumentParty[], labels: readonly string[], date: string) {
  return parties.map((party, index): DocumentBlock => ({
    kind: 'signature',
    signer: labels[index] ?? '',
    name: party.name,
    mark: PARTY_MARK,
    date,
  }));
}

/** The mediators' and the committee's lines: one mediator per agency that mediated, one seal per agency. */
function mediatorSignatures(facts: AgreementFacts, mediator: string, date: string): DocumentBlock[] {
  const line = (signer: string, mark: string): DocumentBlock => ({ kind: 'signature', signer, name: null, mark, date });
  const joint = Array.from({ length: facts.jointAgencyCount }, (_, index) => index);
  return [
    line(mediator, '签名'),
    ...joint.map(() => line(mediator, '签名')),
    line('人民调解委员会', '盖章'),
    ...joint.map(() => line('联合调处单位', '盖章')),
  ];
}

/** 人民调解协议书: parties, dispute, agreed terms, performance, effect, and everyone's signature dated the effective day. */
export function buildMediationAgreement(facts: AgreementFacts): DocumentModel {
  const parties = ordered(facts.parties);
  const labels = labelsByRole(parties);
  const effective = chineseDate(facts.effectiveAt);
  const copies = chineseNumber(parties.length + 1);
  return {
    title: DOCUMENT_TITLES['mediation-agreement'],
    blocks: [
      { kind: 'title', text: DOCUMENT_TITLES['mediation-agreement'] },
      { kind: 'reference', text: `案件编号：${facts.caseId}` },
      heading('当事人'),
      ...parties.map((party, index) => paragraph(describeParty(labels[index] ?? '', party), false)),
      heading('纠纷主要事实、争议事项'),
      ...disputeBlocks(facts),
      heading('经人民调解委员会主持调解，当事人自愿达成如下协议'),
      ...termBlocks(facts),
      heading('履行方式、时限'),
      ...performanceBlocks(facts),
      heading('协议生效'),
      paragraph(
        '本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效，具有法律约束力，当事人应当按照约定履行。',
      ),
      paragraph(`协议生效日期：${effective}。`),
      paragraph(`本协议一式${copies}份，当事人各执一份，人民调解委员会留存一份。`),
      heading('签名'),
      ...partySignatures(parties, labels, effective),
      ...mediatorSignatures(facts, '人民调解员', effective),
    ],
  };
}

const STANDARD_REASON =
  '上述调解协议系申请人在人民调解委员会主持下自愿达成，内容不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。依照《中华人民共和国人民调解法》第三十三条和《中华人民共和国民事诉讼法》的有关规定，申请人自调解协议生效之日起三十日内共同向人民法院申请司法确认。';

const UNDERTAKING =
  '申请人出于解决纠纷的目的自愿达成调解协议，没有恶意串通、规避法律的行为；如因该协议内容给他人造成损害，愿意承担相应的民事责任和其他法律责任。';

/**
 * 司法确认申请书: every party applies (申请人一、二…), the request to confirm the agreement, the facts and the agreement
 * again, the undertaking, the court, and signature lines left undated for the day the parties file it.
 */
export function buildConfirmationApplication(facts: ApplicationFacts): DocumentModel {
  const parties = ordered(facts.parties);
  const labels = parties.map((_, index) => (parties.length === 1 ? '申请人' : `申请人${chineseNumber(index + 1)}`));
  const effective = chineseDate(facts.effectiveAt);
  return {
    title: DOCUMENT_TITLES['confirmation-application'],
    blocks: [
      { kind: 'title', text: DOCUMENT_TITLES['confirmation-application'] },
      { kind: 'reference', text: `案件编号：${facts.caseId}` },
      heading('申请人'),
      ...parties.map((party, index) => paragraph(describeParty(labels[index] ?? '', party), false)),
      heading('请求事项'),
      paragraph(
        `请求确认调解协议有效：申请人之间的${DISPUTE_TYPE_NAMES[facts.disputeType]}，于${effective}经人民调解委员会主持调解达成人民调解协议，请求${facts.court}依法确认该调解协议有效。`,
      ),
      heading('事实和理由'),
      ...disputeBlocks(facts),
      paragraph(`申请人于${effective}经人民调解委员会主持调解，自愿达成如下调解协议：`),
      ...termBlocks(facts),
      ...performanceBlocks(facts),
      paragraph(`该调解协议自${effective}起生效。`),
      ...(facts.reason ? [paragraph(facts.reason)] : []),
      paragraph(STANDARD_REASON),
      heading('申请人承诺'),
      paragraph(UNDERTAKING),
      paragraph('此致'),
      paragraph(facts.court, false),
      paragraph('附：人民调解协议书一份；申请人身份证明各一份。', false),
      heading('签名'),
      ...partySignatures(parties, labels, BLANK_DATE),
      ...mediatorSignatures(facts, '主持调解的人民调解员', BLANK_DATE),
    ],
  };
}

/** Every line of text the model prints, in order: what a reader of the PDF should find (tests compare the two). */
export function textOf(model: DocumentModel): string[] {
  return model.blocks.map((block) =>
    block.kind === 'signature'
      ? `${block.signer}${block.name ? `：${block.name}` : ''}（${block.mark}） 日期：${block.date}`
      : block.text,
  );
}
