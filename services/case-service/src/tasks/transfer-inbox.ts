/**
 * The transfer inbox: the accept-transfer tasks waiting for the caller's agency (coordinators: the town's), each with
 * its case, where it came from and why, who refused it before, and by when it must be accepted.
 */
import type { InboxFilters, InboxItem } from '@gongzhi/contracts';
import { type Page, type PageQuery, toPage } from '@gongzhi/http';
import type { CaseRecord, TransferRequest } from '../cases/case.model';
import type { CasesRepository } from '../cases/cases.repository';
import type { CasesService } from '../cases/cases.service';
import type { CallContext } from '../kernel/call-context';
import { earlierRejectionsOf } from './earlier-rejections';
import { inboxScope, pageOfTasks } from './task-queue-request';
import { toTaskView } from './task-view';
import type { TaskFilters, TaskRecord } from './tasks.model';
import type { TasksReadModel } from './tasks.read-model';

/** The liaison's inbox of transfers, as the tasks service offers it. */
export interface TransferInboxService {
  /** The transfers waiting for the caller's agency (coordinators: the town's), with case and origin. */
  inbox(ctx: CallContext, query: InboxFilters & PageQuery): Promise<Page<InboxItem>>;
}

/** What the inbox reads: the tasks, their cases and transfer history, and the clock. */
export interface TransferInboxDeps {
  tasks: Pick<TasksReadModel, 'list'>;
  cases: Pick<CasesRepository, 'findByIds' | 'transferHistory'>;
  casesService: Pick<CasesService, 'auditList'>;
  now: () => Date;
}

/** The transfer that opened an accept-transfer task: the latest request to its agency at its level, before it opened. */
export function originOf(task: TaskRecord, requests: TransferRequest[]): TransferRequest | undefined {
  const matching = requests.filter(
    (r) => r.caseId === task.caseId && r.level === task.level && r.toAgencyId === task.agencyId,
  );
  return matching.filter((r) => r.at.getTime() <= task.openedAt.getTime()).at(-1) ?? matching.at(-1);
}

/** The inbox on the read model: one page of tasks, and two reads for their cases. */
export function createTransferInboxService(deps: TransferInboxDeps): TransferInboxService {
  return {
    async inbox(ctx, query) {
      const filters: TaskFilters = {
        status: 'open',
        kind: 'accept-transfer',
        ...(query.agencyId === undefined ? {} : { agencyId: query.agencyId }),
      };
      const { rows, asOf, next } = await pageOfTasks(deps, inboxScope(ctx.principal), filters, query);
      const caseIds = [...new Set(rows.map((task) => task.caseId))];
      // Two reads for the whole page, whatever its size: the cases, and their transfers and refusals.
      const [records, history] = await Promise.all([
        deps.cases.findByIds(caseIds),
        deps.cases.transferHistory(caseIds),
      ]);
      const byCase = new Map(records.map((record) => [record.id, record]));
      const at = deps.now();
      const result = toPage(
        rows.filter((task) => byCase.has(task.caseId)),
        query.limit,
        (task): InboxItem => {
          const record = byCase.get(task.caseId) as CaseRecord;
          const origin = originOf(task, history.requests);
          return {
            task: toTaskView(task, at, asOf),
            case: {
              id: record.id,
              disputeType: record.disputeType,
              summary: record.summary,
              villageCode: record.villageCode,
              amountInDispute: record.amountInDispute,
              risks: task.riskFlags,
              status: record.status,
              openedAt: record.openedAt.toISOString(),
            },
            transfer: {
              fromAgencyId: origin?.fromAgencyId ?? null,
              reason: origin?.reason ?? task.reason,
              requestedAt: origin?.at.toISOString() ?? null,
              penaltyTrack: origin?.penaltyTrack ?? false,
              earlierRejections: earlierRejectionsOf(task.caseId, history),
            },
            // The task's due date is the acceptance clock's; the event's copy covers a task opened without one.
            acceptBy: task.dueAt?.toISOString() ?? origin?.acceptBy ?? null,
          };
        },
        next,
      );
      // The inbox shows each case's summary: a read of the case.
      await deps.casesService.auditList(
        ctx,
        'case.inbox.read',
        'case',
        result.items.map((item) => item.case.id),
      );
      return result;
    },
  };
}
