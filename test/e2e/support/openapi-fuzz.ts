/**
 * Requests made from a service's own OpenAPI document, for fuzzing it: fast-check arbitraries that follow each
 * operation's schemas (so many requests get past validation and reach the rules and the database) and now and then
 * break them (a wrong type, a missing field, an unknown one), plus fixed hostile requests every operation is sent —
 * malformed JSON, another content type, a megabyte string, deep nesting, prototype-pollution keys, unknown query
 * parameters, odd path segments.
 */
import fc from 'fast-check';

export type JsonSchema = { [keyword: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<string, OpenApiOperation>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface FuzzRequest {
  method: string;
  /** The path with its parameters filled in, and the query string. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Route {
  method: string;
  /** The OpenAPI path, `{name}` for a parameter. */
  path: string;
  operation: OpenApiOperation;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function routesOf(document: OpenApiDocument): Route[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ method: method.toUpperCase(), path, operation }] : [];
    }),
  );
}

/** A schema with its `$ref` followed (the documents refer to `#/components/schemas/<name>` only). */
export function resolved(schema: JsonSchema, document: OpenApiDocument): JsonSchema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  const target = document.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved ${ref}`);
  return resolved(target, document);
}

/** Something of the wrong kind for any field: what a careless or hostile client sends. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.constant([]),
  fc.constant({}),
  fc.constant('../../etc/passwd'),
  fc.constant("' OR 1=1 --"),
  fc.constant('\u0000'),
  fc.constant('𠜎'.repeat(50)),
);

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema['format'] === 'uuid') return fc.uuid();
  if (schema['format'] === 'date-time') return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
  if (schema['format'] === 'date') {
    return fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
  }
  const pattern = schema['pattern'];
  if (typeof pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(pattern));
    } catch {
      // A pattern fast-check cannot generate from (lookarounds, Unicode classes): plain strings are refused at
      // the edge, which is worth fuzzing too.
    }
  }
  const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const maxLength = typeof schema['maxLength'] === 'number' ? Math.min(schema['maxLength'], minLength + 40) : 40;
  return fc.string({ minLength, maxLength, unit: fc.constantFrom('a', 'Z', '0', ' ', '-', '调', '解', '·') });
}

/**
 * Values that mostly follow `schema` — enums, formats, patterns, bounds, required fields — with a field of the
 * wrong kind now and then. `depth` bounds recursion.
 */
export function valueOf(schema: JsonSchema, document: OpenApiDocument, depth = 0): fc.Arbitrary<unknown> {
  const valid = followingSchema(resolved(schema, document), document, depth);
  return fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: junk });
}

function followingSchema(schema: JsonSchema, document: OpenApiDocument, depth: number): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema['const']);
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  for (const keyword of ['oneOf', 'anyOf']) {
    const options = schema[keyword];
    if (Array.isArray(options)) {
      return fc.oneof(...(options as JsonSchema[]).map((option) => valueOf(option, document, depth + 1)));
    }
  }
  if (Array.isArray(schema['allOf'])) {
    // The documents use allOf to put a description on a $ref: the first part is the value's schema.
    return valueOf((schema['allOf'] as JsonSchema[])[0] ?? {}, document, depth + 1);
  }
  const type = schema['type'];
  if (Array.isArray(type)) {
    return fc.oneof(...(type as string[]).map((each) => followingSchema({ ...schema, type: each }, document, depth)));
  }
  switch (type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
    case 'number': {
      const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : -1000;
      const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : 1_000_000;
      return type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (depth > 4) return fc.constant([]);
      const items = (schema['items'] as JsonSchema | undefined) ?? {};
      const minLength = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
      const maxLength = Math.min(typeof schema['maxItems'] === 'number' ? schema['maxItems'] : 3, minLength + 3);
      return fc.array(valueOf(items, document, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = (schema['properties'] as Record<string, JsonSchema> | undefined) ?? {};
      const required = (schema['required'] as string[] | undefined) ?? [];
      const record = fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([name, value]) => [name, valueOf(value, document, depth + 1)]),
        ),
        { requiredKeys: required.filter((name) => name in properties) },
      );
      // Now and then a field nobody declared: strict schemas must refuse it with a problem, not a crash.
      return fc
        .tuple(record, fc.option(fc.constantFrom('unknownField', '__proto__', 'constructor'), { freq: 8 }))
        .map(([value, extra]) => (extra === null ? value : { ...value, [extra]: { polluted: true } }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A parameter's value as it travels in a path or a query string. */
function asParameter(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The JSON body schema of an operation, when it takes one. */
function bodySchemaOf(operation: OpenApiOperation): JsonSchema | undefined {
  return operation.requestBody?.content['application/json']?.schema;
}

/** Requests for one route, following its parameters' and body's schemas, with `token` (or none). */
export function requestsFor(route: Route, document: OpenApiDocument, token: string | null): fc.Arbitrary<FuzzRequest> {
  const parameters = route.operation.parameters ?? [];
  const valuesOf = (where: OpenApiParameter['in']) =>
    fc.record(
      Object.fromEntries(
        parameters
          .filter((parameter) => parameter.in === where)
          .map((parameter) => [
            parameter.name,
            valueOf(parameter.schema ?? {}, document)
              .map(asParameter)
              // A header carries bytes, not text: fetch itself refuses anything past Latin-1.
              .map((value) => (where === 'header' ? value.replace(/[^\x20-\x7e]/g, '?') : value)),
          ]),
      ),
      {
        requiredKeys: parameters
          .filter((parameter) => parameter.in === where && (parameter.required || where === 'path'))
          .map((parameter) => parameter.name),
      },
    ) as fc.Arbitrary<Record<string, string>>;
  const bodySchema = bodySchemaOf(route.operation);
  const body = bodySchema
    ? valueOf(bodySchema, document).map((value) => JSON.stringify(value))
    : fc.constant(undefined);
  return fc
    .tuple(valuesOf('path'), valuesOf('query'), valuesOf('header'), body)
    .map(([path, query, headers, json]) => ({
      method: route.method,
      url: urlOf(route.path, path, query),
      headers: {
        ...headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { body: json }),
    }));
}

function urlOf(path: string, params: Record<string, string>, query: Record<string, string>): string {
  const filled = path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(params[name] ?? 'x'));
  const search = new URLSearchParams(query).toString();
  return search === '' ? filled : `${filled}?${search}`;
}

/** Fixed hostile requests for one route: each kind every operation is sent once per token. */
export function hostileRequestsFor(route: Route, token: string): FuzzRequest[] {
  const path = route.path.replace(/\{\w+\}/g, '7e57c0de-0000-4000-8000-000000000000');
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const requests: FuzzRequest[] = [
    { method: route.method, url: `${path}?unexpected=1&limit=-1&cursor=%00`, headers: auth },
    { method: route.method, url: route.path.replace(/\{\w+\}/g, '..%2F..%2F%00'), headers: auth },
    { method: route.method, url: route.path.replace(/\{\w+\}/g, 'a'.repeat(5000)), headers: auth },
  ];
  if (route.method !== 'GET' && route.method !== 'DELETE') {
    requests.push(
      { method: route.method, url: path, headers: json, body: '{"unterminated": ' },
      { method: route.method, url: path, headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' },
      { method: route.method, url: path, headers: json, body: JSON.stringify({ text: 'x'.repeat(1 << 20) }) },
      { method: route.method, url: path, headers: json, body: deep },
      {
        method: route.method,
        url: path,
        headers: json,
        body: '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"polluted": true}}}',
      },
    );
  }
  return requests;
}
