// What the benchmark drives, bundled like the shipped code (dist/bench.js beside dist/worker.js).
export { CorpusIndex, indexWorkers } from '../../src/indexer/corpusIndex';
export { collectFiles, stampFiles } from '../../src/indexer/scan';
export { lintText } from '../../src/core/runner';
export { inferMetadata } from '../../src/core/meta';
export { fixText } from '../../src/core/fix';
export { convertText } from '../../src/core/convert';
export { CorpusStats } from '../../src/core/corpus';
