import { useId, useState } from 'react';
import type { Translate } from '../Overlay';
import type { LedgerCase } from '../../lib/db/schema';
import { FIELD_TITLES, type ContentField } from '../../lib/ledger/schema';
import type { MergePlan } from '../../lib/ledger/exchange';

export type MergeChoice = 'mine' | 'theirs';

/** One imported file and where it stands. */
export interface MergeFileState {
  name: string;
  status: 'invalid' | 'waiting' | 'planning' | 'ready' | 'applying' | 'applied' | 'skipped';
  /** Chinese reason a file was refused */
  error?: string;
  /** the exporting unit, once read */
  unit?: string;
  caseCount?: number;
  result?: { added: number; replaced: number; kept: number };
}

export interface MergePanelProps {
  t: Translate;
  /** this unit (settings); empty when not set */
  unitName: string;
  onExport(onlyOwn: boolean): void;
  exportError: string | null;
  onFiles(files: File[]): void;
  files: readonly MergeFileState[];
  /** index into `files` of the plan shown */
  current: number | null;
  plan: MergePlan | null;
  choices: Readonly<Record<string, MergeChoice>>;
  onChoose(id: string, choice: MergeChoice): void;
  onChooseAll(choice: MergeChoice): void;
  onApply(): void;
  onSkip(): void;
  onClear(): void;
  busy: boolean;
  error: string | null;
}

/** A field's value as shown in a conflict: dates, codes and names as stored, enums in words. */
export function fieldText(t: Translate, field: ContentField, c: LedgerCase): string {
  const v = c[field];
  if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) return t('common_none');
  switch (field) {
    case 'domain':
      return t(`ledger_domain_${c.domain}`);
    case 'verdict':
      return t(`ledger_verdict_${c.verdict}`);
    case 'domainSource':
      return t(`merge_domainSource_${c.domainSource}`);
    case 'unlisted':
      return t(`merge_unlisted_${c.unlisted}`);
    case 'listingDecision':
    case 'creditRepaired':
      return t(v === 'yes' || v === true ? 'ledger_yes' : 'ledger_no');
    case 'citations':
      return c.citations.join('；');
    default:
      return String(v);
  }
}

function Conflict({
  t,
  c,
  choice,
  onChoose,
}: {
  t: Translate;
  c: MergePlan['conflicts'][number];
  choice: MergeChoice | undefined;
  onChoose(choice: MergeChoice): void;
}) {
  const id = useId();
  const title = c.mine.decisionNo ?? c.mine.caseNo ?? c.id;
  return (
    <fieldset className="card conflict" data-testid="conflict" data-id={c.id}>
      <legend>
        {title} · {c.mine.partyName}
      </legend>
      <table className="grid">
        <caption className="sr-only">{t('merge_conflictCaption', [title])}</caption>
        <thead>
          <tr>
            <th scope="col">{t('merge_field')}</th>
            <th scope="col">{t('merge_mine')}</th>
            <th scope="col">{t('merge_theirs', [c.theirs.origin])}</th>
          </tr>
        </thead>
        <tbody>
          {c.differences.map((f) => (
            <tr key={f} data-field={f}>
              <th scope="row">{FIELD_TITLES[f]}</th>
              <td>{fieldText(t, f, c.mine)}</td>
              <td>{fieldText(t, f, c.theirs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row" role="radiogroup" aria-label={t('merge_choose', [title])}>
        <label>
          <input type="radio" name={`${id}-c`} data-testid="choose-mine" checked={choice === 'mine'} onChange={() => onChoose('mine')} />{' '}
          {t('merge_keepMine')}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-c`}
            data-testid="choose-theirs"
            checked={choice === 'theirs'}
            onChange={() => onChoose('theirs')}
          />{' '}
          {t('merge_takeTheirs')}
        </label>
      </div>
    </fieldset>
  );
}

/** 合并: export this unit's ledger file; import other units' files one after another, each planned then applied. */
export function MergePanel(p: MergePanelProps) {
  const { t, plan } = p;
  const id = useId();
  const [onlyOwn, setOnlyOwn] = useState(false);
  const unanswered = plan ? plan.conflicts.filter((c) => !p.choices[c.id]).length : 0;
  const current = p.current === null ? undefined : p.files[p.current];
  return (
    <div>
      <section className="card" aria-labelledby={`${id}-exp`}>
        <h3 id={`${id}-exp`}>{t('merge_exportHeading')}</h3>
        <p className="muted">{t('merge_exportHint')}</p>
        <div className="row">
          <label>
            <input type="checkbox" data-testid="export-only-own" checked={onlyOwn} onChange={(e) => setOnlyOwn(e.target.checked)} />{' '}
            {t('merge_onlyOwn')}
          </label>
          <button type="button" className="primary" data-testid="export-ledger" disabled={!p.unitName} onClick={() => p.onExport(onlyOwn)}>
            {t('merge_export')}
          </button>
        </div>
        {!p.unitName && <p className="error">{t('merge_needUnit')}</p>}
        {p.exportError && (
          <p className="error" role="alert">
            {p.exportError}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby={`${id}-imp`}>
        <h3 id={`${id}-imp`}>{t('merge_importHeading')}</h3>
        <p className="muted">{t('merge_importHint')}</p>
        <label className="field">
          {t('merge_pickFiles')}
          <input
            type="file"
            multiple
            accept=".json,application/json"
            data-testid="merge-files"
            disabled={p.busy}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length) p.onFiles(files);
            }}
          />
        </label>
        {p.files.length > 0 && (
          <>
            <table className="grid" data-testid="merge-files-table">
              <caption className="sr-only">{t('merge_filesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('merge_file')}</th>
                  <th scope="col">{t('merge_unit')}</th>
                  <th scope="col">{t('merge_cases')}</th>
                  <th scope="col">{t('merge_status')}</th>
                </tr>
              </thead>
              <tbody>
                {p.files.map((f, i) => (
                  <tr key={`${f.name}-${i}`} data-testid="merge-file" data-status={f.status} aria-current={i === p.current ? 'step' : undefined}>
                    <td>{f.name}</td>
                    <td>{f.unit ?? ''}</td>
                    <td>{f.caseCount ?? ''}</td>
                    <td>
                      {f.status === 'invalid' ? (
                        <span className="error-text">{f.error}</span>
                      ) : f.status === 'applied' && f.result ? (
                        t('merge_applied', [String(f.result.added), String(f.result.replaced), String(f.result.kept)])
                      ) : (
                        t(`merge_status_${f.status}`)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="row">
              <button type="button" onClick={p.onClear} disabled={p.busy} data-testid="merge-clear">
                {t('merge_clear')}
              </button>
            </div>
          </>
        )}
        {p.busy && <progress aria-label={t('merge_working')} />}
        {p.error && (
          <p className="error" role="alert" data-testid="merge-error">
            {p.error}
          </p>
        )}
      </section>

      {plan && current && (
        <section className="card" aria-labelledby={`${id}-plan`} data-testid="merge-plan">
          <h3 id={`${id}-plan`}>{t('merge_planHeading', [current.name, plan.source ?? ''])}</h3>
          <ul className="plan-summary">
            <li data-testid="plan-add">{t('merge_planAdd', [String(plan.add.length)])}</li>
            <li data-testid="plan-same">{t('merge_planSame', [String(plan.same.length)])}</li>
            <li data-testid="plan-conflicts">{t('merge_planConflicts', [String(plan.conflicts.length)])}</li>
            {plan.skipped.length > 0 && <li data-testid="plan-skipped">{t('merge_planSkipped', [String(plan.skipped.length)])}</li>}
          </ul>
          {plan.conflicts.length > 0 && (
            <>
              <p>{t('merge_conflictHint')}</p>
              <div className="row">
                <button type="button" onClick={() => p.onChooseAll('mine')}>
                  {t('merge_allMine')}
                </button>
                <button type="button" onClick={() => p.onChooseAll('theirs')}>
                  {t('merge_allTheirs')}
                </button>
              </div>
              {plan.conflicts.map((c) => (
                <Conflict key={c.id} t={t} c={c} choice={p.choices[c.id]} onChoose={(ch) => p.onChoose(c.id, ch)} />
              ))}
            </>
          )}
          {unanswered > 0 && <p className="muted">{t('merge_unanswered', [String(unanswered)])}</p>}
          <div className="row">
            <button type="button" className="primary" data-testid="merge-apply" disabled={p.busy || unanswered > 0} onClick={p.onApply}>
              {t('merge_apply')}
            </button>
            <button type="button" data-testid="merge-skip" disabled={p.busy} onClick={p.onSkip}>
              {t('merge_skip')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
