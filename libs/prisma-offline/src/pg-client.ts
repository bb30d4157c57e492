import pg from 'pg';

/** PostgreSQL's single-byte `"char"` type (catalog columns such as `pg_class.relkind`). */
export const CHAR_OID = 18;
/** `text`, which adapter-pg knows how to hand to the engine. */
export const TEXT_OID = 25;

interface FieldDescription {
  dataTypeID: number;
}

function hasFields(message: unknown): message is { fields: FieldDescription[] } {
  return typeof message === 'object' && message !== null && Array.isArray(Reflect.get(message, 'fields'));
}

/**
 * A pg client that reports `"char"` columns as `text`. The schema engine's introspection reads catalog columns of
 * type `"char"`, which adapter-pg refuses ("Column type 'char' could not be deserialized"); their text form is exactly
 * what the engine expects. The rewrite happens on the RowDescription message, before pg picks parsers and adapter-pg
 * maps column types, so every query path (pool, transaction client, callbacks, promises) is covered.
 */
export class CharAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.connection.prependListener('rowDescription', (message: unknown) => {
      if (!hasFields(message)) return;
      for (const field of message.fields) {
        if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
      }
    });
  }
}
