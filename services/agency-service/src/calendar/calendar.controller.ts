import {
  AddDaysQuery,
  AddDaysResponse,
  DateQuery,
  PeriodEndQuery,
  PeriodEndResponse,
  WorkingDayResponse,
  WorkingDaysBetweenQuery,
  WorkingDaysBetweenResponse,
} from '@gongzhi/contracts';
import { ApiRoutes } from '@gongzhi/http';
import { type BasisStatement, CALENDAR_TIME_ZONE, type CalendarService, formatShanghai } from './calendar.service';

export function calendarRoutes(calendar: CalendarService): ApiRoutes {
  const answer = (
    from: string,
    days: number,
    unit: 'working-days' | 'calendar-days',
    result: Date,
    basis?: BasisStatement,
  ) => ({
    body: {
      from: new Date(from).toISOString(),
      days,
      unit,
      result: result.toISOString(),
      resultLocal: formatShanghai(result),
      timeZone: CALENDAR_TIME_ZONE as typeof CALENDAR_TIME_ZONE,
      ...basis,
    },
  });
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'get',
      path: '/api/v1/calendar/add-working-days',
      operationId: 'addWorkingDays',
      callers: ['staff', 'workflow-engine'],
      summary:
        'Deadline N working days after an instant: same Asia/Shanghai time of day on the Nth working day after its ' +
        'date (`basis: provisional` when a year not yet published by the State Council is involved)',
      tags: ['calendar'],
      query: AddDaysQuery,
      response: { status: 200, description: 'The deadline', schema: AddDaysResponse },
      problems: [401, 422, 429],
      handler: async ({ query }) => {
        const { deadline, ...basis } = calendar.addWorkingDays(new Date(query.from), query.days);
        return answer(query.from, query.days, 'working-days', deadline, basis);
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/calendar/add-calendar-days',
      operationId: 'addCalendarDays',
      callers: ['staff', 'workflow-engine'],
      summary: 'Deadline N calendar days after an instant (same Asia/Shanghai time of day)',
      tags: ['calendar'],
      query: AddDaysQuery,
      response: { status: 200, description: 'The deadline', schema: AddDaysResponse },
      problems: [401, 429],
      handler: async ({ query }) =>
        answer(query.from, query.days, 'calendar-days', calendar.addCalendarDays(new Date(query.from), query.days)),
    })
    .add({
      method: 'get',
      path: '/api/v1/calendar/period-end',
      operationId: 'periodEnd',
      callers: ['staff', 'workflow-engine'],
      summary:
        'Where a legal period of `amount` days from an instant ends: at 24:00 (Asia/Shanghai) of its last day, the ' +
        'starting day not counted; calendar days end on the `amount`th day after the start, moved to the next ' +
        'working day when that is a holiday or rest day (make-up working days work); working days on the ' +
        "`amount`th working day, at the office's closing time `closesAt` when given. `basis: provisional` when a year " +
        'not yet published is involved',
      tags: ['calendar'],
      query: PeriodEndQuery,
      response: { status: 200, description: "The period's end", schema: PeriodEndResponse },
      problems: [401, 422, 429],
      handler: async ({ query }) => {
        const { deadline, ...rest } = calendar.periodEnd(
          new Date(query.from),
          query.amount,
          query.unit,
          query.closesAt,
        );
        return {
          body: {
            from: new Date(query.from).toISOString(),
            amount: query.amount,
            unit: query.unit,
            result: deadline.toISOString(),
            resultLocal: formatShanghai(deadline),
            timeZone: CALENDAR_TIME_ZONE as typeof CALENDAR_TIME_ZONE,
            ...rest,
          },
        };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/calendar/working-days-between',
      operationId: 'countWorkingDays',
      summary:
        'Whole working days from `from` to `to`: the working days strictly after the Asia/Shanghai date of `from`, up to ' +
        'and including the date of `to` (times of day never count; 0 on the same date; negative, the same count ' +
        'backwards, when `to` is on an earlier date). Counting to a deadline N working days after `from` gives N. ' +
        '`basis: provisional` when a year not yet published by the State Council is involved; 422 outside the years ' +
        'the calendar covers',
      tags: ['calendar'],
      query: WorkingDaysBetweenQuery,
      response: { status: 200, description: 'The count', schema: WorkingDaysBetweenResponse },
      problems: [401, 422, 429],
      handler: async ({ query }) => ({
        body: {
          from: new Date(query.from).toISOString(),
          to: new Date(query.to).toISOString(),
          ...calendar.countWorkingDays(new Date(query.from), new Date(query.to)),
          timeZone: CALENDAR_TIME_ZONE as typeof CALENDAR_TIME_ZONE,
        },
      }),
    })
    .add({
      method: 'get',
      path: '/api/v1/calendar/is-working-day',
      operationId: 'isWorkingDay',
      summary:
        'Whether a date is a working day on the official calendar (holidays and make-up working weekends), or on ' +
        'the provisional one (statutory holidays and weekends) for years not yet published',
      tags: ['calendar'],
      query: DateQuery,
      response: { status: 200, description: 'The day', schema: WorkingDayResponse },
      problems: [401, 422, 429],
      handler: async ({ query }) => ({ body: calendar.describeDay(query.date) }),
    });
}
