/**
 * @mcp-panther/core/testing: helpers for testing packs against the real host pipeline. Named exports only.
 */

/** A tool's `tools/list` entry exactly as the host serves it (for size budgets and schema checks). */
export { toolDefinition as toolListEntry } from '../catalog/toolset.js';
/** The host's owner records, to share between the tool contexts of several callers. */
export type { OwnerRecords, OwnerRecordsOptions } from '../ownership/ownerRecords.js';
export { createOwnerRecords } from '../ownership/ownerRecords.js';
/** A table's rows as records, to assert on list results field by field. */
export { recordsOf } from '../toolkit/table.js';
export type { PackConventionOptions } from './assertPackConventions.js';
export { assertPackConventions } from './assertPackConventions.js';
export type { TestHost, TestHostOptions } from './createTestHost.js';
export { createTestHost } from './createTestHost.js';
export type {
  FakeCall,
  FakeClient,
  FakeGraphQLCall,
  FakeResponder,
  FakeRestCall,
  RunToolOptions,
  ToolContextOptions,
} from './fakeClient.js';
export { createFakeClient, createToolContext, runTool } from './fakeClient.js';
