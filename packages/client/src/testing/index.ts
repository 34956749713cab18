/** Test helpers of @mcp-panther/client (the `./testing` entry): named exports only. */

export type { FakeContext, FakeHandler, FakeRequest, FakeResponse, FakeUpstream } from './fakeUpstream.js';
export { startFakeUpstream, untilAborted, waitUntil } from './fakeUpstream.js';
