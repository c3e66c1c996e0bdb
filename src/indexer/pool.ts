/**
 * A pool of worker threads running file tasks, so indexing and linting use every core and the caller's
 * thread (the extension host's) stays free. Size 0 runs the same tasks inline, one per macrotask.
 * Workers are created on first use and do not keep the process alive while idle. A worker that dies
 * (out of memory on a hostile file) is replaced, and the tasks it held are tried again one at a time: only
 * a task during which a worker dies twice fails. A worker's heap is bounded; a task of a worker that ran out of
 * that bound, or of a file known to be too large for it, goes to a worker without one, which leaves once it
 * has no such task, so that the pool is bounded again.
 */
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CorpusSnapshot } from './corpusCounts';
import { FileTasks, type Task, type TaskResult, type TaskSettings } from './tasks';

export type WorkerRequest =
  | { type: 'configure'; settings: TaskSettings }
  | { type: 'corpus'; snapshot: CorpusSnapshot }
  | { type: 'tasks'; batch: { id: number; task: Task }[] };

/** A worker answers a batch of tasks with one message: a reply per task, in order. */
export type WorkerReply = { id: number; result: TaskResult } | { id: number; error: string };

/**
 * Tasks go to a worker in batches, and come back so: a message costs its sender and its receiver tens of
 * microseconds (a thread wake-up each), as much as counting the lines of a small file.
 */
const BATCH = 8;
/** Tasks queued per worker: two batches hide the round trip without holding many back on cancel. */
const IN_FLIGHT_PER_WORKER = 2 * BATCH;

/**
 * A worker's old-generation limit (MB). Unbounded, V8 lets a busy worker's heap grow to several times what it
 * holds: ~200 MB each while indexing 10,000 files, of which ~50 MB was live. Bounded, it collects sooner, at
 * no measurable cost in time, and a file too large for the bound is checked again by an unbounded worker.
 */
export const WORKER_HEAP_LIMIT_MB = 96;

/**
 * A file this many times smaller than the heap bound fits in it: with a bound of 96 MB, a 5 MB file did
 * and a 20 MB one did not. A larger file goes straight to an unbounded worker instead of first failing.
 */
const HEAP_PER_FILE_BYTE = 12;

export interface PoolOptions {
  /** Old-generation limit of each worker (MB); 0 for none. */
  heapLimitMB?: number;
}

interface Pending {
  id: number;
  task: Task;
  /** Sent again after its worker died: it goes alone, so that if it killed the worker only it fails. */
  retried?: boolean;
  /** Too large for a bounded heap (its worker ran out of it, or the file's size says so). */
  unbounded?: boolean;
  resolve(result: TaskResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Pending>;
  bounded: boolean;
  /** Spawned without a bound for tasks too large for one: it takes only those, and leaves when it has none. */
  oversize: boolean;
}

/** The worker's script: the bundle's sibling dist/worker.js, or the TypeScript source under tsx (tests). */
export function workerScript(): { file: string; execArgv: string[] } {
  if (__filename.endsWith('.ts')) {
    return { file: path.join(__dirname, '..', 'core', 'worker.ts'), execArgv: ['--require', createRequire(__filename).resolve('tsx/cjs')] };
  }
  return { file: path.join(__dirname, 'worker.js'), execArgv: [] };
}

export function defaultPoolSize(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

export interface RunAllOptions<R> {
  signal?: AbortSignal;
  /** Deliver results in task order (the CLI's output) rather than as they finish. */
  ordered?: boolean;
  /** Tasks dispatched ahead of the oldest undelivered one: bounds the results held for ordering. */
  window?: number;
  onResult(result: R, index: number): void | Promise<void>;
  onError(error: Error, index: number): void | Promise<void>;
}

export class WorkerPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  /** The latest settings and corpus, replayed to a replacement worker. */
  private setup: { configure?: WorkerRequest; corpus?: WorkerRequest } = {};
  private inline: FileTasks | null = null;
  private nextId = 1;
  private disposed = false;
  private pumpScheduled = false;

  private readonly heapLimitMB: number;

  constructor(size = defaultPoolSize(), options: PoolOptions = {}) {
    this.size = Math.max(0, Math.floor(size));
    this.heapLimitMB = options.heapLimitMB ?? WORKER_HEAP_LIMIT_MB;
  }

  configure(settings: TaskSettings): void {
    this.broadcast((this.setup.configure = { type: 'configure', settings }));
  }

  setCorpus(snapshot: CorpusSnapshot): void {
    this.broadcast((this.setup.corpus = { type: 'corpus', snapshot }));
  }

  private broadcast(message: WorkerRequest): void {
    // Tasks queued before the message still run under the settings they were queued under.
    this.pump();
    if (this.inline) this.applyInline(this.inline, message);
    for (const slot of this.slots) slot.worker.postMessage(message);
  }

  private applyInline(tasks: FileTasks, message: WorkerRequest): void {
    if (message.type === 'configure') tasks.configure(message.settings);
    else if (message.type === 'corpus') tasks.setCorpus(message.snapshot);
  }

  run(task: Task): Promise<TaskResult> {
    if (this.disposed) return Promise.reject(new Error('worker pool disposed'));
    const unbounded = this.heapLimitMB > 0 && (task.bytes ?? 0) * HEAP_PER_FILE_BYTE > this.heapLimitMB * 1024 * 1024;
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, unbounded, resolve, reject });
      this.schedulePump();
    });
  }

  /** Tasks queued in one go (runAll fills its window in a loop) are sent together, at the end of the tick. */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /**
   * Runs tasks with at most `window` outstanding and hands each result (or the error of a task whose worker
   * died) to the callbacks, awaiting them for backpressure. An aborted signal stops dispatching; tasks
   * already running still finish and are delivered, so no completed work is lost.
   */
  async runAll<R extends TaskResult>(tasks: readonly Task[], options: RunAllOptions<R>): Promise<{ completed: number }> {
    const window = Math.max(1, options.window ?? Math.max(16, this.size * IN_FLIGHT_PER_WORKER * 2));
    const ready = new Map<number, { result: R } | { error: Error }>();
    let dispatched = 0;
    let delivered = 0;
    let wake: (() => void) | null = null;
    const dispatch = () => {
      while (!options.signal?.aborted && dispatched < tasks.length && dispatched - delivered < window) {
        const index = dispatched++;
        this.run(tasks[index]).then(
          (result) => ready.set(index, { result: result as R }),
          (error: Error) => ready.set(index, { error }),
        ).finally(() => wake?.());
      }
    };
    dispatch();
    while (delivered < dispatched) {
      const next = options.ordered ? (ready.has(delivered) ? delivered : undefined) : ready.keys().next().value;
      if (next === undefined) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      const outcome = ready.get(next)!;
      ready.delete(next);
      delivered++;
      if ('result' in outcome) await options.onResult(outcome.result, next);
      else await options.onError(outcome.error, next);
      dispatch();
    }
    return { completed: delivered };
  }

  private pump(): void {
    if (this.size === 0) {
      this.pumpInline();
      return;
    }
    while (this.queue.length > 0) {
      const slot = this.queue[0].unbounded ? this.unboundedSlot() : this.freeSlot();
      if (!slot) return;
      if (slot.inFlight.size === 0) slot.worker.ref();
      // An even share of what is queued, so that a few tasks are not all given to one worker.
      const share = Math.ceil(this.queue.length / this.size);
      const batch = this.queue.splice(0, this.batchSize(slot, share));
      for (const pending of batch) slot.inFlight.set(pending.id, pending);
      slot.worker.postMessage({ type: 'tasks', batch: batch.map(({ id, task }) => ({ id, task })) } satisfies WorkerRequest);
    }
  }

  /** Tasks from the head of the queue for one message: a task tried again or too large for a bound goes alone. */
  private batchSize(slot: Slot, share: number): number {
    if (this.queue[0].retried || this.queue[0].unbounded) return 1;
    const limit = Math.min(BATCH, IN_FLIGHT_PER_WORKER - slot.inFlight.size, share, this.queue.length);
    let size = 1;
    while (size < limit && !this.queue[size].unbounded) size++;
    return size;
  }

  private inlineBusy = false;

  /** One task per macrotask, so even the inline pool lets the event loop breathe between files. */
  private pumpInline(): void {
    if (this.inlineBusy || this.queue.length === 0) return;
    if (!this.inline) {
      this.inline = new FileTasks();
      if (this.setup.configure) this.applyInline(this.inline, this.setup.configure);
      if (this.setup.corpus) this.applyInline(this.inline, this.setup.corpus);
    }
    this.inlineBusy = true;
    setImmediate(() => {
      const pending = this.queue.shift();
      this.inlineBusy = false;
      if (pending) {
        try {
          pending.resolve(this.inline!.run(pending.task));
        } catch (e) {
          pending.reject(e as Error);
        }
      }
      this.pumpInline();
    });
  }

  private freeSlot(): Slot | null {
    let best: Slot | null = null;
    for (const slot of this.slots) if (!slot.oversize && slot.inFlight.size < IN_FLIGHT_PER_WORKER && (!best || slot.inFlight.size < best.inFlight.size)) best = slot;
    if (best && best.inFlight.size === 0) return best;
    if (this.slots.length < this.size) return this.spawn(this.heapLimitMB > 0, false);
    return best;
  }

  /**
   * The worker for oversize tasks, new if there is room for it: a worker that ran out of memory has left a
   * place, or an idle bounded worker gives up its own (the oversize task at the head of the queue holds the
   * others back, so one soon is idle).
   */
  private unboundedSlot(): Slot | null {
    const slot = this.slots.find((s) => s.oversize && s.inFlight.size < IN_FLIGHT_PER_WORKER);
    if (slot) return slot;
    if (this.slots.length >= this.size) {
      const idle = this.slots.find((s) => !s.oversize && s.inFlight.size === 0);
      if (!idle) return null;
      this.retire(idle);
    }
    return this.spawn(false, true);
  }

  /** Stops a worker that holds no task. */
  private retire(slot: Slot): void {
    this.slots.splice(this.slots.indexOf(slot), 1);
    void slot.worker.terminate();
  }

  private spawn(bounded: boolean, oversize: boolean): Slot {
    const { file, execArgv } = workerScript();
    const worker = new Worker(file, { execArgv, resourceLimits: bounded ? { maxOldGenerationSizeMb: this.heapLimitMB } : {} });
    worker.unref();
    const slot: Slot = { worker, inFlight: new Map(), bounded, oversize };
    if (this.setup.configure) worker.postMessage(this.setup.configure);
    if (this.setup.corpus) worker.postMessage(this.setup.corpus);
    worker.on('message', (replies: WorkerReply[]) => {
      for (const reply of replies) {
        const pending = slot.inFlight.get(reply.id);
        if (!pending) continue;
        slot.inFlight.delete(reply.id);
        if ('error' in reply) pending.reject(new Error(reply.error));
        else pending.resolve(reply.result);
      }
      if (slot.inFlight.size === 0) {
        worker.unref();
        if (slot.oversize && !this.queue.some((p) => p.unbounded)) this.retire(slot);
      }
      this.pump();
    });
    let lastError: (Error & { code?: string }) | null = null;
    worker.on('error', (e) => (lastError = e));
    worker.on('exit', (code) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      const reason = lastError?.message ?? `exit code ${code}`;
      const outOfBound = slot.bounded && lastError?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      // Which task of the batch killed the worker is unknown: each is tried once more on its own.
      const retry: Pending[] = [];
      for (const pending of slot.inFlight.values()) {
        // Running out of a bound earns a try without one, even for a task already tried again.
        if (this.disposed || (pending.retried && !outOfBound)) pending.reject(new Error(`worker thread stopped while checking ${pending.task.path}: ${reason}`));
        else retry.push({ ...pending, retried: true, unbounded: outOfBound || pending.unbounded });
      }
      slot.inFlight.clear();
      this.queue.unshift(...retry);
      if (!this.disposed) this.pump();
    });
    this.slots.push(slot);
    return slot;
  }

  /** Stops the workers; queued tasks fail. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('worker pool disposed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
