import { requiredLiterals } from '../text';

// A prebuilt module (scripts/prebuilt.ts): the extension's build computes the words the pattern needs once and
// ships the result.

// In free text only an explicit transfer counts, never the words 涉嫌犯罪 alone.
export const TRANSFER_IN_TEXT = /(?:已|依法|予以|并)?(?:移送|移交)(?:至|给)?[^，,。；;]{0,8}?(?:公安|司法|检察)机关/g;
export const TRANSFER_IN_TEXT_LITERALS = requiredLiterals(TRANSFER_IN_TEXT.source);
