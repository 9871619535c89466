// Finds Chinese written into the interface's code instead of the locale files: Han characters in JSX text and in
// string literals of the views and entry points. Read with the TypeScript parser, so comments are never text and
// a message key, a type or a pattern is told apart from words shown to the user.
import ts from 'typescript';

export interface ChineseText {
  file: string;
  line: number;
  text: string;
}

/** Text that stays Chinese in every interface language, allowed by file and exact text, each with its reason. */
export interface AllowedChinese {
  file: string;
  text: string;
  reason: string;
}

const HAN = /\p{Script=Han}/u;

/** Strings that never reach the interface as words: what they are, not where they are, decides. */
function isNotShown(node: ts.Node): boolean {
  const parent = node.parent;
  // a type: `type Answer = '是' | '否'`
  if (ts.isLiteralTypeNode(parent)) return true;
  // a module path
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  // a property's name or an index: `{ '名称': v }`, `row['名称']`
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node) {
    return true;
  }
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true;
  // a message key: `t('ledger-delete')`, `props.t('…')`
  if (ts.isCallExpression(parent) && parent.arguments[0] === node) {
    const callee = parent.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (name === 't') return true;
  }
  return false;
}

/** The words a node puts on screen, if it is text at all (JSX text, a string, a template's literal parts). */
function textOf(node: ts.Node): string | null {
  if (ts.isJsxText(node)) return node.text;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return isNotShown(node) ? null : node.text;
  if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) return node.text;
  return null;
}

/** Every Han-bearing text of one source file that its allow-list entries do not name. */
export function chineseInSource(file: string, source: string, allowed: readonly AllowedChinese[] = []): ChineseText[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const mine = allowed.filter((a) => a.file === file);
  const found: ChineseText[] = [];
  const visit = (node: ts.Node): void => {
    const text = textOf(node)?.trim();
    if (text && HAN.test(text) && !mine.some((a) => a.text === text)) {
      found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
