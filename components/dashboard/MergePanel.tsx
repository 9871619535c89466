import { useId, useState } from 'react';
import type { Translate } from '../Overlay';
import type { ContentField } from '../../lib/ledger/fields';
import {
  choiceFor,
  openConflicts,
  type Author,
  type CaseMerge,
  type MergeChoice,
  type MergeChoices,
  type MergePlan,
  type MergeResult,
} from '../../lib/ledger/exchange';
import { fieldText, formatTimestamp } from './ledgerFormat';
import { Data, richMessage } from './Data';
import { FileChooser } from './FileChooser';

export type { MergeChoices };

/** One imported file and where it stands. */
export interface MergeFileState {
  name: string;
  status: 'invalid' | 'waiting' | 'planning' | 'ready' | 'applying' | 'applied' | 'skipped';
  /** why a file was refused, worded */
  error?: string;
  /** the exporting unit, once read */
  unit?: string;
  caseCount?: number;
  result?: MergeResult;
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
  choices: Readonly<MergeChoices>;
  /** a choice for one field of one case */
  onChoose(id: string, field: ContentField, choice: MergeChoice): void;
  /** the same choice for every conflicting field of the plan */
  onChooseAll(choice: MergeChoice): void;
  onApply(): void;
  onSkip(): void;
  onClear(): void;
  busy: boolean;
  error: string | null;
}

/** Who recorded a value and when, e.g. `甲县市场监督管理局 张三 于 2023-07-10 10:00 记录`. */
function byText(t: Translate, by: Author): string {
  return t('merge_valueBy', [by.unit || t('common_none'), by.recorder, formatTimestamp(by.at)]);
}

function Conflict({
  t,
  c,
  choices,
  onChoose,
}: {
  t: Translate;
  c: CaseMerge;
  choices: Readonly<MergeChoices>;
  onChoose(field: ContentField, choice: MergeChoice): void;
}) {
  const id = useId();
  const title = c.mine.decisionNo ?? c.mine.caseNo ?? c.id;
  return (
    <fieldset className="card conflict" data-testid="conflict" data-id={c.id}>
      <legend lang="zh-CN">
        {title} · {c.mine.partyName}
      </legend>
      <table className="grid">
        <caption className="sr-only">{t('merge_conflictCaption', [title])}</caption>
        <thead>
          <tr>
            <th scope="col">{t('merge_field')}</th>
            <th scope="col">{t('merge_mine')}</th>
            <th scope="col">{t('merge_theirs', [c.theirs.origin])}</th>
            <th scope="col">{t('merge_choice')}</th>
          </tr>
        </thead>
        <tbody>
          {c.fields.map((f) => {
            const choice = choiceFor(choices, c.id, f.field);
            const name = `${id}-${f.field}`;
            return (
              <tr key={f.field} data-field={f.field}>
                <th scope="row">{t(`recordfield_${f.field}`)}</th>
                <td data-col="mine">
                  {fieldText(t, f.field, f.mine)}
                  <div className="muted small">{byText(t, f.mineBy)}</div>
                </td>
                <td data-col="theirs">
                  {fieldText(t, f.field, f.theirs)}
                  <div className="muted small">{byText(t, f.theirsBy)}</div>
                </td>
                <td>
                  <div role="radiogroup" aria-label={t('merge_choose', [title, t(`recordfield_${f.field}`)])}>
                    <label>
                      <input
                        type="radio"
                        name={name}
                        data-testid="choose-mine"
                        checked={choice === 'mine'}
                        onChange={() => onChoose(f.field, 'mine')}
                      />{' '}
                      {t('merge_keepMine')}
                    </label>{' '}
                    <label>
                      <input
                        type="radio"
                        name={name}
                        data-testid="choose-theirs"
                        checked={choice === 'theirs'}
                        onChange={() => onChoose(f.field, 'theirs')}
                      />{' '}
                      {t('merge_takeTheirs')}
                    </label>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

type SectionProps = MergePanelProps & { id: string };

/** This unit's ledger as a file for another unit to merge. */
function ExportSection(p: SectionProps) {
  const { t, id } = p;
  const [onlyOwn, setOnlyOwn] = useState(false);
  return (
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
  );
}

/** Other units' files, each with its unit, its size and where its merge stands. */
function ImportSection(p: SectionProps) {
  const { t, id } = p;
  return (
    <section className="card" aria-labelledby={`${id}-imp`}>
      <h3 id={`${id}-imp`}>{t('merge_importHeading')}</h3>
      <p className="muted">{t('merge_importHint')}</p>
      <FileChooser
        t={t}
        label={t('merge_pickFiles')}
        testId="merge-files"
        accept=".json,application/json"
        multiple
        disabled={p.busy}
        onFiles={p.onFiles}
      />
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
                <tr
                  key={`${f.name}-${i}`}
                  data-testid="merge-file"
                  data-status={f.status}
                  aria-current={i === p.current ? 'step' : undefined}
                >
                  <td lang="zh-CN">{f.name}</td>
                  <td lang="zh-CN">{f.unit ?? ''}</td>
                  <td>{f.caseCount ?? ''}</td>
                  <td>
                    {f.status === 'invalid' ? (
                      <span className="error-text">{f.error}</span>
                    ) : f.status === 'applied' && f.result ? (
                      t('merge_applied', [
                        String(f.result.added),
                        String(f.result.updated),
                        String(f.result.joined),
                        String(f.result.taken),
                        String(f.result.kept),
                      ])
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
  );
}

/** The current file's plan: what it adds and updates, and each conflict to answer before applying. */
function PlanSection(p: SectionProps & { plan: NonNullable<MergePanelProps['plan']>; file: MergeFileState }) {
  const { t, id, plan, file } = p;
  const unanswered = openConflicts(plan, p.choices);
  return (
    <section className="card" aria-labelledby={`${id}-plan`} data-testid="merge-plan">
      <h3 id={`${id}-plan`}>{richMessage(t, 'merge_planHeading', [<Data>{file.name}</Data>, <Data>{plan.source ?? ''}</Data>])}</h3>
      <ul className="plan-summary">
        <li data-testid="plan-add">{t('merge_planAdd', [String(plan.add.length)])}</li>
        <li data-testid="plan-same">{t('merge_planSame', [String(plan.same.length)])}</li>
        <li data-testid="plan-updates">{t('merge_planUpdates', [String(plan.updates.length)])}</li>
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
            <Conflict key={c.id} t={t} c={c} choices={p.choices} onChoose={(field, ch) => p.onChoose(c.id, field, ch)} />
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
  );
}

/** 合并: export this unit's ledger file; import other units' files one after another, each planned then applied. */
export function MergePanel(p: MergePanelProps) {
  const { plan } = p;
  const id = useId();
  const current = p.current === null ? undefined : p.files[p.current];
  return (
    <div>
      <ExportSection {...p} id={id} />
      <ImportSection {...p} id={id} />
      {plan && current && <PlanSection {...p} id={id} plan={plan} file={current} />}
    </div>
  );
}
