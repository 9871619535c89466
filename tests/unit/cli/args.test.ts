import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { usageErrorOf } from '../../../scripts/cli-args';

const parse = (args: string[]) => {
  try {
    parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, json: { type: 'boolean' } } });
    return null;
  } catch (e) {
    return usageErrorOf(e).message;
  }
};

describe('the CLIs’ argument errors in Chinese, naming the option', () => {
  it.each([
    [['--bogus'], '未知选项：--bogus'],
    [['file.csv', '--out'], '选项 --out 的取值缺失或无效'],
    [['--json=yes'], '选项 --json 的取值缺失或无效'],
  ])('%j → %s', (args, message) => {
    expect(parse(args)).toBe(message);
  });
  it('accepts what is right', () => {
    expect(parse(['file.csv', '--out', 'r.csv', '--json'])).toBeNull();
  });
});
