import type zhMessages from '../public/_locales/zh_CN/messages.json';

/*
 * The names of the interface's messages, from the locale files (zh_CN is the default; i18n.test checks that en has
 * the same keys): a key that is not there is a type error. Types and one pure helper, so any bundle may import it.
 */

export type MessageKey = keyof typeof zhMessages;

type Suffix<K, P extends string> = K extends `${P}${infer C}` ? C : never;
/** The names in a family of messages: `MessageFamily<'lists_status_'>` is `'serious_on' | 'risk' | …`. */
export type MessageFamily<P extends string> = Suffix<MessageKey, P>;

/** The message key a typed map gives a value read at run time (stored, imported or sent data), or null. */
export function messageFor<V extends string>(keys: Readonly<Record<V, MessageKey>>, value: unknown): MessageKey | null {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(keys, value) ? keys[value as V] : null;
}

/** `risk-A` → `risk_A`, `party.key-domain` → `party_key_domain`: how a code is written inside a message key. */
type KeyPart<S extends string, Done extends string = ''> = S extends `${infer H}${infer T}`
  ? KeyPart<T, `${Done}${H extends '-' | '.' ? '_' : H}`>
  : Done;

/**
 * The message key of a code of a typed family (`codeKey('flag_', 'risk-A')` is `'flag_risk_A'`): computed, not
 * looked up, so it costs no table in the reader, and a code whose message is missing makes the key a type error.
 */
export function codeKey<P extends string, C extends string>(prefix: P, code: C): `${P}${KeyPart<C>}` {
  return (prefix + code.replace(/[-.]/g, '_')) as `${P}${KeyPart<C>}`;
}

/**
 * A text for the user as lib gives it: a message key and its substitutions, themselves plain values or messages
 * (`第 3 行：$REASON$`). lib says what happened; the view words it in the user's language (wordMessage), so lib
 * never holds a sentence of the interface. Plain data: it crosses workers and extension messaging as it is.
 */
export interface UserMessage<K extends MessageKey = MessageKey> {
  key: K;
  subs?: readonly (string | UserMessage)[];
}

/** `userMessage('ioError_empty')`, `userMessage('ioError_lineTooLong', '12')`. */
export function userMessage<K extends MessageKey>(key: K, ...subs: readonly (string | number | UserMessage)[]): UserMessage<K> {
  return subs.length === 0 ? { key } : { key, subs: subs.map((s) => (typeof s === 'number' ? String(s) : s)) };
}

/** Words joined as the user's language joins a list (`common_joinList`: 甲、乙) or clauses (`common_joinClauses`: 甲；乙). */
export function joinWords(
  t: (key: MessageKey, subs?: string[]) => string,
  key: 'common_joinList' | 'common_joinClauses',
  items: readonly string[],
): string {
  return items.length === 0 ? '' : items.reduce((a, b) => t(key, [a, b]));
}

/** A message in the user's language, its substitutions worded first. */
export function wordMessage(m: UserMessage, t: (key: MessageKey, subs?: string[]) => string): string {
  return t(
    m.key,
    m.subs?.map((s) => (typeof s === 'string' ? s : wordMessage(s, t))),
  );
}

/** The message as its key and substitutions (`ioError_lineTooLong(12)`): an Error's message for logs, never shown. */
export function messageCode(m: UserMessage): string {
  return m.subs ? `${m.key}(${m.subs.map((s) => (typeof s === 'string' ? s : messageCode(s))).join(', ')})` : m.key;
}

/** Messages joined pairwise by a message of two places (`common_joinList`: 甲、乙、丙 · A, B, C); none: 无. */
export function joinMessages(key: MessageKey, items: readonly UserMessage[]): UserMessage {
  return items.length === 0 ? userMessage('common_none') : items.reduce((a: UserMessage, b) => userMessage(key, a, b));
}
