/**
 * The console's API types, generated from each service's OpenAPI document with openapi-typescript and committed
 * under src/web/common/api/. One function renders them, so the generator and the test that compares the committed
 * files with what the running services publish can never disagree about the format.
 */
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

export const API_SERVICES = ['party', 'case', 'agency', 'statistics'] as const;
export type ApiService = (typeof API_SERVICES)[number];

/** Where the generated file of a service lives, relative to services/console. */
export function apiTypesFile(service: ApiService): string {
  return `src/web/common/api/${service}.d.ts`;
}

export async function renderApiTypes(service: ApiService, document: object): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0]);
  const file = path.join(__dirname, '..', apiTypesFile(service));
  // Formatted like every other file of the repository, so the format check passes on what was generated.
  const options = (await resolveConfig(file)) ?? {};
  const text = [
    `// Generated from ${service}-service's /openapi.json by services/console/scripts/generate-api-types.ts.`,
    '// Do not edit: change the contracts, then run `npx nx run console:api-types` against a running stack.',
    '',
    astToString(ast),
  ].join('\n');
  return await format(text, { ...options, filepath: file });
}
