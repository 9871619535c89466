import { describe, expect, it } from 'vitest';
import {
  criminalTransferInText,
  formKindOf,
  parseApprovalMode,
  parseCriminalTransfer,
  parseListingDecision,
} from '../../../lib/facts/flags';

describe('parseListingDecision', () => {
  it.each([
    ['是', 'yes'],
    ['已列入', 'yes'],
    ['拟列入', 'yes'],
    ['列入严重违法失信名单', 'yes'],
    ['否', 'no'],
    ['未列入', 'no'],
    ['不予列入', 'no'],
    ['暂不列入', 'no'],
    ['', null],
    ['待定', null],
  ])('%s → %s', (v, expected) => {
    expect(parseListingDecision(v)).toBe(expected);
  });
});

describe('criminal transfer', () => {
  it.each([
    ['是', true],
    ['已移送公安机关', true],
    ['涉嫌犯罪，移送公安', true],
    ['否', false],
    ['未移送', false],
    ['不涉嫌犯罪', false],
    ['', null],
    ['其他', null],
  ])('field %s → %s', (v, expected) => {
    expect(parseCriminalTransfer(v)).toBe(expected);
  });

  it('finds an explicit transfer in narrative text, not a negated one', () => {
    expect(criminalTransferInText('当事人涉嫌犯罪，已移送公安机关')).toEqual({ text: '已移送公安机关' });
    expect(criminalTransferInText('经审查不移送公安机关')).toBeNull();
    expect(criminalTransferInText('当事人涉嫌犯罪')).toBeNull();
  });
});

describe('parseApprovalMode', () => {
  it.each([
    ['告知承诺制', 'commitment'],
    ['告知承诺', 'commitment'],
    ['不适用告知承诺', 'ordinary'],
    ['一般程序', 'ordinary'],
    ['', null],
  ])('%s → %s', (v, expected) => {
    expect(parseApprovalMode(v)).toBe(expected);
  });

  it('reads yes/no when the label asks about 告知承诺', () => {
    expect(parseApprovalMode('是', '是否适用告知承诺制')).toBe('commitment');
    expect(parseApprovalMode('否', '是否适用告知承诺制')).toBe('ordinary');
    expect(parseApprovalMode('是')).toBeNull();
  });
});

describe('formKindOf', () => {
  it('tells the form kind from keys, then headings', () => {
    expect(formKindOf([], new Set(['penalty']))).toBe('penalty');
    expect(formKindOf(['食品经营许可申请审批表'], new Set(['partyName']))).toBe('licensing');
    expect(formKindOf(['双随机抽查检查记录'], new Set(['partyName']))).toBe('inspection');
    expect(formKindOf(['案件审核表'], new Set(['partyName']))).toBe('penalty');
    expect(formKindOf([], new Set(['approvalMode']))).toBe('licensing');
    expect(formKindOf(['首页'], new Set(['partyName']))).toBe('other');
  });
});
