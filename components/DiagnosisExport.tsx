import { useEffect, useMemo } from 'react';
import { diagnosePage } from '../lib/facts/diagnosis';
import type { Translate } from './Overlay';

export interface DiagnosisExportProps {
  t: Translate;
  document: Document;
  onClose(): void;
}

/**
 * 导出诊断: the page's form structure with every value masked, as a file the handler saves with one more click and
 * sends to whoever maintains the reading (`npm run read -- <file>` shows what the reader sees there). Nothing
 * leaves the machine by itself.
 */
export function DiagnosisExport({ t, document, onClose }: DiagnosisExportProps) {
  const file = useMemo(() => {
    try {
      const diagnosis = diagnosePage(document);
      const blob = new Blob([JSON.stringify(diagnosis, null, 1)], { type: 'application/json' });
      return { url: URL.createObjectURL(blob), fields: diagnosis.fields.length };
    } catch {
      return null;
    }
  }, [document]);
  useEffect(
    () => () => {
      if (file) URL.revokeObjectURL(file.url);
    },
    [file],
  );
  const host = document.location?.hostname || 'page';
  return (
    <div className="cca-diagnosis" data-testid="diagnosis" role="dialog" aria-label={t('overlay_diagnosis')}>
      {file ? (
        <>
          <p>{t('diagnosis_ready', [String(file.fields)])}</p>
          <a href={file.url} download={t('diagnosis_fileName', [host])} data-testid="diagnosis-save">
            {t('diagnosis_save')}
          </a>
        </>
      ) : (
        <p role="alert">{t('diagnosis_failed')}</p>
      )}
      <button type="button" className="cca-link" onClick={onClose}>
        {t('diagnosis_close')}
      </button>
    </div>
  );
}
