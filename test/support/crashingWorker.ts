/**
 * Test support: the analysis worker, which stops as a crash would when it is sent a text holding `CRASH`, for
 * the test that a service whose worker stopped starts another one.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { Request } from '../../src/node/protocol';

const crashes = (request: Request): boolean =>
  (request.kind === 'open' && request.text.includes('CRASH')) || (request.kind === 'update' && typeof request.changes !== 'string' && request.changes.some((c) => c.text.includes('CRASH')));

// The worker's own listener, wrapped: a listener of our own would start the port before the worker listens,
// and the requests sent meanwhile would reach ours only.
const port = parentPort as MessagePort;
const on = port.on.bind(port);
port.on = ((event: string, listener: (value: unknown) => void) =>
  on(event, event === 'message' ? (request: unknown) => (crashes(request as Request) ? process.exit(1) : listener(request)) : listener)) as MessagePort['on'];

// Loaded once the listener is wrapped (a static import would run first).
void import('../../src/node/analysisWorker');
