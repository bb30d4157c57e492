import { registerNamespace } from '../shared/i18n/i18n';

const zh = {
  title: '工作台',
  views: { mine: '我的任务', available: '待认领', team: '本单位', watching: '关注' },
  groups: { overdue: '已超期', soon: '即将到期', later: '未到期' },
  groupCount: '{{count}} 项',
  empty: '这里没有任务。',
  claim: '认领',
  claimAndOpen: '认领并打开',
  open: '打开案件',
  claimed: '已认领：{{kind}}',
  heldBy: '办理人：{{name}}',
  caseOf: '{{type}} · {{village}}',
  noVillage: '未填村',
  tabLabel: '{{label}}（{{count}}）',
  tabLabelOverdue: '{{label}}（{{count}}，超期 {{overdue}}）',
  rule: '依据：{{rule}}',
};

export type WorkbenchStrings = typeof zh;

const en: WorkbenchStrings = {
  title: 'Workbench',
  views: { mine: 'My tasks', available: 'To claim', team: 'My agency', watching: 'Watching' },
  groups: { overdue: 'Overdue', soon: 'Due soon', later: 'Not yet due' },
  groupCount: '{{count}}',
  empty: 'No tasks here.',
  claim: 'Claim',
  claimAndOpen: 'Claim and open',
  open: 'Open case',
  claimed: 'Claimed: {{kind}}',
  heldBy: 'Held by {{name}}',
  caseOf: '{{type}} · {{village}}',
  noVillage: 'no village',
  tabLabel: '{{label}} ({{count}})',
  tabLabelOverdue: '{{label}} ({{count}}, {{overdue}} overdue)',
  rule: 'Rule: {{rule}}',
};

registerNamespace('workbench', { 'zh-CN': zh, en });
