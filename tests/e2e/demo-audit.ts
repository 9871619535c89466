import pack from '../../rules/order44-2021.json' with { type: 'json' };
import exportRows from '../fixtures/demo/data/export-rows.json' with { type: 'json' };

/**
 * What auditing the demo export (tests/fixtures/demo/data/cases-export.csv) must give, per row and in total.
 * The fixture takes Art. 7's CCC and special-equipment items as partially confirmed; DOMAIN.md marks Art. 7's
 * exact items [U], so the bundled pack has them `unconfirmed`, and an unconfirmed item can only give review.
 * The expectation follows whichever status the pack gives those items.
 */
export interface DemoRowExpectation {
  decisionNo: string;
  verdict: 'must-list' | 'review' | 'not-required' | 'insufficient';
  unlisted: 'yes' | 'possible' | 'no';
}

const ART7_ROWS = new Map([
  ['沪嘉市监处〔2024〕612号', 5],
  ['沪市监执处〔2024〕17号', 3],
]);

export function demoAuditRows(): DemoRowExpectation[] {
  const art7 = pack.violationArticles.find((a) => a.article === 7);
  return exportRows.map((r) => {
    const item = ART7_ROWS.get(r.decisionNo);
    const status = art7?.items.find((i) => i.item === item)?.status;
    if (item !== undefined && status === 'unconfirmed') return { decisionNo: r.decisionNo, verdict: 'review', unlisted: 'possible' };
    return { decisionNo: r.decisionNo, ...(r.expect as Omit<DemoRowExpectation, 'decisionNo'>) };
  });
}

export function demoAuditSummary() {
  const rows = demoAuditRows();
  const count = (v: DemoRowExpectation['verdict']) => rows.filter((r) => r.verdict === v).length;
  return {
    total: rows.length,
    counts: {
      'must-list': count('must-list'),
      review: count('review'),
      'not-required': count('not-required'),
      insufficient: count('insufficient'),
    },
    unlisted: { yes: rows.filter((r) => r.unlisted === 'yes').length, possible: rows.filter((r) => r.unlisted === 'possible').length },
  };
}
