import type { CodeCheck } from '../party';
import type { RiskClass } from './kinds';
import type { PartyContext } from './lookup';

type PartyFlagName =
  'serious-list' | 'commitment-excluded' | 'repeat-offender' | 'key-domain' | 'risk-A' | 'risk-B' | 'risk-C' | 'risk-D' | 'uscc-invalid';

type RuleStatus = 'confirmed' | 'partial' | 'unconfirmed';

/** Management measures, as codes the view translates (Chinese in lib/entities/README.md). */
type MeasureCode =
  | 'permit-review-weighted'
  | 'key-supervision'
  | 'no-notification-commitment'
  | 'no-honours'
  | 'other-legal-measures'
  | 'repeat-offender-publicity'
  | 'credit-repair-stricter'
  | 'inspection-may-skip'
  | 'inspection-normal-rate'
  | 'inspection-written-allowed'
  | 'inspection-raised-rate'
  | 'inspection-on-site';

/** The message codes of a flag's basis (`flagbasis_*` in the locale files, dots and dashes as underscores). */
type FlagBasisCode =
  | 'party.serious-list'
  | 'party.commitment-excluded.serious-list'
  | 'party.commitment-excluded.false-commitment'
  | 'party.repeat-offender'
  | 'party.repeat-offender.with-form'
  | 'party.key-domain'
  | 'party.risk'
  | 'party.uscc-invalid';

export interface PartyFlag {
  flag: PartyFlagName;
  /** status of the rule behind the flag (DOMAIN.md marks) */
  status: RuleStatus;
  /** i18n message code and its parameters; the view words it */
  basis: { code: FlagBasisCode; params: Record<string, string | number | string[]> };
  date?: string;
  measures?: MeasureCode[];
}

/** The five measures of a listed party, Order 44 (DOMAIN.md §2.6 [V]). */
const SERIOUS_LIST_MEASURES: readonly MeasureCode[] = [
  'permit-review-weighted',
  'key-supervision',
  'no-notification-commitment',
  'no-honours',
  'other-legal-measures',
];

/**
 * Inspection guidance per risk class. A, B, C follow seed 003 verbatim (较低: may be left out of a draw;
 * 一般: normal rate, written checks allowed; 较高: raised rate, always on site). D (高) rests on seed 000
 * (high-risk parties are key supervision targets at a raised rate); on-site for D is inferred from C,
 * so D is `partial`.
 */
const RISK_GUIDANCE: Record<RiskClass, { status: RuleStatus; measures: MeasureCode[] }> = {
  A: { status: 'confirmed', measures: ['inspection-may-skip'] },
  B: { status: 'confirmed', measures: ['inspection-normal-rate', 'inspection-written-allowed'] },
  C: { status: 'confirmed', measures: ['inspection-raised-rate', 'inspection-on-site'] },
  D: { status: 'partial', measures: ['key-supervision', 'inspection-raised-rate', 'inspection-on-site'] },
};

/** On the serious list at the date: the five measures of Order 44. */
function seriousListFlag(ctx: PartyContext): PartyFlag | null {
  const serious = ctx.seriousList.record;
  if (!serious) return null;
  return {
    flag: 'serious-list',
    status: 'confirmed',
    basis: {
      code: 'party.serious-list',
      params: {
        listName: serious.listName,
        listingDate: serious.listingDate,
        until: serious.until,
        reason: serious.reason,
        authority: serious.authority,
        matchedBy: serious.matchedBy,
      },
    },
    date: serious.listingDate,
    measures: [...SERIOUS_LIST_MEASURES],
  };
}

/** Excluded from the notification-commitment procedure (告知承诺). */
function commitmentFlag(ctx: PartyContext, matchedBy: string): PartyFlag | null {
  const ex = ctx.commitmentExcluded;
  if (!ex) return null;
  return {
    flag: 'commitment-excluded',
    // Listed: Order 44 [V]. False commitment not repaired: 国办发〔2020〕42号 [P] (DOMAIN.md §5).
    status: ex.reason === 'serious-list' ? 'confirmed' : 'partial',
    basis: {
      code: `party.commitment-excluded.${ex.reason}`,
      params: { since: ex.since, matter: ex.matter ?? '', matchedBy },
    },
    date: ex.since,
    measures: ['no-notification-commitment'],
  };
}

/** A repeat offender under the pack in force on the date. */
function repeatOffenderFlag(ctx: PartyContext, matchedBy: string): PartyFlag | null {
  const ro = ctx.repeatOffender;
  if (!ro.applies || ro.count < ro.threshold) return null;
  return {
    // 近3年内受到10次以上行政处罚，且未获准信用修复 (seeds 000–002, quoting 国市监信发〔2023〕48号); window and
    // threshold are those of the pack in force on the date. The decisions counted are listed, with their dates.
    flag: 'repeat-offender',
    status: ro.rule?.status ?? 'confirmed',
    basis: {
      code: ro.includesForm ? 'party.repeat-offender.with-form' : 'party.repeat-offender',
      params: {
        count: ro.count,
        threshold: ro.threshold,
        years: ro.windowYears,
        from: ro.window.from,
        to: ro.window.to,
        decisions: ro.counted.map((c) => `${c.decisionNo}（${c.date}）`),
        includesForm: ro.includesForm ? 'yes' : 'no',
        citation: ro.rule?.citation ?? '',
        matchedBy,
      },
    },
    date: ro.window.to,
    measures: ['repeat-offender-publicity'],
  };
}

/** On a key-domain enterprise list (重点领域企业清单). */
function keyDomainFlag(ctx: PartyContext): PartyFlag | null {
  if (!ctx.keyDomain) return null;
  const first = ctx.keyDomain.records[0]!;
  return {
    // Seed 004: stricter credit-repair conditions for key-domain enterprises with serious or repeated
    // violations — a provincial rule with conditions, hence partial.
    flag: 'key-domain',
    status: 'partial',
    basis: {
      code: 'party.key-domain',
      params: {
        sections: ctx.keyDomain.sections,
        licenceNo: ctx.keyDomain.records.map((r) => r.licenceNo).filter(Boolean),
        listName: first.listName,
        matchedBy: first.matchedBy,
      },
    },
    measures: ['credit-repair-stricter'],
  };
}

/** The latest risk class at the date, with its inspection guidance. */
function riskFlag(ctx: PartyContext, matchedBy: string): PartyFlag | null {
  if (!ctx.risk) return null;
  const g = RISK_GUIDANCE[ctx.risk.riskClass];
  return {
    flag: `risk-${ctx.risk.riskClass}`,
    status: g.status,
    basis: {
      code: 'party.risk',
      params: { riskClass: ctx.risk.riskClass, date: ctx.risk.date, listName: ctx.risk.listName, matchedBy },
    },
    date: ctx.risk.date,
    measures: [...g.measures],
  };
}

/** The credit code on the form fails its check. */
function invalidCodeFlag(codeCheck: CodeCheck | null | undefined): PartyFlag | null {
  if (!codeCheck || codeCheck.ok || codeCheck.normalized === '') return null;
  return {
    flag: 'uscc-invalid',
    status: 'confirmed',
    basis: {
      code: 'party.uscc-invalid',
      params: { value: codeCheck.normalized, reason: codeCheck.reason ?? 'check', detail: codeCheck.detail ?? '' },
    },
  };
}

/**
 * The overlay's party flags (ARCHITECTURE.md contract `party-flag`) from a lookup and the check of the
 * credit code on the form, in this order.
 */
export function partyFlags(ctx: PartyContext, codeCheck?: CodeCheck | null): PartyFlag[] {
  const matchedBy = ctx.matchedBy ?? '';
  return [
    seriousListFlag(ctx),
    commitmentFlag(ctx, matchedBy),
    repeatOffenderFlag(ctx, matchedBy),
    keyDomainFlag(ctx),
    riskFlag(ctx, matchedBy),
    invalidCodeFlag(codeCheck),
  ].filter((f): f is PartyFlag => f !== null);
}
