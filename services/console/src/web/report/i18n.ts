import { registerNamespace } from '../shared/i18n/i18n';

const zh = {
  title: '上报纠纷',
  intro: '同一事件的多次上报会并入同一个案件。',
  disputeType: '纠纷类型',
  disputeTypeRequired: '请选择纠纷类型',
  source: '来源',
  village: '村',
  villageRequired: '请选择村',
  grid: '网格编号',
  eventRef: '事件编号（警情号、12345 工单号等）',
  summary: '纠纷情况',
  summaryRequired: '请描述纠纷（至少 5 个字）',
  submit: '上报',
  opened: '已立案：新案件已建立。',
  linked: '已并入现有案件：同一事件已有案件在办理。',
  openCase: '查看案件',
  another: '再报一件',
};

export type ReportStrings = typeof zh;

const en: ReportStrings = {
  title: 'Report a dispute',
  intro: 'Reports of the same event join one case.',
  disputeType: 'Dispute type',
  disputeTypeRequired: 'Choose the dispute type',
  source: 'Source',
  village: 'Village',
  villageRequired: 'Choose the village',
  grid: 'Grid code',
  eventRef: 'Event reference (police incident, 12345 ticket…)',
  summary: 'What happened',
  summaryRequired: 'Describe the dispute (at least 5 characters)',
  submit: 'Report',
  opened: 'A new case was opened.',
  linked: 'Linked to an open case: the same event is already being handled.',
  openCase: 'Open the case',
  another: 'Report another',
};

registerNamespace('report', { 'zh-CN': zh, en });
