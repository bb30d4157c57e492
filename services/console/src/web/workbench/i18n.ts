import { registerNamespace } from '../common/i18n/i18n';

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
  filters: {
    title: '筛选与排序',
    any: '全部',
    type: '纠纷类型',
    village: '村',
    level: '层级',
    priority: '紧急程度',
    sort: '排序',
    priorities: { urgent: '紧急', high: '较急', normal: '一般', low: '无期限' },
    sorts: { due: '按到期时间', priority: '按紧急程度', created: '按创建时间' },
  },
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
  filters: {
    title: 'Filter and sort',
    any: 'All',
    type: 'Dispute type',
    village: 'Village',
    level: 'Level',
    priority: 'Priority',
    sort: 'Order',
    priorities: { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'No deadline' },
    sorts: { due: 'Due soonest', priority: 'Most urgent', created: 'Oldest first' },
  },
};

registerNamespace('workbench', { 'zh-CN': zh, en });
