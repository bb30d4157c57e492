import { registerNamespace } from '../common/i18n/i18n';

const zh = {
  title: '收件箱',
  intro: '移交到本单位、等待受理的案件。请在受理期限内受理或退回。',
  empty: '没有等待受理的移交。',
  acceptBy: '受理期限：{{date}}',
  from: '来源：{{reason}}',
  fromAgency: '移交单位：{{agency}}',
  penaltyTrack: '治安处罚程序',
  amount: '争议金额：{{amount}}',
  accept: '受理',
  reject: '退回',
  acceptTitle: '受理移交',
  rejectTitle: '退回移交',
  responsible: '承办调解员',
  responsibleRequired: '请选择承办调解员',
  reason: '退回原因',
  reasonRequired: '请选择退回原因',
  accepted: '已受理，案件已交给承办调解员。',
  rejected: '已退回。',
  summary: '案情摘要',
  earlierRejections: '此前退回记录',
  earlierRejection: '{{date}} 以「{{reason}}」退回：',
  village: '村：{{village}}',
};

export type InboxStrings = typeof zh;

const en: InboxStrings = {
  title: 'Inbox',
  intro: 'Cases transferred to your agency, waiting for acceptance. Accept or reject each within its deadline.',
  empty: 'No transfers are waiting.',
  acceptBy: 'Accept by {{date}}',
  from: 'Why: {{reason}}',
  fromAgency: 'From: {{agency}}',
  penaltyTrack: 'Penalty track',
  amount: 'Amount in dispute: {{amount}}',
  accept: 'Accept',
  reject: 'Reject',
  acceptTitle: 'Accept the transfer',
  rejectTitle: 'Reject the transfer',
  responsible: 'Responsible mediator',
  responsibleRequired: 'Choose the responsible mediator',
  reason: 'Reason',
  reasonRequired: 'Choose a reason',
  accepted: 'Accepted: the case is with its responsible mediator.',
  rejected: 'Rejected.',
  summary: 'Summary',
  earlierRejections: 'Refused earlier',
  earlierRejection: 'Refused on {{date}} ({{reason}}) by ',
  village: 'Village: {{village}}',
};

registerNamespace('inbox', { 'zh-CN': zh, en });
