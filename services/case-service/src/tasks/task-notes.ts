/**
 * Staff's working notes on a task. Their text stays in case-service's tables: the workflow never sees it, and the log
 * names a note by its id only.
 */
import type { TaskNoteView } from '@gongzhi/contracts';
import type { Logger } from 'pino';
import type { CasesRepository } from '../cases/cases.repository';
import type { CasesService } from '../cases/cases.service';
import type { CallContext } from '../kernel/call-context';
import { refuseAdministratorOnly, visibleTask } from './task-access';
import { toNoteView } from './task-view';
import type { TasksRepository } from './tasks.repository';

/** A task's notes, as the tasks service offers them. */
export interface TaskNotesService {
  addNote(ctx: CallContext, id: string, text: string): Promise<TaskNoteView>;
  listNotes(ctx: CallContext, id: string): Promise<TaskNoteView[]>;
}

/** What notes need: the task and its case (to see it), the notes, audit, log and ids. */
export interface TaskNotesDeps {
  tasks: Pick<TasksRepository, 'findById' | 'addNote' | 'listNotes'>;
  cases: Pick<CasesRepository, 'findById' | 'isWatcher'>;
  casesService: Pick<CasesService, 'audit'>;
  logger: Logger;
  newId: () => string;
}

/** Notes on the repository; adding one is refused to administrators, who do not act on cases. */
export function createTaskNotesService(deps: TaskNotesDeps): TaskNotesService {
  const cases = deps.casesService;
  const { newId } = deps;

  return {
    async addNote(ctx, id, text) {
      const task = await visibleTask(deps, ctx, id);
      refuseAdministratorOnly(ctx.principal);
      const note = await deps.tasks.addNote({
        id: newId(),
        taskId: task.id,
        caseId: task.caseId,
        authorStaffId: ctx.principal.staffId,
        authorAgencyId: ctx.principal.agencyId,
        text,
      });
      await cases.audit(ctx, 'task.note.add', 'task', id);
      // Ids only: the note's text may name people.
      deps.logger.info({ caseId: task.caseId, taskId: id, noteId: note.id }, 'task note added');
      return toNoteView(note);
    },

    async listNotes(ctx, id) {
      await visibleTask(deps, ctx, id, 'read');
      const notes = await deps.tasks.listNotes(id);
      await cases.audit(ctx, 'task.notes.read', 'task', id);
      return notes.map(toNoteView);
    },
  };
}
