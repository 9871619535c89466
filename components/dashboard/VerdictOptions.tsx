import { VERDICTS, VERDICT_LABELS } from '../../lib/rules/verdicts';
import type { Translate } from '../Overlay';

/** A verdict filter's choices: everything, then the verdicts in their one order. */
export function VerdictOptions({ t, all }: { t: Translate; all: string }) {
  return (
    <>
      <option value="">{all}</option>
      {VERDICTS.map((v) => (
        <option key={v} value={v}>
          {t(VERDICT_LABELS[v].short)}
        </option>
      ))}
    </>
  );
}
