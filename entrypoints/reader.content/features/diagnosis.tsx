import { useState } from 'react';
import { whenTrusted } from '../../../components/Overlay';
import type { FeatureFactory } from '../feature';
import { Part } from '../parts';

/**
 * 导出诊断: for a system the reader reads badly, the page's form structure with every value masked, saved as a file
 * (the diagnosis part, loaded only when asked for).
 */
export const diagnosisFeature: FeatureFactory = (ctx) => {
  return {
    id: 'diagnosis',
    panel: {
      tools: () => <DiagnosisTool key="diagnosis" ctx={ctx} />,
    },
  };
};

function DiagnosisTool({ ctx }: { ctx: Parameters<FeatureFactory>[0] }) {
  const [open, setOpen] = useState(false);
  const { t } = ctx;
  return (
    <div className="cca-tool">
      {open ? (
        <Part load={ctx.parts} name="diagnosis" props={{ t, document: ctx.document, onClose: () => setOpen(false) }} />
      ) : (
        <button type="button" className="cca-link" data-testid="export-diagnosis" onClick={whenTrusted(() => setOpen(true))}>
          {t('overlay_diagnosis')}
        </button>
      )}
    </div>
  );
}
