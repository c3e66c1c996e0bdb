// Compiles the integration tests (test/integration/**/*.ts) to out/test/integration/**/*.js, one bundle
// per entry, for VS Code's extensionTestsPath. Packages (vscode, mocha, dictionaries) stay external.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const src = 'test/integration';
const outdir = 'out/test/integration';
const entryPoints = [join(src, 'index.ts')].concat(
  readdirSync(join(src, 'suite'), { recursive: true })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(src, 'suite', f)),
);

rmSync(outdir, { recursive: true, force: true }); // no stale tests from deleted sources
await build({ entryPoints, outdir, outbase: src, bundle: true, packages: 'external', platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' });
