import { renderTemplate } from './template';

describe('renderTemplate', () => {
  it.each([
    ['named', '"%field" can not be empty.', { field: 'name' }, '"name" can not be empty.'],
    ['positional, 1-based', 'Report ID: %1 (%2)', ['webapi-1', 7], 'Report ID: webapi-1 (7)'],
    [
      'longest placeholder first',
      '%10 %1',
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
      'j a',
    ],
    ['longest name first', '%names / %name', { name: 'x', names: 'y' }, 'y / x'],
    ['unknown placeholders stay', '%missing and %1', { other: 1 }, '%missing and %1'],
    ['substituted text is not rescanned', '%a', { a: '%b', b: 'no' }, '%b'],
    ['regex characters in values and names', '%a.b $&', { 'a.b': '$1' }, '$1 $&'],
    ['no parameters', 'As is %1', undefined, 'As is %1'],
    ['booleans and numbers', '%ok=%n', { ok: true, n: 0 }, 'true=0'],
  ])('%s', (_case, template, parameters, expected) => {
    expect(renderTemplate(template, parameters)).toBe(expected);
  });
});
