import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { CaseWorkflows } from '@gongzhi/dispute-client';
import type { CasesRepository } from '../cases/cases.repository';
import type { CasesService } from '../cases/cases.service';
import type { StaffDirectory } from '../staff/staff-directory';
import { createTaskActionsService, type TaskActionsService } from './task-actions';
import { createTaskAssignmentService, type TaskAssignmentService } from './task-assignment';
import { createTaskNotesService, type TaskNotesService } from './task-notes';
import { createTaskQueueService, type TaskQueueService } from './task-queue';
import type { TasksRepository } from './tasks.repository';
import { createTransferInboxService, type TransferInboxService } from './transfer-inbox';

/** What the tasks service is wired with (`createCaseService`); `now` and `newId` default to the real ones. */
export interface TasksServiceDeps {
  tasks: TasksRepository;
  cases: CasesRepository;
  casesService: CasesService;
  workflows: CaseWorkflows;
  /** agency-service's staff accounts and agencies: who may be handed a task, where a case may be sent. */
  staff: StaffDirectory;
  logger: Logger;
  newId?: () => string;
  now?: () => Date;
}

/**
 * Tasks as staff work with them: the queue and its views (task-queue.ts), the transfer inbox (transfer-inbox.ts), who
 * holds a task (task-assignment.ts), notes (task-notes.ts), and actions through the workflow (task-actions.ts).
 */
export interface TasksService
  extends TaskQueueService, TransferInboxService, TaskAssignmentService, TaskNotesService, TaskActionsService {}

/** The tasks service: its parts, composed over the same dependencies. */
export function createTasksService(deps: TasksServiceDeps): TasksService {
  // One clock and one source of ids for every part, as when they were one service.
  const parts = { ...deps, now: deps.now ?? (() => new Date()), newId: deps.newId ?? randomUUID };
  return {
    ...createTaskQueueService(parts),
    ...createTransferInboxService(parts),
    ...createTaskAssignmentService(parts),
    ...createTaskNotesService(parts),
    ...createTaskActionsService(parts),
  };
}
