import { registerNamespace } from '../common/i18n/i18n';

const zh = {
  title: '卡住的案件',
  hint: '本镇超过时限无人处理的任务、反复失败的流程和记录与流程不一致的案件，卡住最久的在前。此页只读：催办请到“督办”，修复由系统管理员处理。',
  kinds: '按类型查看',
  all: '全部（{{count}}）',
  kind: '{{label}}（{{count}}）',
  filters: '筛选条件',
  agency: '单位',
  level: '层级',
  minAgeHours: '至少卡住（小时）',
  any: '全部',
  apply: '查询',
  clear: '清除',
  rescan: '重新扫描',
  results: '扫描结果',
  shown: '已显示 {{count}} 项',
  incompleteTitle: '扫描不完整',
  incompleteDetail: '部分来源未读完或未响应，列表可能缺少案件。请稍后重新扫描。',
  caseLink: '打开案件 {{id}}',
  tableLabel: '本镇卡住的案件，卡住最久的在前',
};

export type TownStuckStrings = typeof zh;

const en: TownStuckStrings = {
  title: 'Stuck cases',
  hint: "The town's tasks nobody acted on in time, workflows that keep failing and cases whose record and workflow disagree, longest stuck first. Read-only: urge on the Urging page; administrators repair.",
  kinds: 'By kind',
  all: 'All ({{count}})',
  kind: '{{label}} ({{count}})',
  filters: 'Filters',
  agency: 'Agency',
  level: 'Level',
  minAgeHours: 'Stuck for at least (hours)',
  any: 'Any',
  apply: 'Search',
  clear: 'Clear',
  rescan: 'Scan again',
  results: 'What the scan found',
  shown: '{{count}} shown',
  incompleteTitle: 'The scan is incomplete',
  incompleteDetail: 'Some sources were not read to the end or did not answer: cases may be missing. Scan again later.',
  caseLink: 'Open case {{id}}',
  tableLabel: "The town's stuck cases, longest stuck first",
};

registerNamespace('townStuck', { 'zh-CN': zh, en });
