import zh from '../../public/_locales/zh_CN/messages.json';
import en from '../../public/_locales/en/messages.json';
import { wordMessage, type UserMessage } from '../../lib/messages';
import { translatorFromMessages, type MessageEntry } from '../../lib/rules';

/** lib's messages worded as the interface words them, in Chinese and in English (the locale files). */
export const zhT = translatorFromMessages(zh as Record<string, MessageEntry>);
export const enT = translatorFromMessages(en as Record<string, MessageEntry>);
export const zhWords = (m: UserMessage): string => wordMessage(m, zhT);
export const enWords = (m: UserMessage): string => wordMessage(m, enT);
/** An error's message for the user, in Chinese (its `userMessage`). */
export const zhError = (e: unknown): string => zhWords((e as { userMessage: UserMessage }).userMessage);

/** The Chinese message of what a promise rejects with (failing when it does not reject). */
export async function zhRejection(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x ?? new Error('rejected with nothing'),
  );
  if (e === undefined) throw new Error('expected a rejection');
  return zhError(e);
}

/** The Chinese message of what a function throws (failing when it does not throw). */
export function zhThrown(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return zhError(e);
  }
  throw new Error('expected a throw');
}
