import { useId, useRef, useState, type ReactNode } from 'react';
import type { Translate } from '../../lib/rules';
import { Data, richMessage } from './Data';

/** A file as the chooser names it. */
export interface ChosenFile {
  name: string;
  size: number;
}

export interface FileChooserProps {
  t: Translate;
  /** the button's text */
  label: string;
  /** on the `<input type=file>`; the button gets `<testId>-choose` and the chosen text `<testId>-chosen` */
  testId: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  /** the files to name when the page tracks them (e.g. a dropped file); otherwise the last choice made here */
  chosen?: readonly ChosenFile[] | null;
  onFiles(files: File[]): void;
}

/** 1.2 MB, 35 KB, 512 B. */
function fileSize(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** What was chosen; the file's name is the user's, not the interface's. */
function chosenText(t: Translate, files: readonly ChosenFile[]): ReactNode {
  const [first] = files;
  if (!first) return t('fileChooser_none');
  const name = <Data>{first.name}</Data>;
  if (files.length === 1) return richMessage(t, 'fileChooser_chosen', [name, fileSize(first.size)]);
  const total = files.reduce((n, f) => n + f.size, 0);
  return richMessage(t, 'fileChooser_chosenMany', [String(files.length), fileSize(total), name]);
}

/**
 * A button opening the browser's file dialog and the name and size of the file chosen. The native input stays
 * hidden because it is emptied after each choice (so the same file, corrected, can be chosen again), and would
 * then say no file was chosen.
 */
export function FileChooser(p: FileChooserProps) {
  const input = useRef<HTMLInputElement>(null);
  const chosenId = useId();
  const [own, setOwn] = useState<readonly ChosenFile[]>([]);
  const files = p.chosen === undefined ? own : (p.chosen ?? []);
  return (
    <div className="field file-chooser">
      <div className="row">
        <button
          type="button"
          data-testid={`${p.testId}-choose`}
          disabled={p.disabled}
          aria-describedby={chosenId}
          onClick={() => input.current?.click()}
        >
          {p.label}
        </button>
        <span id={chosenId} data-testid={`${p.testId}-chosen`} data-file={files[0]?.name ?? ''}>
          {chosenText(p.t, files)}
        </span>
      </div>
      <input
        ref={input}
        type="file"
        hidden
        data-testid={p.testId}
        accept={p.accept}
        multiple={p.multiple}
        disabled={p.disabled}
        onChange={(e) => {
          const picked = [...(e.target.files ?? [])];
          e.target.value = '';
          if (picked.length === 0) return;
          setOwn(picked.map((f) => ({ name: f.name, size: f.size })));
          p.onFiles(picked);
        }}
      />
    </div>
  );
}
