/**
 * Saved views of the task queue (issue 16): a person's filters of `GET /api/v1/tasks` kept on the server under a
 * name, and shared with colleagues of their town by role and/or agency (a coordinator's "police transfers overdue in
 * Xiaba", shared with the police station's liaisons). Any staff member saves their own; applying one
 * (`GET /api/v1/tasks?savedView=`) never shows the caller more than their own queue rules allow.
 */
import { DISPUTE_TYPES, LADDER_LEVELS } from '../dispute/vocabulary';
import { HUMAN_ACTION_KINDS } from '../dispute/definitions';
import { isUuid } from '../primitives';
import { z } from '../zod';
import { savedViewFields, viewSharingFields } from './saved-view-fields';
import { TASK_SORTS, TaskPriority, TaskQueueStatus, TaskViewName } from './task-api';

/**
 * Letters of any script, digits and spaces (single, not at either end: the name is trimmed first), with `.`, `-`, `_`,
 * `·` and brackets: what people call a list on a menu. The `u` flag gives `\p{…}` their Unicode meaning.
 */
const SAVED_TASK_VIEW_NAME = /^[\p{L}\p{N}](?:[\p{L}\p{N}._·()（）-]| (?! ))*$/u;

/**
 * A task view's name, as it shows in a menu ("派出所 超期受理", "Xiaba overdue"): 1–64 characters once trimmed. Never
 * shaped like a UUID, so `?savedView=` takes a name or an id without ambiguity. The OpenAPI pattern is the expression's
 * source (see SavedViewName in admin-views-api.ts).
 */
export const SavedTaskViewName = z
  .string()
  .trim()
  .min(1, 'name the view')
  .max(64, 'keep the name under 64 characters')
  .regex(SAVED_TASK_VIEW_NAME, 'use letters, digits, single spaces, dots, hyphens, underscores or brackets')
  .refine((name) => !isUuid(name), 'a name must not look like an id (a UUID)')
  .openapi({ pattern: SAVED_TASK_VIEW_NAME.source, example: '小坝 派出所超期' });

/** A view's id or its name, in a path or in `?savedView=`. */
export const SavedTaskViewRef = z.string().trim().min(1).max(64);

/**
 * The filters a task view keeps: those of `GET /api/v1/tasks` that describe a queue (not one case's tasks, not fixed
 * instants, which would be stale by tomorrow), with no default filled in. Booleans are JSON booleans here.
 */
export const SavedTaskViewFilters = z
  .object({
    view: TaskViewName.optional(),
    status: TaskQueueStatus.optional(),
    kind: z.enum(HUMAN_ACTION_KINDS).optional(),
    agencyId: z.string().min(1).max(100).optional(),
    level: z.enum(LADDER_LEVELS).optional(),
    villageCode: z.string().min(1).max(40).optional(),
    disputeType: z.enum(DISPUTE_TYPES).optional(),
    priority: TaskPriority.optional(),
    overdue: z.boolean().optional(),
    dueSoon: z.boolean().optional(),
    sort: z.enum(TASK_SORTS).optional(),
  })
  .strict()
  .openapi('SavedTaskViewFilters');
export type SavedTaskViewFilters = z.infer<typeof SavedTaskViewFilters>;

/**
 * Creates a task view, or (PUT) replaces one whole: its name, its filters and with whom it is shared. Who else sees it
 * besides its owner: staff of the owner's town (and administrators) with one of `shareRoles` if it names roles, of one
 * of `shareAgencyIds` if it names agencies; both: the agencies' staff with those roles. Neither: the owner's alone.
 */
export const SavedTaskViewRequest = z
  .object({ name: SavedTaskViewName, filters: SavedTaskViewFilters, ...viewSharingFields })
  .strict()
  .openapi('SavedTaskViewRequest');
export type SavedTaskViewRequest = z.infer<typeof SavedTaskViewRequest>;

/** A task view as its readers see it. */
export const SavedTaskView = z.object(savedViewFields(SavedTaskViewFilters)).openapi('SavedTaskView');
export type SavedTaskView = z.infer<typeof SavedTaskView>;

export const SavedTaskViewList = z.object({ items: z.array(SavedTaskView) }).openapi('SavedTaskViewList');
export type SavedTaskViewList = z.infer<typeof SavedTaskViewList>;

/** `:view` in a path: a task view's id or its name. */
export const SavedTaskViewParams = z.object({ view: SavedTaskViewRef }).strict();
