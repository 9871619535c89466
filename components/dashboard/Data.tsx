import { Fragment, type ReactNode } from 'react';
import type { Translate } from '../../lib/rules';
import type { MessageKey } from '../../lib/messages';

/**
 * Text that users or the law wrote (party names, list names, the measure's titles and wordings, ledger rows), not
 * the interface's: marked as Chinese, so that screen readers read it so and the English interface test knows it.
 */
export function Data({ children }: { children: ReactNode }) {
  return <span lang="zh-CN">{children}</span>;
}

// Private-use characters around a substitution's index: they never occur in messages or in data.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** A message whose substitutions are elements (e.g. a <Data> inside an English sentence). */
export function richMessage(t: Translate, key: MessageKey, subs: readonly ReactNode[]): ReactNode {
  const text = t(
    key,
    subs.map((_, i) => `${OPEN}${i}${CLOSE}`),
  );
  const parts = text.split(new RegExp(`${OPEN}(\\d+)${CLOSE}`));
  return parts.map((part, i) => <Fragment key={i}>{i % 2 === 1 ? subs[Number(part)] : part}</Fragment>);
}

// Chinese characters with the punctuation and full-width forms that go with them
const CHINESE_RUN = /([\p{Script=Han}\u3000-\u303f\uff00-\uffef]+(?:[\s\d]+[\p{Script=Han}\u3000-\u303f\uff00-\uffef]+)*)/u;

/**
 * A sentence already worded (e.g. an audit reason from the worker) with its Chinese runs marked as data: the
 * English messages hold no Chinese, so in an English sentence every Chinese run is a substitution from the data.
 */
export function MixedText({ text }: { text: string }) {
  return <>{text.split(CHINESE_RUN).map((part, i) => (i % 2 === 1 ? <Data key={i}>{part}</Data> : part))}</>;
}
