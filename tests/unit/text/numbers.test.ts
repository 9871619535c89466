import { describe, expect, it } from 'vitest';
import { parseChineseInteger } from '../../../lib/text';

describe('parseChineseInteger', () => {
  it.each([
    ['十', 10],
    ['十四', 14],
    ['一十四', 14],
    ['二十', 20],
    ['一百二十二', 122],
    ['一百零二', 102],
    ['一千零一', 1001],
    ['二〇二三', 2023],
    ['二零二三', 2023],
    ['壹拾贰万叁仟肆佰伍拾陆', 123456],
    ['两千', 2000],
    ['三万零五百', 30500],
    ['十万', 100000],
    ['一亿二千万', 120000000],
    ['一百二', 120],
    ['一万五', 15000],
    ['122', 122],
    ['１２２', 122],
    ['1万2千', 12000],
    [' 伍佰 ', 500],
  ])('%s → %d', (input, expected) => {
    expect(parseChineseInteger(input)).toBe(expected);
  });

  it.each(['', '百', '万', '十四条', 'abc', '一二百', '5.5'])('rejects %j', (input) => {
    expect(parseChineseInteger(input)).toBeNull();
  });
});
