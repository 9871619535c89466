import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsFromValues, type FactValues } from '../../../lib/facts/extract';
import type { LogicalKey } from '../../../lib/facts/keys';
import { assess, bundledPacks } from '../../../lib/rules';
import { FIXTURES_DIR } from '../../fixtures/frameworks/build.mjs';
import { checkPage, matrixPages, shows, type Expected } from '../../fixtures/frameworks/matrix.mjs';

// The framework matrix's expected.json files are data the e2e tests trust: here they are checked for shape, and
// their verdicts against the rules engine fed with the expected values (what a perfect reader would see).

const pages = matrixPages();
const asText = (v: Expected): string => (typeof v === 'string' ? v : 'items' in v ? v.items.join('、') : v.includes.join('；'));

describe('the framework matrix expectations', () => {
  it('has fixtures', () => {
    expect(pages.length).toBeGreaterThan(0);
  });

  for (const p of pages) {
    describe(p.url, () => {
      it('is well formed, and its page exists', () => {
        expect(checkPage(p)).toEqual([]);
        expect(existsSync(join(FIXTURES_DIR, p.fixture, p.path))).toBe(true);
      });

      it('names the core keys a case needs', () => {
        const keys = Object.keys(p.fields);
        expect(keys).toEqual(expect.arrayContaining(['partyName', 'penalty', 'legalBasis']));
        // a decision (决定书, 决定审批表) names its date and authority; a 案件审核表 comes before both
        if (p.title.includes('决定')) expect(keys).toEqual(expect.arrayContaining(['decisionDate', 'authority']));
        expect(keys.some((k) => k === 'uscc' || k === 'idNumber')).toBe(true);
        expect(keys.some((k) => k === 'decisionNo' || k === 'caseNo')).toBe(true);
      });

      it(`expects the verdict the rules give for its values: ${p.verdict}, 应列未列 ${p.unlisted}`, () => {
        const values: FactValues = {};
        for (const [k, v] of Object.entries(p.fields)) if (asText(v) !== '') values[k as LogicalKey] = asText(v);
        const facts = factsFromValues({ values, headings: [p.title], readOnlyView: p.readOnly ?? false });
        const a = assess(facts, bundledPacks, { today: '2026-01-15', partyOnSeriousList: false });
        expect({ verdict: a.verdict, unlisted: a.unlisted }).toEqual({ verdict: p.verdict, unlisted: p.unlisted });
      });
    });
  }
});

describe('shows: how an overlay value is compared with the page', () => {
  it('compares text without regard to whitespace', () => {
    expect(shows('partyName', '某某 食品有限公司', ' 某某食品有限公司\n')).toBe(true);
    expect(shows('partyName', '某某食品有限公司', '某某食品')).toBe(false);
    expect(shows('partyName', '某某食品有限公司', undefined)).toBe(false);
  });

  it('accepts an identity number masked as the overlay shows it, and nothing else', () => {
    expect(shows('idNumber', '330106198503124520', '330106********4520')).toBe(true);
    expect(shows('idNumber', '330106198503124520', '330106198503124520')).toBe(true);
    expect(shows('idNumber', '330106198503124520', '330106********4521')).toBe(false);
  });

  it('compares multiple choices as sets, with any separator', () => {
    expect(shows('penalty', { items: ['罚款', '吊销许可证件'] }, '吊销许可证件、罚款')).toBe(true);
    expect(shows('penalty', { items: ['罚款', '吊销许可证件'] }, '罚款')).toBe(false);
    expect(shows('penalty', { items: ['罚款'] }, '罚款、警告')).toBe(false);
  });

  it('requires every part of running text', () => {
    expect(shows('penalty', { includes: ['一、罚款', '二、吊销'] }, '一、罚款1000元；二、吊销营业执照。')).toBe(true);
    expect(shows('penalty', { includes: ['一、罚款', '二、吊销'] }, '一、罚款1000元；')).toBe(false);
  });
});
