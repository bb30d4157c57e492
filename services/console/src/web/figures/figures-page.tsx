import './i18n';
import './figures.css';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Segmented, Select, Skeleton, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDirectory, useVillages } from '../common/queries/directory';
import { hasRole, useSession } from '../common/session/session';
import { ProblemAlert } from '../common/ui/problem';
import { BAND_COLOURS, INDEX_BAND_FLOORS, type IndexBand } from './bands';
import {
  type BarSeries,
  categoryBarsOption,
  categoryChartHeight,
  dailyIndexOption,
  FIGURE_COLOURS,
  levelBarsOption,
  periodBarsOption,
} from './charts';
import { csvFileName } from './csv';
import { type ChartOption, EChart } from './echart';
import { type FigureColumn, type FigureKind, figuresCsv, formatFigure, formatRate } from './format';
import {
  type DayRange,
  granularityOf,
  isValidRange,
  MAX_RANGE_DAYS,
  type PeriodChoice,
  periodOf,
  PRESETS,
  townDay,
} from './periods';
import { type DailyIndexEntry, type FiguresQuery, type Statistics, useDailyIndex, useFigures } from './queries';

const CHOICES: readonly PeriodChoice[] = [...PRESETS, 'custom'];
const AGENCY_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A figure the API left null: a dash, and why on hover or focus (and for screen readers, read out with it). */
function NoFigure({ why }: { why: string }) {
  return (
    <Tooltip title={why}>
      <span className="gz-figures-none" tabIndex={0}>
        —<span className="gz-figures-sr-only">{why}</span>
      </span>
    </Tooltip>
  );
}

function FigureValue({ kind, value }: { kind: FigureKind; value: string | number | null }) {
  const { t, i18n } = useTranslation('figures');
  if (value === null) return <NoFigure why={kind === 'days' ? t('noStays') : t('noCases')} />;
  return <>{formatFigure(kind, value, i18n.language)}</>;
}

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the file to the browser's download; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

interface PanelProps<Row> {
  id: string;
  title: string;
  range: DayRange;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: readonly FigureColumn<Row>[];
  option: ChartOption;
  chartLabel: string;
  chartHeight: number;
}

/** One figure: its chart or, at a click, the same numbers as a table; and the table as a CSV file. */
function FigurePanel<Row extends object>({
  id,
  title,
  range,
  rows,
  rowKey,
  columns,
  option,
  chartLabel,
  chartHeight,
}: PanelProps<Row>) {
  const { t } = useTranslation('figures');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const tableColumns: ColumnsType<Row> = columns.map((column) => ({
    key: column.key,
    title: column.title,
    align: column.kind === 'text' ? 'left' : 'right',
    render: (_: unknown, row: Row) => <FigureValue kind={column.kind} value={column.value(row)} />,
    ...(column.kind === 'text'
      ? {}
      : {
          // Nulls (nothing to rate) sort below every number.
          sorter: (a: Row, b: Row) => Number(column.value(a) ?? -1) - Number(column.value(b) ?? -1),
        }),
  }));
  const body = () => {
    if (rows.length === 0) return <Empty description={t('empty')} />;
    if (view === 'chart')
      return <EChart option={option} label={`${chartLabel} ${t('charts.more')}`} height={chartHeight} />;
    return (
      <Table<Row>
        aria-label={t('tableOf', { title, from: range.from, to: range.to })}
        size="small"
        rowKey={rowKey}
        columns={tableColumns}
        dataSource={[...rows]}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
      />
    );
  };
  return (
    <section aria-labelledby={id}>
      <Card
        className="gz-figures-panel"
        title={
          <Typography.Title level={2} id={id}>
            {title}
          </Typography.Title>
        }
        extra={
          <div className="gz-task-meta">
            <Segmented<'chart' | 'table'>
              aria-label={t('view.label', { title })}
              value={view}
              onChange={setView}
              options={[
                { value: 'chart', label: t('view.chart') },
                { value: 'table', label: t('view.table') },
              ]}
            />
            <Button
              icon={<DownloadOutlined aria-hidden />}
              disabled={rows.length === 0}
              aria-label={t('exportCsvOf', { title })}
              onClick={() => download(csvFileName(title, range.from, range.to), figuresCsv(columns, rows))}
            >
              {t('exportCsv')}
            </Button>
          </div>
        }
      >
        {body()}
      </Card>
    </section>
  );
}

/** The agency and village names of the figures (codes while the directory loads or for one it does not list). */
function useNames() {
  const { t } = useTranslation(['figures', 'common']);
  const directory = useDirectory();
  const villages = useVillages();
  return useMemo(() => {
    const agencies = new Map((directory.data?.agencies ?? []).map((agency) => [agency.id, agency.name]));
    const villageNames = new Map((villages.data ?? []).map((village) => [village.code, village.name]));
    return {
      agency: (id: string) => agencies.get(id) ?? t('common:people.otherAgency'),
      village: (code: string | null) => (code === null ? t('noVillage') : (villageNames.get(code) ?? code)),
    };
  }, [directory.data, villages.data, t]);
}

function FilterBar({
  choice,
  range,
  today,
  agencyId,
}: {
  choice: PeriodChoice;
  range: DayRange;
  today: string;
  agencyId: string | undefined;
}) {
  const { t } = useTranslation('figures');
  const [params, setParams] = useSearchParams();
  const directory = useDirectory();
  const agencies = useMemo(
    () =>
      [...(directory.data?.agencies ?? [])]
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
        .map((agency) => ({ value: agency.id, label: agency.name })),
    [directory.data],
  );
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };
  const choose = (next: PeriodChoice) =>
    // A custom range starts from the period shown, to be narrowed or widened from there.
    update(
      next === 'custom'
        ? { period: 'custom', from: range.from, to: range.to }
        : { period: next, from: undefined, to: undefined },
    );
  const todayDay = dayjs(today);
  return (
    <div className="gz-figures-filters" role="group" aria-label={t('filters.label')}>
      <label className="gz-figures-filter">
        <span>{t('filters.period')}</span>
        <Select<PeriodChoice>
          aria-label={t('filters.period')}
          value={choice}
          onChange={choose}
          popupMatchSelectWidth={false}
          options={CHOICES.map((value) => ({ value, label: t(`filters.presets.${value}`) }))}
        />
      </label>
      {choice === 'custom' ? (
        <div className="gz-figures-filter">
          <span id="figures-range-label">{t('filters.range')}</span>
          <DatePicker.RangePicker
            aria-labelledby="figures-range-label"
            allowClear={false}
            value={[dayjs(range.from), dayjs(range.to)]}
            placeholder={[t('filters.rangeStart'), t('filters.rangeEnd')]}
            // Up to today, and no further apart than the API answers.
            disabledDate={(day, info) =>
              day.isAfter(todayDay, 'day') ||
              (info.from !== undefined && Math.abs(day.diff(info.from, 'day')) >= MAX_RANGE_DAYS)
            }
            onChange={(days) => {
              const [first, last] = days ?? [];
              if (!first || !last) return;
              const picked = { from: first.format('YYYY-MM-DD'), to: last.format('YYYY-MM-DD') };
              if (isValidRange(picked, today)) update({ period: 'custom', ...picked });
            }}
          />
          <span className="gz-muted">{t('filters.rangeHint')}</span>
        </div>
      ) : null}
      <label className="gz-figures-filter">
        <span>{t('filters.agency')}</span>
        <Select
          aria-label={t('filters.agency')}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('filters.allAgencies')}
          loading={directory.isPending}
          value={agencyId}
          onChange={(value?: string) => update({ agency: value })}
          popupMatchSelectWidth={false}
          options={agencies}
        />
      </label>
    </div>
  );
}

/** Today's index and band, large: the first thing the town's leaders ask. */
function TodayBand({ entry }: { entry: DailyIndexEntry }) {
  const { t, i18n } = useTranslation('figures');
  const colours = BAND_COLOURS[entry.band];
  return (
    <section
      aria-labelledby="figures-today"
      className="gz-figures-today"
      style={{ borderColor: colours.strong, background: colours.pale }}
    >
      <Typography.Title level={2} id="figures-today">
        {t('today.title')}
      </Typography.Title>
      <span className="gz-figures-today-score">
        {t('today.score', { score: formatFigure('score', entry.score, i18n.language) })}
      </span>
      <span className="gz-figures-today-band" style={{ background: colours.strong }}>
        {t(`bands.${entry.band}`)}
      </span>
      <p className="gz-figures-today-detail">
        {t('today.window', {
          resolution: formatRate(entry.resolutionRate, i18n.language),
          onTime: formatRate(entry.onTimeAcceptanceRate, i18n.language),
          missed: formatRate(entry.missedDeadlineShare, i18n.language),
          active: entry.activeCases,
        })}
        <br />
        <span className="gz-muted">{t('today.floors', INDEX_BAND_FLOORS)}</span>
      </p>
    </section>
  );
}

function Headline({ figures }: { figures: Statistics }) {
  const { t, i18n } = useTranslation('figures');
  const { totals } = figures;
  const count = (value: number) => formatFigure('count', value, i18n.language);
  const rate = (value: number | null) =>
    value === null ? <NoFigure why={t('noCases')} /> : formatRate(value, i18n.language);
  const tiles: { key: string; label: string; value: React.ReactNode; sub?: string }[] = [
    {
      key: 'resolution',
      label: t('headline.resolutionRate'),
      value: rate(figures.resolutionRate),
      sub: t('headline.resolutionRateOf', { resolved: totals.resolved, closed: totals.closed }),
    },
    {
      key: 'within-town',
      label: t('headline.withinTown'),
      value: rate(figures.resolvedWithinTownShare),
      sub: t('headline.withinTownOf', { within: totals.resolvedWithinTown, closed: totals.closed }),
    },
    {
      key: 'on-time',
      label: t('headline.onTime'),
      value: rate(figures.onTimeAcceptanceRate),
      sub: t('headline.onTimeOf', { onTime: totals.transfersAcceptedOnTime, accepted: totals.transfersAccepted }),
    },
    {
      key: 'overdue',
      label: t('headline.overdueNow'),
      value: count(totals.overdueNow),
      sub: t('headline.overdueNowOf'),
    },
    {
      key: 'opened',
      label: t('headline.opened'),
      value: count(totals.opened),
      sub: t('headline.missed', { missed: totals.missedDeadlines, cases: totals.casesWithMissedDeadlines }),
    },
    {
      key: 'closed',
      label: t('headline.closed'),
      value: count(totals.closed),
      sub: t('headline.closedOf', { merged: totals.merged }),
    },
    { key: 'resolved', label: t('headline.resolved'), value: count(totals.resolved) },
  ];
  return (
    <section aria-labelledby="figures-headline">
      <Typography.Title level={2} id="figures-headline" className="gz-figures-sr-only">
        {t('headline.title')}
      </Typography.Title>
      <dl className="gz-figures-headline">
        {tiles.map((tile) => (
          <div key={tile.key}>
            <dt>{tile.label}</dt>
            <dd className="gz-figures-value">{tile.value}</dd>
            {tile.sub ? <dd className="gz-figures-sub">{tile.sub}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}

type PeriodRow = Statistics['series']['periods'][number];
type AgencyRow = Statistics['agencies'][number];
type VillageRow = Statistics['villages'][number];
type DisputeTypeRow = Statistics['disputeTypes'][number];
type LevelRow = Statistics['levels'][number];

/** The largest of a count over rows, named: what a chart's description leads with. */
function topOf<Row>(rows: readonly Row[], count: (row: Row) => number, name: (row: Row) => string) {
  const top = rows.reduce<Row | undefined>((best, row) => (!best || count(row) > count(best) ? row : best), undefined);
  return top ? { top: name(top), topCount: count(top) } : { top: '', topCount: 0 };
}

type Names = ReturnType<typeof useNames>;

/** Opened, closed and resolved per row: the bars of the series, villages and dispute types. */
function openedClosedResolved<Row>(
  rows: readonly Row[],
  values: (row: Row) => { opened: number; closed: number; resolved: number },
  t: TFunction,
): BarSeries[] {
  return [
    { name: t('figures:columns.opened'), colour: FIGURE_COLOURS.opened, data: rows.map((row) => values(row).opened) },
    { name: t('figures:columns.closed'), colour: FIGURE_COLOURS.closed, data: rows.map((row) => values(row).closed) },
    {
      name: t('figures:columns.resolved'),
      colour: FIGURE_COLOURS.resolved,
      data: rows.map((row) => values(row).resolved),
    },
  ];
}

/** Every chart's options, made again only when the figures, the names or the language change. */
function chartOptions(figures: Statistics, index: readonly DailyIndexEntry[], names: Names, t: TFunction) {
  const c = (key: string) => t(`figures:columns.${key}`);
  const { agencies, villages, disputeTypes, levels } = figures;
  const periods = figures.series.periods;
  const byDay = figures.series.granularity === 'day';
  return {
    series: periodBarsOption(
      periods.map((p) => (byDay ? p.period.slice(5) : p.period)),
      openedClosedResolved(periods, (p) => p, t),
    ),
    agencies: categoryBarsOption(
      agencies.map((a) => names.agency(a.agencyId)),
      [
        { name: c('transfersReceived'), colour: FIGURE_COLOURS.opened, data: agencies.map((a) => a.transfersReceived) },
        { name: c('accepted'), colour: FIGURE_COLOURS.accepted, data: agencies.map((a) => a.accepted) },
        { name: c('rejected'), colour: FIGURE_COLOURS.rejected, data: agencies.map((a) => a.rejected) },
        { name: c('resolved'), colour: FIGURE_COLOURS.resolved, data: agencies.map((a) => a.resolved) },
      ],
    ),
    villages: categoryBarsOption(
      villages.map((v) => names.village(v.villageCode)),
      openedClosedResolved(villages, (v) => v, t),
    ),
    types: categoryBarsOption(
      disputeTypes.map((d) => t(`common:disputeTypes.${d.disputeType}`)),
      openedClosedResolved(disputeTypes, (d) => d, t),
    ),
    levels: levelBarsOption(
      levels.map((l) => t(`common:levels.${l.level}`)),
      [
        { name: c('meanDays'), colour: FIGURE_COLOURS.mean, data: levels.map((l) => l.meanDays) },
        { name: c('p90Days'), colour: FIGURE_COLOURS.p90, data: levels.map((l) => l.p90Days) },
      ],
    ),
    index: dailyIndexOption(
      index,
      {
        blue: t('figures:bandShort.blue'),
        yellow: t('figures:bandShort.yellow'),
        orange: t('figures:bandShort.orange'),
        red: t('figures:bandShort.red'),
      },
      c('score'),
    ),
  };
}

function Panels({ figures, index, range }: { figures: Statistics; index: DailyIndexEntry[]; range: DayRange }) {
  const { t, i18n } = useTranslation(['figures', 'common']);
  const names = useNames();
  const language = i18n.language;
  const c = (key: string) => t(`columns.${key}`);

  const periods = figures.series.periods;
  const byDay = figures.series.granularity === 'day';
  const periodColumns: FigureColumn<PeriodRow>[] = [
    { key: 'period', title: byDay ? c('day') : c('month'), kind: 'text', value: (p) => p.period },
    { key: 'opened', title: c('opened'), kind: 'count', value: (p) => p.opened },
    { key: 'closed', title: c('closed'), kind: 'count', value: (p) => p.closed },
    { key: 'resolved', title: c('resolved'), kind: 'count', value: (p) => p.resolved },
  ];

  const agencies = figures.agencies;
  const agencyColumns: FigureColumn<AgencyRow>[] = [
    { key: 'agency', title: c('agency'), kind: 'text', value: (a) => names.agency(a.agencyId) },
    {
      key: 'kind',
      title: c('kind'),
      kind: 'text',
      value: (a) => (a.kind ? t(`common:agencyKinds.${a.kind}`) : t('unknownKind')),
    },
    { key: 'received', title: c('transfersReceived'), kind: 'count', value: (a) => a.transfersReceived },
    { key: 'accepted', title: c('accepted'), kind: 'count', value: (a) => a.accepted },
    { key: 'on-time', title: c('acceptedOnTime'), kind: 'count', value: (a) => a.acceptedOnTime },
    {
      key: 'on-time-rate',
      title: c('onTimeRate'),
      kind: 'rate',
      value: (a) => (a.accepted === 0 ? null : a.acceptedOnTime / a.accepted),
    },
    { key: 'rejected', title: c('rejected'), kind: 'count', value: (a) => a.rejected },
    { key: 'resolved', title: c('resolved'), kind: 'count', value: (a) => a.resolved },
  ];

  const villages = figures.villages;
  const villageColumns: FigureColumn<VillageRow>[] = [
    { key: 'village', title: c('village'), kind: 'text', value: (v) => names.village(v.villageCode) },
    { key: 'opened', title: c('opened'), kind: 'count', value: (v) => v.opened },
    { key: 'closed', title: c('closed'), kind: 'count', value: (v) => v.closed },
    { key: 'resolved', title: c('resolved'), kind: 'count', value: (v) => v.resolved },
    { key: 'rate', title: c('resolutionRate'), kind: 'rate', value: (v) => v.resolutionRate },
    { key: 'overdue', title: c('overdueNow'), kind: 'count', value: (v) => v.overdueNow },
  ];

  const types = figures.disputeTypes;
  const typeName = (row: DisputeTypeRow) => t(`common:disputeTypes.${row.disputeType}`);
  const typeColumns: FigureColumn<DisputeTypeRow>[] = [
    { key: 'type', title: c('disputeType'), kind: 'text', value: typeName },
    { key: 'opened', title: c('opened'), kind: 'count', value: (d) => d.opened },
    { key: 'closed', title: c('closed'), kind: 'count', value: (d) => d.closed },
    { key: 'resolved', title: c('resolved'), kind: 'count', value: (d) => d.resolved },
    { key: 'rate', title: c('resolutionRate'), kind: 'rate', value: (d) => d.resolutionRate },
  ];

  const levels = figures.levels;
  const levelName = (row: LevelRow) => t(`common:levels.${row.level}`);
  const levelColumns: FigureColumn<LevelRow>[] = [
    { key: 'level', title: c('level'), kind: 'text', value: levelName },
    { key: 'stays', title: c('stays'), kind: 'count', value: (l) => l.stays },
    { key: 'mean', title: c('meanDays'), kind: 'days', value: (l) => l.meanDays },
    { key: 'p90', title: c('p90Days'), kind: 'days', value: (l) => l.p90Days },
  ];

  const bandName = (band: IndexBand) => t(`bands.${band}`);
  const indexColumns: FigureColumn<DailyIndexEntry>[] = [
    { key: 'date', title: c('day'), kind: 'text', value: (d) => d.date },
    { key: 'score', title: c('score'), kind: 'score', value: (d) => d.score },
    { key: 'band', title: c('band'), kind: 'text', value: (d) => bandName(d.band) },
    { key: 'resolution', title: c('windowResolution'), kind: 'rate', value: (d) => d.resolutionRate },
    { key: 'on-time', title: c('windowOnTime'), kind: 'rate', value: (d) => d.onTimeAcceptanceRate },
    { key: 'missed', title: c('windowMissed'), kind: 'rate', value: (d) => d.missedDeadlineShare },
    { key: 'active', title: c('activeCases'), kind: 'count', value: (d) => d.activeCases },
  ];

  const options = useMemo(() => chartOptions(figures, index, names, t), [figures, index, names, t]);

  const total = (key: 'opened' | 'closed' | 'resolved') => periods.reduce((sum, p) => sum + p[key], 0);
  const scores = index.map((d) => d.score);
  const last = index.at(-1);
  const score = (value: number) => formatFigure('score', value, language);
  const levelParts = levels
    .filter((l) => l.stays > 0)
    .map((l) =>
      t('charts.levelSummary', {
        level: levelName(l),
        mean: formatFigure('days', l.meanDays, language),
        p90: formatFigure('days', l.p90Days, language),
      }),
    );
  const levelSummary = levelParts.length ? levelParts.join(t('charts.levelJoin')) + t('charts.levelEnd') : '';

  return (
    <div className="gz-figures-panels">
      <FigurePanel<DailyIndexEntry>
        id="figures-daily-index"
        title={t('sections.dailyIndex')}
        range={range}
        rows={index}
        rowKey={(d) => d.date}
        columns={indexColumns}
        option={options.index}
        chartHeight={300}
        chartLabel={t('charts.dailyIndex', {
          from: range.from,
          to: range.to,
          max: scores.length ? score(Math.max(...scores)) : '',
          min: scores.length ? score(Math.min(...scores)) : '',
          last: last ? score(last.score) : '',
          band: last ? bandName(last.band) : '',
        })}
      />
      <FigurePanel<PeriodRow>
        id="figures-series"
        title={t('sections.series')}
        range={range}
        rows={periods}
        rowKey={(p) => p.period}
        columns={periodColumns}
        option={options.series}
        chartHeight={300}
        chartLabel={t('charts.series', {
          from: range.from,
          to: range.to,
          unit: byDay ? t('charts.unitDay') : t('charts.unitMonth'),
          count: periods.length,
          opened: total('opened'),
          closed: total('closed'),
          resolved: total('resolved'),
        })}
      />
      <FigurePanel<AgencyRow>
        id="figures-agencies"
        title={t('sections.agencies')}
        range={range}
        rows={agencies}
        rowKey={(a) => a.agencyId}
        columns={agencyColumns}
        option={options.agencies}
        chartHeight={categoryChartHeight(agencies.length, 4)}
        chartLabel={t('charts.agencies', {
          count: agencies.length,
          ...topOf(
            agencies,
            (a) => a.transfersReceived,
            (a) => names.agency(a.agencyId),
          ),
        })}
      />
      <FigurePanel<VillageRow>
        id="figures-villages"
        title={t('sections.villages')}
        range={range}
        rows={villages}
        rowKey={(v) => `${v.townCode}/${v.villageCode ?? ''}`}
        columns={villageColumns}
        option={options.villages}
        chartHeight={categoryChartHeight(villages.length, 3)}
        chartLabel={t('charts.villages', {
          count: villages.length,
          ...topOf(
            villages,
            (v) => v.opened,
            (v) => names.village(v.villageCode),
          ),
        })}
      />
      <FigurePanel<DisputeTypeRow>
        id="figures-dispute-types"
        title={t('sections.disputeTypes')}
        range={range}
        rows={types}
        rowKey={(d) => d.disputeType}
        columns={typeColumns}
        option={options.types}
        chartHeight={categoryChartHeight(types.length, 3)}
        chartLabel={t('charts.disputeTypes', {
          count: types.length,
          ...topOf(types, (d) => d.opened, typeName),
        })}
      />
      <FigurePanel<LevelRow>
        id="figures-levels"
        title={t('sections.levels')}
        range={range}
        rows={levels}
        rowKey={(l) => l.level}
        columns={levelColumns}
        option={options.levels}
        chartHeight={280}
        chartLabel={t('charts.levels', { summary: levelSummary })}
      />
    </div>
  );
}

/**
 * 统计分析: the town's figures for the governance centre's coordinators (and administrators), who answer to the town's
 * leaders for them: the period's key rates, today's safety index and its colour band, and each figure as a chart, a
 * table and a CSV file. The period and agency live in the page's address (codes and days only).
 */
export function FiguresPage() {
  const { t } = useTranslation('figures');
  const { data: session } = useSession();
  const [params] = useSearchParams();
  // Today as the town counts it, taken once: a page left open past midnight keeps the period it showed.
  const [today] = useState(() => townDay(new Date()));
  const { choice, range } = useMemo(() => periodOf(params, today), [params, today]);
  const agencyParam = params.get('agency');
  const agencyId = agencyParam && AGENCY_ID.test(agencyParam) ? agencyParam : undefined;
  const allowed = hasRole(session, 'coordinator') || hasRole(session, 'administrator');
  // The caller's own town: the directory names its agencies and villages (an administrator's too).
  const town = session?.staff.townCode ?? '';
  const scope = useMemo(
    () => ({ from: range.from, to: range.to, town, ...(agencyId ? { agencyId } : {}) }),
    [range, town, agencyId],
  );
  const query: FiguresQuery = useMemo(() => ({ ...scope, granularity: granularityOf(range) }), [scope, range]);
  const figures = useFigures(query, allowed);
  const index = useDailyIndex(scope, allowed);
  // Today's band comes with the period's index when the period ends today; otherwise asked for on its own (one day).
  const endsToday = range.to === today;
  const todayIndex = useDailyIndex({ ...scope, from: today, to: today }, allowed && !endsToday);
  const todayEntry = endsToday ? index.data?.days.at(-1) : todayIndex.data?.days[0];

  if (!allowed) {
    return (
      <>
        <Typography.Title level={1}>{t('title')}</Typography.Title>
        <Empty description={t('notAllowed')} />
      </>
    );
  }

  const updating = figures.isPlaceholderData || index.isPlaceholderData;
  const body = () => {
    if (figures.isPending || index.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
    if (figures.isError) return <ProblemAlert error={figures.error} onReload={() => void figures.refetch()} />;
    if (index.isError) return <ProblemAlert error={index.error} onReload={() => void index.refetch()} />;
    return (
      <>
        <Headline figures={figures.data} />
        <Panels figures={figures.data} index={index.data.days} range={range} />
      </>
    );
  };

  return (
    <>
      <Typography.Title level={1}>{t('title')}</Typography.Title>
      <Typography.Paragraph className="gz-muted">{t('intro')}</Typography.Paragraph>
      <FilterBar choice={choice} range={range} today={today} agencyId={agencyId} />
      <p className="gz-figures-shown" role="status">
        {t('filters.shown', { from: range.from, to: range.to })}
        {updating ? <span className="gz-muted"> · {t('filters.updating')}</span> : null}
      </p>
      {todayEntry ? <TodayBand entry={todayEntry} /> : null}
      {todayIndex.isError && !endsToday ? <ProblemAlert error={todayIndex.error} /> : null}
      <div aria-busy={updating}>{body()}</div>
    </>
  );
}
