/** One entry of a service's append-only audit table: who read or changed what, when, in which request. */
export interface AuditEntry {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  requestId: string;
}

export interface AuditTrail {
  record(entry: AuditEntry): Promise<void>;
}

/**
 * The Prisma delegate every service's `AuditRecord` model provides; typed structurally so this library needs no
 * service's generated client. Only `create` is used: the table is append-only.
 */
export interface AuditRecordDelegate {
  create(args: { data: AuditEntry; select: { id: true } }): PromiseLike<unknown>;
}

export function createAuditTrail(delegate: AuditRecordDelegate): AuditTrail {
  return {
    async record(entry) {
      await delegate.create({ data: entry, select: { id: true } });
    },
  };
}
