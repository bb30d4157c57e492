import type { PrismaClient } from '../../generated/prisma/client';
import type { LockedOutcome, SessionRecord, SessionStore, SessionTokens } from './session-store';
import type { TokenSeal } from './token-seal';

interface Row {
  idHash: string;
  staffId: string;
  agencyId: string;
  townCode: string;
  roles: string[];
  username: string;
  displayName: string;
  accessToken: string;
  accessExpiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const SELECT = {
  idHash: true,
  staffId: true,
  agencyId: true,
  townCode: true,
  roles: true,
  username: true,
  displayName: true,
  accessToken: true,
  accessExpiresAt: true,
  refreshToken: true,
  refreshExpiresAt: true,
} as const;

/**
 * Sessions in the console's own database, so a restart or a second console process signs nobody out. Tokens are
 * sealed before they are written; a session whose tokens no longer open (the key was retired) counts as gone.
 */
export function createPrismaSessionStore(prisma: PrismaClient, seal: TokenSeal): SessionStore {
  const toRecord = (row: Row): SessionRecord | undefined => {
    try {
      return {
        idHash: row.idHash,
        staff: {
          id: row.staffId,
          username: row.username,
          displayName: row.displayName,
          agencyId: row.agencyId,
          townCode: row.townCode,
          roles: row.roles,
        },
        accessToken: seal.open(row.accessToken),
        accessExpiresAt: row.accessExpiresAt,
        refreshToken: seal.open(row.refreshToken),
        refreshExpiresAt: row.refreshExpiresAt,
      };
    } catch {
      return undefined;
    }
  };
  const sealed = (tokens: SessionTokens) => ({
    accessToken: seal.seal(tokens.accessToken),
    accessExpiresAt: tokens.accessExpiresAt,
    refreshToken: seal.seal(tokens.refreshToken),
    refreshExpiresAt: tokens.refreshExpiresAt,
  });

  return {
    async create(record) {
      await prisma.consoleSession.create({
        data: {
          idHash: record.idHash,
          staffId: record.staff.id,
          agencyId: record.staff.agencyId,
          townCode: record.staff.townCode,
          roles: record.staff.roles,
          username: record.staff.username,
          displayName: record.staff.displayName,
          ...sealed(record),
        },
        select: { idHash: true },
      });
      // Sessions whose refresh token ran out can never be used again: clear them as new ones arrive.
      await prisma.consoleSession.deleteMany({ where: { refreshExpiresAt: { lt: new Date() } } });
    },
    async find(idHash) {
      const row = await prisma.consoleSession.findUnique({ where: { idHash }, select: SELECT });
      return row ? toRecord(row) : undefined;
    },
    async withLock<T>(idHash: string, fn: (current: SessionRecord | undefined) => Promise<LockedOutcome<T>>) {
      // A row lock held across the refresh call: another console process that finds the same expired token waits
      // here, then reads the rotated tokens instead of spending the (single-use) refresh token a second time.
      return await prisma.$transaction(
        async (tx) => {
          const rows = await tx.$queryRaw<{ id_hash: string }[]>`
            SELECT id_hash FROM console_sessions WHERE id_hash = ${idHash} FOR UPDATE`;
          const row =
            rows.length > 0 ? await tx.consoleSession.findUnique({ where: { idHash }, select: SELECT }) : null;
          const outcome = await fn(row ? toRecord(row) : undefined);
          if (outcome.remove) await tx.consoleSession.deleteMany({ where: { idHash } });
          else if (outcome.tokens) {
            await tx.consoleSession.update({
              where: { idHash },
              data: { ...sealed(outcome.tokens), lastSeenAt: new Date() },
              select: { idHash: true },
            });
          }
          return outcome.result;
        },
        { timeout: 15_000, maxWait: 15_000 },
      );
    },
    async remove(idHash) {
      await prisma.consoleSession.deleteMany({ where: { idHash } });
    },
    async languageOf(staffId) {
      const row = await prisma.staffPreference.findUnique({ where: { staffId }, select: { language: true } });
      return row?.language;
    },
    async setLanguage(staffId, language) {
      await prisma.staffPreference.upsert({
        where: { staffId },
        create: { staffId, language },
        update: { language },
        select: { staffId: true },
      });
    },
  };
}
