// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import enMessages from '../../../public/_locales/en/messages.json';
import zhMessages from '../../../public/_locales/zh_CN/messages.json';
import { parseSiteProfile } from '../../../lib/form';
import { formatProfileProblem } from '../../../lib/form/profile';
import { translatorFromMessages, type MessageEntry } from '../../../lib/rules';

const zhT = translatorFromMessages(zhMessages as Record<string, MessageEntry>);
const enT = translatorFromMessages(enMessages as Record<string, MessageEntry>);

const good = {
  version: 1,
  origin: 'http://zfba.scjg.internal:8080',
  name: '某省执法办案系统',
  pins: [
    { key: 'decisionNo', selector: '#wh' },
    { key: 'partyName', selector: 'x-form >>> input[name="dsr"]' },
  ],
  updatedAt: '2024-03-01T08:00:00.000Z',
};

describe('parseSiteProfile', () => {
  it('accepts a valid profile as an object or as JSON text', () => {
    expect(parseSiteProfile(good)).toEqual({ ok: true, profile: good });
    expect(parseSiteProfile(JSON.stringify(good))).toEqual({ ok: true, profile: good });
    expect(parseSiteProfile({ ...good, origin: 'http://10.1.2.3:8080' }).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{oops', '不是有效的 JSON'],
    ['an array', [], '应为一个 JSON 对象'],
    ['null', null, '应为一个 JSON 对象'],
    ['a later version', { ...good, version: 2 }, '版本'],
    ['an origin with a path', { ...good, origin: 'http://10.1.2.3:8080/case/list' }, '系统地址'],
    ['a file origin', { ...good, origin: 'file:///C:/x.html' }, '系统地址'],
    ['no pins', { ...good, pins: undefined }, '缺少固定字段'],
    ['an empty selector', { ...good, pins: [{ key: 'caseNo', selector: '  ' }] }, '不能为空'],
    ['a malformed key', { ...good, pins: [{ key: '当事人', selector: '#a' }] }, '字段名称不正确'],
    ['an invalid selector', { ...good, pins: [{ key: 'caseNo', selector: 'div[[' }] }, '选择器无效'],
    ['a key pinned twice', { ...good, pins: [good.pins[0], { key: 'decisionNo', selector: '#b' }] }, '被固定了两次'],
  ])('rejects %s with a message in Chinese, and one in English', (_what, input, fragment) => {
    const r = parseSiteProfile(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(formatProfileProblem(r.problem, zhT)).toContain(fragment);
      const english = formatProfileProblem(r.problem, enT);
      expect(english).toMatch(/^The site profile /);
      // the profile's own values (a key someone typed in Chinese) are the only Chinese left
      expect(english.replace('当事人', '')).not.toMatch(/\p{Script=Han}/u);
    }
  });

  it('rejects keys outside the list it is given', () => {
    const r = parseSiteProfile({ ...good, pins: [{ key: 'shoeSize', selector: '#a' }] }, { keys: ['partyName', 'decisionNo'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatProfileProblem(r.problem, zhT)).toBe('站点配置有误：第1个固定字段的字段“shoeSize”不是已知字段');
    expect(parseSiteProfile(good, { keys: ['partyName', 'decisionNo'] }).ok).toBe(true);
  });
});
