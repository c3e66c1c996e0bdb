/** Entry of the worker threads of the pool (src/indexer/pool.ts): runs file tasks sent by the main thread. */
import { parentPort } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from '../indexer/pool';
import { FileTasks } from '../indexer/tasks';

const tasks = new FileTasks();
const port = parentPort!;

port.on('message', (message: WorkerRequest) => {
  if (message.type === 'configure') tasks.configure(message.settings);
  else if (message.type === 'corpus') tasks.setCorpus(message.snapshot);
  else {
    let reply: WorkerReply;
    try {
      reply = { id: message.id, result: tasks.run(message.task) };
    } catch (e) {
      reply = { id: message.id, error: (e as Error).stack ?? String(e) };
    }
    // Key arrays and packed findings move to the main thread instead of being copied.
    const transfer: ArrayBuffer[] = [];
    if ('result' in reply && 'keys' in reply.result && reply.result.keys) transfer.push(reply.result.keys.buffer as ArrayBuffer);
    if ('result' in reply && 'findings' in reply.result && !Array.isArray(reply.result.findings)) transfer.push(reply.result.findings.data.buffer as ArrayBuffer);
    port.postMessage(reply, transfer);
  }
});
