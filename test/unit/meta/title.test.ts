import assert from 'node:assert/strict';
import { articleBody } from '../../../src/core/meta/body';
import { article, devPage, seed } from './helpers';

describe('headline detection', () => {
  it('prefers the bare headline restated below a clickbait <title>', () => {
    assert.equal(seed('000').titleLine, 6);
  });

  it('skips site chrome: script switch, login, menus, breadcrumbs', () => {
    assert.equal(seed('002').titleLine, 5);
    assert.equal(seed('004').titleLine, 3);
  });

  it('takes a headline after blank lines, and none when the file opens with a dateline sentence', () => {
    assert.equal(seed('003').titleLine, 2);
    assert.equal(seed('001').titleLine, null);
  });

  it('keeps the first headline when its copy comes after the text has begun', () => {
    const a = article(['常州科教城举行高质量发展大会', '第一段正文很长,有逗号,也有句号,写了许多许多的内容,说明了大会的来龙去脉和意义,直到这里才结束。', '常州科教城举行高质量发展大会']);
    assert.equal(a.titleLine, 0);
  });

  it('finds the in-page headline under a page <title> with a site suffix', () => {
    const page = devPage('163_1.txt');
    if (!page) return;
    assert.equal(page.lines[page.titleLine!], '多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？');
  });
});

describe('article body', () => {
  it('ends where the page tail begins (keywords, related articles, editor)', () => {
    assert.deepEqual(articleBody(seed('000')), { start: 6, end: 20 });
    assert.deepEqual(articleBody(seed('004')), { start: 3, end: 27 });
  });

  it('recognises a tail marker through ruby readings', () => {
    assert.equal(articleBody(seed('001')).end, 16);
  });

  it('runs to the end of a file without a tail', () => {
    const a = seed('003');
    assert.equal(articleBody(a).end, a.lines.length);
  });
});
