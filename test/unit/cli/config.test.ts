import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../../src/core/config';
import { describeConfigProblem } from '../../../src/cli/files';
import { cli, seedText, tempDir } from './helpers';

describe('parseConfig', () => {
  it('reports invalid JSON at its offset and falls back to defaults', () => {
    const text = '{\n  "locale": "en",\n  "rules": { "SC210": "off" \n}';
    const { config, problems } = parseConfig(text);
    assert.deepEqual(config, {});
    assert.ok(problems.length > 0);
    assert.match(problems[0].message, /^Invalid JSON: /);
    assert.ok(problems[0].offset > text.indexOf('"off"'));
  });

  it('accepts comments and trailing commas', () => {
    const { config, problems } = parseConfig('{\n  // the corpus is Taiwanese\n  "locale": "zh-TW",\n}');
    assert.deepEqual(problems, []);
    assert.deepEqual(config, { locale: 'zh-TW' });
  });

  it('reports unknown keys at their value and keeps the valid keys', () => {
    const text = '{ "locale": "en", "rulez": { "SC210": "off" } }';
    const { config, problems } = parseConfig(text);
    assert.deepEqual(config, { locale: 'en' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].message, 'rulez: unknown key "rulez"');
    assert.equal(text.slice(problems[0].offset, problems[0].offset + problems[0].length), '{ "SC210": "off" }');
  });

  it('reports wrong types and values where they are, dropping only what is wrong', () => {
    const text = '{ "locale": "fr", "recurrence": { "minFiles": "five" }, "categories": { "boilerplate": "off" } }';
    const { config, problems } = parseConfig(text);
    assert.deepEqual(config, { categories: { boilerplate: 'off' } });
    const byWhere = new Map(problems.map((p) => [p.message.split(':')[0], p]));
    assert.match(byWhere.get('locale')!.message, /must be one of \["zh-CN","zh-TW","en"\]/);
    assert.equal(text.slice(byWhere.get('locale')!.offset, byWhere.get('locale')!.offset + byWhere.get('locale')!.length), '"fr"');
    assert.match(byWhere.get('recurrence.minFiles')!.message, /must be integer/);
  });

  it('rejects a configuration that is not an object', () => {
    assert.equal(parseConfig('[1, 2]').problems[0].message, 'The configuration must be a JSON object.');
    assert.deepEqual(parseConfig('[1, 2]').config, {});
  });

  it('places problems by line and column', () => {
    const text = '{\n  "locale": "en",\r\n  "rulez": {}\n}';
    const problem = parseConfig(text).problems[0];
    assert.equal(describeConfigProblem('.seedcurator.json', text, problem), '.seedcurator.json:3:12: rulez: unknown key "rulez"');
  });
});

describe('cli with a broken .seedcurator.json', function () {
  this.timeout(60_000);
  const cases: [string, string, RegExp][] = [
    ['invalid JSON', '{ "locale": "en", ', /\.seedcurator\.json:1:\d+: Invalid JSON: .* \(ignored: defaults apply\)/],
    ['an unknown key', '{\n  "colour": "red"\n}', /\.seedcurator\.json:2:13: colour: unknown key "colour" \(ignored: defaults apply\)/],
    ['a wrong type', '{ "rules": { "SC210": 3 } }', /\.seedcurator\.json:1:\d+: rules\.SC210: .* \(ignored: defaults apply\)/],
  ];
  for (const [name, config, message] of cases) {
    it(`prints where ${name} is, lints with defaults and exits 2`, async () => {
      const d = tempDir({ '.seedcurator.json': config, 'a.txt': seedText(0) });
      try {
        const run = await cli(['lint', d, '--format', 'json', '--jobs', '1']);
        assert.equal(run.code, 2);
        assert.match(run.stderr, message);
        const files = JSON.parse(run.stdout).files;
        assert.equal(files.length, 1);
        assert.ok(files[0].findings.length > 0, 'linted with the default rules');
      } finally {
        fs.rmSync(d, { recursive: true, force: true });
      }
    });
  }

  it('says so when the named configuration cannot be read', async () => {
    const d = tempDir({ 'a.txt': seedText(0) });
    try {
      const run = await cli(['lint', d, '--config', path.join(d, 'nope.json'), '--jobs', '1']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /nope\.json:1:1: cannot read the configuration: no such file/);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
