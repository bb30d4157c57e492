import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { ADAPTER_PG_OIDS, CatalogTypesClient, CHAR_OID, reportCharColumns, TEXT_OID } from './pg-client';

/** A pool whose every query returns one empty column of the given type, to see what adapter-pg makes of it. */
class OneColumnPool extends pg.Pool {
  constructor(private readonly oid: number) {
    super();
  }

  override query(): never {
    return Promise.resolve({ fields: [{ name: 'c', dataTypeID: this.oid }], rows: [] }) as never;
  }
}

async function adapterPgColumnType(oid: number): Promise<number | undefined> {
  const adapter = await new PrismaPg(new OneColumnPool(oid)).connect();
  const result = await adapter.queryRaw({ sql: 'SELECT', args: [], argTypes: [] });
  return result.columnTypes[0];
}

/** Feeds a RowDescription to the client's listener, as the connection does when a result starts. */
function describeRow(oids: number[]): number[] {
  const client = new CatalogTypesClient();
  const message = { fields: oids.map((dataTypeID, index) => ({ name: `c${index}`, dataTypeID })) };
  client.connection.emit('rowDescription', message);
  return message.fields.map((field) => field.dataTypeID);
}

describe('catalog column types', () => {
  it('lets through only built-in types adapter-pg can map', async () => {
    for (const oid of ADAPTER_PG_OIDS) {
      await expect(adapterPgColumnType(oid)).resolves.toEqual(expect.any(Number));
    }
  });

  it.each([
    ['"char"', CHAR_OID],
    ['pg_node_tree', 194],
    ['regproc', 24],
    ['oidvector', 30],
    ['int2vector', 22],
    ['aclitem', 1033],
    ['interval', 1186],
  ])('adapter-pg rejects %s, so the client reports it as text', async (_name, oid) => {
    await expect(adapterPgColumnType(oid)).rejects.toThrow();
    expect(describeRow([oid])).toEqual([TEXT_OID]);
  });

  it('leaves supported and user-defined types alone', () => {
    expect(describeRow([16, 19, 1005, 1002, 20_000])).toEqual([16, 19, 1005, 1002, 20_000]);
  });

  it('passes results it has no "char" columns for through unchanged', () => {
    const result = { columnNames: ['a'], columnTypes: [ColumnTypeEnum.Text], rows: [['x']] };
    expect(reportCharColumns(result)).toBe(result);
  });
});
