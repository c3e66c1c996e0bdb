/**
 * The index cache on disk: length-prefixed binary records, so a warm start copies line keys and packed
 * findings as they are instead of parsing them out of JSON and base64. The strings of findings go to one
 * table for the whole cache, each written once by the first record that uses it: rule ids, messages and
 * fix titles are shared by thousands of files.
 *
 * Layout: "SCIX", then frames of (u32 length, payload). The first payload is the header as JSON; each
 * other is one file: u32 JSON length, JSON {f: fields, n: strings new to the table}, then three lists of
 * u32 (count first): the file's string table as references into the cache's, its line keys, its recurrent
 * keys; then the packed findings' bytes.
 */
import * as fs from 'node:fs';
import type { PackedFindings } from './packedFindings';

const MAGIC = Buffer.from('SCIX', 'latin1');
/** Read size while loading: large enough for few system calls, small enough not to matter in memory. */
const CHUNK_BYTES = 1 << 20;

export interface CacheRecord<F> {
  fields: F;
  keys: ArrayLike<number>;
  recurrent: ArrayLike<number>;
  packed: PackedFindings;
}

function frame(payload: Buffer): Buffer {
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32LE(payload.length, 0);
  return Buffer.concat([head, payload]);
}

function u32s(values: ArrayLike<number>): Buffer {
  const out = Buffer.allocUnsafe(4 + values.length * 4);
  out.writeUInt32LE(values.length, 0);
  for (let i = 0; i < values.length; i++) out.writeUInt32LE(values[i], 4 + i * 4);
  return out;
}

export class CacheWriter {
  private readonly table = new Map<string, number>();

  start(header: unknown): Buffer {
    return Buffer.concat([MAGIC, frame(Buffer.from(JSON.stringify(header)))]);
  }

  record<F>({ fields, keys, recurrent, packed }: CacheRecord<F>): Buffer {
    const added: string[] = [];
    const refs = packed.strings.map((s) => {
      let ref = this.table.get(s);
      if (ref === undefined) {
        ref = this.table.size;
        this.table.set(s, ref);
        added.push(s);
      }
      return ref;
    });
    const json = Buffer.from(JSON.stringify({ f: fields, n: added }));
    const jsonLength = Buffer.allocUnsafe(4);
    jsonLength.writeUInt32LE(json.length, 0);
    return frame(Buffer.concat([jsonLength, json, u32s(refs), u32s(keys), u32s(recurrent), packed.data]));
  }
}

export class CacheReader {
  private readonly strings: string[] = [];

  /** `share` maps each new string to a shared instance, once per string rather than once per use. */
  constructor(private readonly share: (s: string) => string = (s) => s) {}

  header(payload: Buffer): unknown {
    return JSON.parse(payload.toString('utf8'));
  }

  /** One file's record; throws on a malformed one. */
  record<F>(payload: Buffer): CacheRecord<F> & { keys: Uint32Array; recurrent: Uint32Array } {
    let at = 0;
    const u32 = () => {
      const v = payload.readUInt32LE(at);
      at += 4;
      return v;
    };
    const jsonLength = u32();
    const { f, n } = JSON.parse(payload.toString('utf8', at, (at += jsonLength))) as { f: F; n: string[] };
    for (const added of n) this.strings.push(this.share(added));
    const list = () => {
      const out = new Uint32Array(u32());
      for (let i = 0; i < out.length; i++) out[i] = u32();
      return out;
    };
    const refs = list();
    const keys = list();
    const recurrent = list();
    const strings: string[] = new Array(refs.length);
    for (let i = 0; i < refs.length; i++) {
      if (refs[i] >= this.strings.length) throw new Error('string reference out of range');
      strings[i] = this.strings[refs[i]];
    }
    return { fields: f, keys, recurrent, packed: { data: new Uint8Array(payload.subarray(at)), strings } };
  }
}

/** Splits bytes into frames as they arrive; the first call checks the magic. */
class FrameSplitter {
  private pending: Buffer = Buffer.alloc(0);
  private checked = false;

  *push(chunk: Buffer): Generator<Buffer> {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (!this.checked) {
      if (this.pending.length < MAGIC.length) return;
      if (!this.pending.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not an index cache');
      this.pending = this.pending.subarray(MAGIC.length);
      this.checked = true;
    }
    let at = 0;
    while (at + 4 <= this.pending.length) {
      const length = this.pending.readUInt32LE(at);
      if (at + 4 + length > this.pending.length) break;
      yield this.pending.subarray(at + 4, at + 4 + length);
      at += 4 + length;
    }
    this.pending = this.pending.subarray(at);
  }

  /** Throws when the cache ends inside a frame (a truncated file). */
  finish(): void {
    if (!this.checked || this.pending.length > 0) throw new Error('truncated index cache');
  }
}

export function* framesOf(bytes: Buffer): Generator<Buffer> {
  const splitter = new FrameSplitter();
  yield* splitter.push(bytes);
  splitter.finish();
}

/** The frames of a cache file, read a chunk at a time: a big corpus's cache is never in memory whole. */
export async function* readFrames(file: string): AsyncGenerator<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const splitter = new FrameSplitter();
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      yield* splitter.push(chunk.subarray(0, bytesRead));
    }
    splitter.finish();
  } finally {
    await handle.close();
  }
}

/** Index caches are named so in their folder: `index-<hash of the corpus root>.cache` (`.jsonl` before format 3). */
const CACHE_NAME = /^index-[0-9a-f]+\.(?:cache|jsonl)$/;

/**
 * Removes the index caches in `dir` other than `keep` (file names): those of an older format, and of corpus
 * folders no longer open, would otherwise stay for good. Other files are left alone.
 */
export async function removeStaleCaches(dir: string, keep: readonly string[]): Promise<string[]> {
  const kept = new Set(keep);
  const stale = (await fs.promises.readdir(dir)).filter((name) => CACHE_NAME.test(name) && !kept.has(name));
  await Promise.all(stale.map((name) => fs.promises.rm(`${dir}/${name}`, { force: true })));
  return stale;
}
