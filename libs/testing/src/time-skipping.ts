/**
 * Time-skipping Temporal test environments backed by the Java test server that `deploy/local` provisions into the
 * machine's cache, so tests never download a server at run time (the SDK's default) and work offline.
 */
import { TestWorkflowEnvironment, type TimeSkippingTestWorkflowEnvironmentOptions } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { CASE_SEARCH_ATTRIBUTES } from '@gongzhi/contracts/search-attributes';
import { locateTemporalTestServer } from './test-server-location';

const INDEXED_VALUE_TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  Text: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Bool: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

/** Starts a time-skipping test environment on the provisioned server; call `teardown()` when done. */
export async function createTimeSkippingEnv(
  options: Omit<TimeSkippingTestWorkflowEnvironmentOptions, 'server'> = {},
): Promise<TestWorkflowEnvironment> {
  const executable = locateTemporalTestServer();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    ...options,
    server: { executable: { type: 'existing-path', path: executable } },
  });
  // The test server starts with no custom search attributes; without ours every upsert fails the workflow task.
  const searchAttributes = Object.fromEntries(
    Object.entries(CASE_SEARCH_ATTRIBUTES).map(([name, type]) => {
      const indexed = INDEXED_VALUE_TYPES[type];
      if (indexed === undefined)
        throw new Error(`search attribute ${name} has a type the test harness does not map: ${type}`);
      return [name, indexed];
    }),
  );
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes });
  return env;
}
