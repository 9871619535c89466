/**
 * The page's elements, read through the DOM's own prototypes.
 *
 * A `<form>` element answers every property read with a look-up among its named controls first
 * ([LegacyOverrideBuiltIns]): a control named `parentElement` or `localName` shadows the DOM's own property (a page
 * could break its reader that way), and after any change inside the form Chromium rebuilds its map of controls on
 * the next such read (0.2 ms at 500 named fields, on every read after a change). The prototypes' getters and methods
 * skip that look-up. Any element the reader did not make may be a form, so lib/form reads elements only through
 * these (eslint's no-restricted-syntax keeps it so).
 */

type Nullish = null | undefined;

// The service worker and the CLIs import modules beside this one, in realms without a DOM: nothing is looked up there.
const HAS_DOM = typeof Node === 'function';

type Native = (this: unknown, ...args: never[]) => unknown;

/** The getter or method `key` as the prototype chain from `proto` defines it (happy-dom defines some lower down). */
function lookUp(proto: () => object, key: string): Native | undefined {
  if (!HAS_DOM) return undefined;
  for (let p: object | null = proto(); p; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d) return (d.get ?? d.value) as Native;
  }
  return undefined;
}
// every DOM the reader runs in has these (the service worker never calls them)
const ofNode = (key: string) => lookUp(() => Node.prototype, key)!;
const ofElement = (key: string) => lookUp(() => Element.prototype, key)!;

const PARENT_ELEMENT = /* @__PURE__ */ ofNode('parentElement');
const PARENT_NODE = /* @__PURE__ */ ofNode('parentNode');
const NODE_TYPE = /* @__PURE__ */ ofNode('nodeType');
const IS_CONNECTED = /* @__PURE__ */ ofNode('isConnected');
const NEXT_SIBLING = /* @__PURE__ */ ofNode('nextSibling');
const PREVIOUS_SIBLING = /* @__PURE__ */ ofNode('previousSibling');
const FIRST_CHILD = /* @__PURE__ */ ofNode('firstChild');
const CONTAINS = /* @__PURE__ */ ofNode('contains');
const GET_ROOT_NODE = /* @__PURE__ */ ofNode('getRootNode');
const CHILD_NODES = /* @__PURE__ */ ofNode('childNodes');
const OWNER_DOCUMENT = /* @__PURE__ */ ofNode('ownerDocument');
const COMPARE_DOCUMENT_POSITION = /* @__PURE__ */ ofNode('compareDocumentPosition');
const LOCAL_NAME = /* @__PURE__ */ ofElement('localName');
const ID = /* @__PURE__ */ ofElement('id');
const CLASS_NAME = /* @__PURE__ */ ofElement('className');
const SHADOW_ROOT = /* @__PURE__ */ ofElement('shadowRoot');
const TEXT_CONTENT = /* @__PURE__ */ ofElement('textContent');
const GET_ATTRIBUTE = /* @__PURE__ */ ofElement('getAttribute');
const HAS_ATTRIBUTE = /* @__PURE__ */ ofElement('hasAttribute');
const CLOSEST = /* @__PURE__ */ ofElement('closest');
const MATCHES = /* @__PURE__ */ ofElement('matches');
const GET_BOUNDING_CLIENT_RECT = /* @__PURE__ */ ofElement('getBoundingClientRect');
// newer than Chromium 86, and happy-dom may lack it
const CHECK_VISIBILITY = /* @__PURE__ */ lookUp(() => Element.prototype, 'checkVisibility');
const NEXT_ELEMENT_SIBLING = /* @__PURE__ */ ofElement('nextElementSibling');
const PREVIOUS_ELEMENT_SIBLING = /* @__PURE__ */ ofElement('previousElementSibling');
// ParentNode's members: Element's own copies, for elements (documents and shadow roots have theirs, and no named controls)
const FIRST_ELEMENT_CHILD = /* @__PURE__ */ ofElement('firstElementChild');
const LAST_ELEMENT_CHILD = /* @__PURE__ */ ofElement('lastElementChild');
const CHILD_ELEMENT_COUNT = /* @__PURE__ */ ofElement('childElementCount');
const CHILDREN = /* @__PURE__ */ ofElement('children');
const QUERY_SELECTOR = /* @__PURE__ */ ofElement('querySelector');
const QUERY_SELECTOR_ALL = /* @__PURE__ */ ofElement('querySelectorAll');

const ELEMENT_NODE = 1;

export function parentOf(n: Node): HTMLElement | null;
export function parentOf(n: Node | Nullish): HTMLElement | Nullish;
export function parentOf(n: Node | Nullish) {
  return n && PARENT_ELEMENT.call(n);
}

export function parentNodeOf(n: Node): ParentNode | null;
export function parentNodeOf(n: Node | Nullish): ParentNode | Nullish;
export function parentNodeOf(n: Node | Nullish) {
  return n && PARENT_NODE.call(n);
}

export function nodeTypeOf(n: Node): number;
export function nodeTypeOf(n: Node | Nullish): number | Nullish;
export function nodeTypeOf(n: Node | Nullish) {
  return n && NODE_TYPE.call(n);
}

export function isConnectedNode(n: Node): boolean {
  return IS_CONNECTED.call(n) as boolean;
}

export function nextNodeOf(n: Node): ChildNode | null;
export function nextNodeOf(n: Node | Nullish): ChildNode | Nullish;
export function nextNodeOf(n: Node | Nullish) {
  return n && NEXT_SIBLING.call(n);
}

export function previousNodeOf(n: Node): ChildNode | null;
export function previousNodeOf(n: Node | Nullish): ChildNode | Nullish;
export function previousNodeOf(n: Node | Nullish) {
  return n && PREVIOUS_SIBLING.call(n);
}

export function firstNodeOf(n: Node): ChildNode | null;
export function firstNodeOf(n: Node | Nullish): ChildNode | Nullish;
export function firstNodeOf(n: Node | Nullish) {
  return n && FIRST_CHILD.call(n);
}

/** Whether `inner` is `outer` or inside it. */
export function containsNode(outer: Node | Nullish, inner: Node | null): boolean {
  return !!outer && (CONTAINS.call(outer, inner as never) as boolean);
}

export function rootOf(n: Node, options?: GetRootNodeOptions): Node {
  return GET_ROOT_NODE.call(n, options as never) as Node;
}

export function childNodesOf(n: Node): NodeListOf<ChildNode> {
  return CHILD_NODES.call(n) as NodeListOf<ChildNode>;
}

export function ownerDocumentOf(n: Node): Document {
  return OWNER_DOCUMENT.call(n) as Document;
}

/** Whether `a` comes before `b` in the document. */
export function isBefore(a: Node, b: Node): boolean {
  return ((COMPARE_DOCUMENT_POSITION.call(a, b as never) as number) & 4) !== 0;
}

export function tagOf(el: Element): string;
export function tagOf(el: Element | Nullish): string | undefined;
export function tagOf(el: Element | Nullish) {
  return el ? LOCAL_NAME.call(el) : undefined;
}

export function idOf(el: Element): string {
  return ID.call(el) as string;
}

export function classNameOf(el: Element): string {
  return CLASS_NAME.call(el) as string;
}

export function shadowOf(el: Element): ShadowRoot | null;
export function shadowOf(el: Element | Nullish): ShadowRoot | Nullish;
export function shadowOf(el: Element | Nullish) {
  return el && SHADOW_ROOT.call(el);
}

export function textContentOf(el: Element): string {
  return TEXT_CONTENT.call(el) as string;
}

export function attrOf(el: Element, name: string): string | null {
  return GET_ATTRIBUTE.call(el, name as never) as string | null;
}

export function hasAttrOf(el: Element, name: string): boolean {
  return HAS_ATTRIBUTE.call(el, name as never) as boolean;
}

export function closestOf<K extends keyof HTMLElementTagNameMap>(el: Element, selector: K): HTMLElementTagNameMap[K] | null;
export function closestOf<K extends keyof HTMLElementTagNameMap>(el: Element | Nullish, selector: K): HTMLElementTagNameMap[K] | Nullish;
export function closestOf<E extends Element = Element>(el: Element, selector: string): E | null;
export function closestOf<E extends Element = Element>(el: Element | Nullish, selector: string): E | Nullish;
export function closestOf(el: Element | Nullish, selector: string) {
  return el && CLOSEST.call(el, selector as never);
}

export function matchesOf(el: Element, selector: string): boolean;
export function matchesOf(el: Element | Nullish, selector: string): boolean | undefined;
export function matchesOf(el: Element | Nullish, selector: string) {
  return el ? MATCHES.call(el, selector as never) : undefined;
}

/** `checkVisibility(options)`, or undefined where the engine has none. */
export function checkVisibilityOf(el: Element, options: object): boolean | undefined {
  return CHECK_VISIBILITY ? (CHECK_VISIBILITY.call(el, options as never) as boolean) : undefined;
}

export function rectOf(el: Element): DOMRect {
  return GET_BOUNDING_CLIENT_RECT.call(el) as DOMRect;
}

export function nextOf(el: Element): Element | null;
export function nextOf(el: Element | Nullish): Element | Nullish;
export function nextOf(el: Element | Nullish) {
  return el && NEXT_ELEMENT_SIBLING.call(el);
}

export function previousOf(el: Element): Element | null;
export function previousOf(el: Element | Nullish): Element | Nullish;
export function previousOf(el: Element | Nullish) {
  return el && PREVIOUS_ELEMENT_SIBLING.call(el);
}

const isElement = (n: Node): n is Element => NODE_TYPE.call(n) === ELEMENT_NODE;

export function firstChildOf(n: ParentNode): Element | null {
  return (isElement(n) ? FIRST_ELEMENT_CHILD.call(n) : n.firstElementChild) as Element | null;
}

export function lastChildOf(n: ParentNode): Element | null {
  return (isElement(n) ? LAST_ELEMENT_CHILD.call(n) : n.lastElementChild) as Element | null;
}

export function childCountOf(n: ParentNode): number {
  return (isElement(n) ? CHILD_ELEMENT_COUNT.call(n) : n.childElementCount) as number;
}

export function childrenOf(n: ParentNode): HTMLCollection {
  return (isElement(n) ? CHILDREN.call(n) : n.children) as HTMLCollection;
}

export function queryOf<K extends keyof HTMLElementTagNameMap>(n: ParentNode, selector: K): HTMLElementTagNameMap[K] | null;
export function queryOf<E extends Element = Element>(n: ParentNode, selector: string): E | null;
export function queryOf(n: ParentNode, selector: string) {
  return isElement(n) ? QUERY_SELECTOR.call(n, selector as never) : n.querySelector(selector);
}

export function queryAllOf<K extends keyof HTMLElementTagNameMap>(n: ParentNode, selector: K): NodeListOf<HTMLElementTagNameMap[K]>;
export function queryAllOf<E extends Element = Element>(n: ParentNode, selector: string): NodeListOf<E>;
export function queryAllOf(n: ParentNode, selector: string) {
  return isElement(n) ? QUERY_SELECTOR_ALL.call(n, selector as never) : n.querySelectorAll(selector);
}

/** The tag of an event's target, or of a node on an event's path: the window and the document have none. */
export function eventTargetTag(t: EventTarget | null): string | undefined {
  // read directly: the window is no Node, and Node's getter would throw on it
  return t && (t as Node).nodeType === ELEMENT_NODE ? (LOCAL_NAME.call(t) as string) : undefined;
}
