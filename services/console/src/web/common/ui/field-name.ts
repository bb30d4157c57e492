/** A form field's name: a top-level field (`reason`), or a path into a list (`['terms', 2]`). */
export type FieldName = string | (string | number)[];
