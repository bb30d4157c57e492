/** Labels for the codes the admin API answers as plain strings (a task kind, a level, a phase). */
import type { TFunction } from 'i18next';

/** A code in the person's language where the glossary has it, else the code itself (a newer code, a free subject). */
export function labelOr(t: TFunction, exists: (key: string) => boolean, key: string, code: string): string {
  return exists(key) ? t(key) : code;
}

export function taskKindLabel(t: TFunction, exists: (key: string) => boolean, kind: string): string {
  return labelOr(t, exists, `common:taskKinds.${kind}`, kind);
}

export function levelLabel(t: TFunction, exists: (key: string) => boolean, level: string | null): string {
  return level ? labelOr(t, exists, `common:levels.${level}`, level) : '';
}
