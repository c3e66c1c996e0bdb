/**
 * Runs one rule over a sample in a fresh process and tells whether a lazily loaded module or data file (jieba's
 * dictionary is read with fs, not required) got loaded.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

export function loadsModule(ruleFile: string, ruleExport: string, sample: string, moduleFragment: string): boolean {
  const out = execFileSync(
    process.execPath,
    [
      '--require',
      'tsx/cjs',
      '-e',
      `const fs = require('fs'); const read = []; const readFileSync = fs.readFileSync;
       fs.readFileSync = function (file, ...rest) { read.push(String(file)); return readFileSync.call(this, file, ...rest); };
       const { lintText } = require('./src/core/runner'); const { ${ruleExport} } = require('./src/rules/${ruleFile}');
       lintText(${JSON.stringify(sample)}, { rules: [${ruleExport}] });
       process.stdout.write(String([...Object.keys(require.cache), ...read].some((k) => k.includes(${JSON.stringify(moduleFragment)}))));`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return out === 'true';
}
