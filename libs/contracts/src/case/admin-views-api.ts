/**
 * Saved views of the administrators' stuck scan (issue 6): named filters kept on the server and shared with a role
 * or an agency, unlike Temporal's saved views, which live in one browser.
 */
import { isUuid } from '../primitives';
import { z } from '../zod';
import { savedViewFields, viewSharingFields } from './saved-view-fields';
import { SavedViewFilters, SavedViewRef } from './admin-api';

/** Letters of any script (the `u` flag gives `\p{…}` classes their Unicode meaning), digits, `.`, `-`, `_`. */
const SAVED_VIEW_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;

/**
 * A view's name: what people type after `--view`, so no spaces; letters of any script, digits, dots, hyphens and
 * underscores. Never shaped like a UUID, so `?view=` can take a name or an id without ambiguity. The OpenAPI pattern
 * is the expression's source: the generator would otherwise write it with its flags after a slash (`…$/u`), which no
 * name matches; JSON Schema validators compile patterns with Unicode semantics, so `\p{L}` means a letter there too.
 */
export const SavedViewName = z
  .string()
  .regex(SAVED_VIEW_NAME, 'use 1–64 letters, digits, dots, hyphens or underscores, no spaces')
  .refine((name) => !isUuid(name), 'a name must not look like an id (a UUID)')
  .openapi({ pattern: SAVED_VIEW_NAME.source, example: '超期受理-qingshui' });

/**
 * Creates a view, or (PUT) replaces one whole: its name, its filters and with whom it is shared. Who else sees it
 * besides its owner: everyone with one of `shareRoles`, and everyone of `shareAgencyIds`.
 */
export const SavedViewRequest = z
  .object({ name: SavedViewName, filters: SavedViewFilters, ...viewSharingFields })
  .strict()
  .openapi('SavedViewRequest');
export type SavedViewRequest = z.infer<typeof SavedViewRequest>;

/** A saved view as its readers see it. */
export const SavedView = z.object(savedViewFields(SavedViewFilters)).openapi('SavedView');
export type SavedView = z.infer<typeof SavedView>;

export const SavedViewList = z.object({ items: z.array(SavedView) }).openapi('SavedViewList');
export type SavedViewList = z.infer<typeof SavedViewList>;

/** `:view` in a path: a view's id or its name. */
export const SavedViewParams = z.object({ view: SavedViewRef }).strict();
