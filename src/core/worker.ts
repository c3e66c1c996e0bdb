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
    const replies: WorkerReply[] = [];
    // Key arrays and packed findings move to the main thread instead of being copied.
    const transfer: ArrayBuffer[] = [];
    for (const { id, task } of message.batch) {
      try {
        const result = tasks.run(task);
        if ('keys' in result && result.keys) transfer.push(result.keys.buffer as ArrayBuffer);
        if ('recurrent' in result) transfer.push(result.recurrent.buffer as ArrayBuffer);
        if ('findings' in result && !Array.isArray(result.findings)) transfer.push(result.findings.data.buffer as ArrayBuffer);
        replies.push({ id, result });
      } catch (e) {
        replies.push({ id, error: (e as Error).stack ?? String(e) });
      }
    }
    port.postMessage(replies, transfer);
  }
});
