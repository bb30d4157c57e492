import { ColumnTypeEnum, type SqlResultSet } from '@prisma/driver-adapter-utils';
import pg from 'pg';

/** PostgreSQL's single-byte `"char"` type (catalog columns such as `pg_class.relkind`, `pg_constraint.contype`). */
export const CHAR_OID = 18;
/** `text`, which adapter-pg knows how to hand to the engine. */
export const TEXT_OID = 25;
/** OIDs from here on are user-defined types (enums, domains…), which adapter-pg reports as text. */
const FIRST_NORMAL_OBJECT_ID = 16384;

/**
 * The built-in types adapter-pg 7.10.0 maps to an engine column type (its `fieldToColumnType`); it rejects every other
 * built-in OID with "Unsupported column type" ("Column type '…' could not be deserialized"). Kept in sync by
 * pg-client.spec.ts, which runs adapter-pg on each of them.
 */
export const ADAPTER_PG_OIDS: ReadonlySet<number> = new Set([
  // bool, bytea, name, int8, int2, int4, text, oid, json, xml, cidr, float4, float8, money, inet
  16, 17, 19, 20, 21, 23, 25, 26, 114, 142, 650, 700, 701, 790, 869,
  // bpchar, varchar, date, time, timestamp, timestamptz, timetz, bit, varbit, numeric, uuid, jsonb
  1042, 1043, 1082, 1083, 1114, 1184, 1266, 1560, 1562, 1700, 2950, 3802,
  // arrays: xml, json, cidr, money, bool, bytea, char, int2, int4, text, bpchar, varchar, int8, float4, float8, oid,
  // inet, timestamp, date, time, timestamptz, numeric, bit, varbit, uuid, jsonb
  143, 199, 651, 791, 1000, 1001, 1002, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1028, 1041, 1115, 1182, 1183,
  1185, 1231, 1561, 1563, 2951, 3807,
]);

interface FieldDescription {
  dataTypeID: number;
}

function hasFields(value: unknown): value is { fields: FieldDescription[] } {
  return typeof value === 'object' && value !== null && Array.isArray(Reflect.get(value, 'fields'));
}

/** RowDescription fields that were `"char"` before we relabelled them `text`. */
const charFields = new WeakSet<object>();
/** A result's rows array (which adapter-pg passes on as is) → the positions of its `"char"` columns. */
const charColumnsByRows = new WeakMap<object, readonly number[]>();

/** Remembers which columns of a pg result (or of each result of a multi-statement query) were `"char"`. */
function noteCharColumns(result: unknown): void {
  if (Array.isArray(result)) {
    result.forEach(noteCharColumns);
    return;
  }
  if (!hasFields(result)) return;
  const rows: unknown = Reflect.get(result, 'rows');
  if (!Array.isArray(rows)) return;
  const positions = result.fields.flatMap((field, index) => (charFields.has(field) ? [index] : []));
  if (positions.length > 0) charColumnsByRows.set(rows, positions);
}

/**
 * A pg client that reports every column type the schema engine reads from the catalogs in a form adapter-pg can
 * deserialize, and keeps the engine's view of `"char"` columns.
 *
 * - `"char"` (OID 18) is relabelled `text`, which adapter-pg accepts; `reportCharColumns` then gives the engine those
 *   columns as `Character`, which is what the native engine's PostgreSQL driver produces and what the describer
 *   requires (`pg_constraint.contype` is read as a char only: as text, describing any CHECK or EXCLUDE constraint
 *   panicked with "Getting constraint_type … as char failed").
 * - Any other built-in type adapter-pg has no mapping for (`pg_node_tree`, `regproc`, `regclass`, `oidvector`,
 *   `int2vector`, `aclitem`, `interval`, geometric types…) is relabelled `text`: the engine gets PostgreSQL's text
 *   output instead of an "Unsupported column type" error.
 *
 * The rewrite happens on the RowDescription message, before pg picks parsers and adapter-pg maps column types, so every
 * query path (pool, transaction client, callbacks, promises) is covered.
 */
export class CatalogTypesClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.connection.prependListener('rowDescription', (message: unknown) => {
      if (!hasFields(message)) return;
      for (const field of message.fields) {
        if (field.dataTypeID === CHAR_OID) {
          field.dataTypeID = TEXT_OID;
          charFields.add(field);
        } else if (field.dataTypeID < FIRST_NORMAL_OBJECT_ID && !ADAPTER_PG_OIDS.has(field.dataTypeID)) {
          field.dataTypeID = TEXT_OID;
        }
      }
    });
    // Results carry their fields; adapter-pg keeps only their rows. Link the two while the result passes through.
    // Callback form (pg-pool's `pool.query`) and promise form (a transaction's client) both end up here.
    const query: (...args: unknown[]) => unknown = Reflect.get(pg.Client.prototype, 'query');
    const patched = (...args: unknown[]): unknown => {
      const last = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          if (error === null || error === undefined) noteCharColumns(result);
          return Reflect.apply(last, undefined, [error, result]);
        };
        return Reflect.apply(query, this, args);
      }
      const returned: unknown = Reflect.apply(query, this, args);
      if (returned instanceof Promise) {
        return returned.then((result: unknown) => {
          noteCharColumns(result);
          return result;
        });
      }
      return returned;
    };
    Reflect.set(this, 'query', patched);
  }
}

/**
 * Gives back adapter-pg's result with its `"char"` columns typed `Character` (their values are one-character strings,
 * which is what the engine expects for that type). Results of other clients pass through unchanged.
 */
export function reportCharColumns(result: SqlResultSet): SqlResultSet {
  const positions = charColumnsByRows.get(result.rows);
  if (positions === undefined) return result;
  const columnTypes = [...result.columnTypes];
  for (const index of positions) columnTypes[index] = ColumnTypeEnum.Character;
  return { ...result, columnTypes };
}
