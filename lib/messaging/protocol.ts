import type { CaseContent, LedgerContentField } from '../db/case';
import type { PartyFlag, PartyWarning } from '../entities';
import type { LogicalKey } from '../facts/keys';
import type { CaseFacts } from '../facts/schema';
import type { SiteProfile } from '../form/profile';
import type { UserMessage } from '../messages';
import type { RecordInput } from '../ledger/record';
import type { Assessment } from '../rules/assessment';
import type { WordedAssessment } from '../rules/worded';

/**
 * The protocol between the extension's contexts and its background: one entry per request, giving what is sent
 * and what comes back. Types only, so a content script that imports it carries no validator: the background,
 * which receives every message, checks it against `./schema` (zod) before it acts.
 */
interface Protocol {
  /** the reader's configuration for the sender's own origin, already validated and with the policy applied */
  getReaderConfig: { request: object; response: ReaderConfig };
  /** what the imported lists and the ledger say about a party at a date */
  lookupParty: {
    request: {
      uscc: string | null;
      name: string | null;
      /** ISO date the party's status is computed at: the decision date, else today */
      at: string;
      /** the form's own decision, counted once with the history and the ledger */
      decision: { decisionNo: string; date: string | null } | null;
    };
    response: PartyAnswer;
  };
  /**
   * The listing assessment of the case a frame reads. The background keeps the rule packs and the fine-range table
   * (compiled once, not in every frame), applies the user's settings and words the verdict in the user's language.
   */
  assessCase: {
    request: { facts: CaseFacts; today: string; partyOnSeriousList: boolean; caseListed: boolean };
    response: { assessment: Assessment; worded: WordedAssessment };
  };
  /** the ledger's record of the case on the page, if any: the record form starts from it */
  findRecord: {
    request: { decisionNo: string | null; caseNo: string | null; uscc: string | null; partyName: string | null };
    response: RecordedCase | null;
  };
  /**
   * 记录本案; the unit and the recorder are added by the background from the settings. `baseRevision` is the
   * revision the form started from (0: the case was not in the ledger), `baseVersion` the `version` of the record
   * it started from: a record changed meanwhile, or deleted and recorded again, is refused (`stale`), never
   * overwritten.
   */
  recordCase: { request: { input: RecordRequest; baseRevision: number; baseVersion?: string }; response: RecordResult };
  /** runs a part of the overlay that is loaded on demand in the sender's own frame */
  loadPart: { request: { part: PartName }; response: true };
  /** pins a field of the sender's origin to a key in its site profile (the picker) */
  savePin: { request: { key: LogicalKey; selector: string; /** the page's title, naming a new profile */ title: string }; response: true };
  /** where the overlay stands on the sender's origin, and whether it is collapsed */
  saveOverlayState: { request: { state: OverlayPlacement }; response: true };
  openDashboard: { request: { page?: DashboardPage }; response: true };
  /** enabling, disabling and analysing a system: extension pages only (see SENDERS) */
  enableSite: { request: { site: { origin: string; pattern: string }; tabId?: number }; response: EnabledSite };
  disableSite: { request: { origin: string }; response: { permissionReleased: boolean } };
  analyzeTab: { request: { tabId: number }; response: true };
}

export type RequestType = keyof Protocol;
export type RequestOf<K extends RequestType> = { type: K } & Protocol[K]['request'];
export type Request = { [K in RequestType]: RequestOf<K> }[RequestType];
export type ResponseOf<K extends RequestType> = Protocol[K]['response'];

/**
 * Every answer: the value, or an error code. `message` is what to tell the user, worded by the view (a ledger
 * refusal's reasons); without one the view words the code. `detail`: what a view needs to act on a refusal.
 */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string; message?: UserMessage; detail?: RefusalDetail };

/**
 * A ledger refusal's particulars: `missing` (unit-missing) names the settings to fill in; `revision` and `changes`
 * (stale) are the record's current revision (0: deleted) and what was changed since the form opened. Never who
 * changed it: the unit and recorder stay in the extension.
 */
export interface RefusalDetail {
  missing?: ('unit' | 'recorder')[];
  revision?: number;
  changes?: RecordChange[];
}

/**
 * Who may send each request. `page`: the extension's own pages only (popup, dashboard), never a content script,
 * which runs next to a host page and could be driven by it or by a compromised renderer.
 */
export const SENDERS: { readonly [K in RequestType]: 'page' | 'any' } = {
  getReaderConfig: 'any',
  lookupParty: 'any',
  assessCase: 'any',
  recordCase: 'any',
  findRecord: 'any',
  loadPart: 'any',
  savePin: 'any',
  saveOverlayState: 'any',
  openDashboard: 'any',
  enableSite: 'page',
  disableSite: 'page',
  analyzeTab: 'page',
};

/** The overlay's parts that are injected into a frame only when needed. */
export const PART_NAMES = ['record-form', 'picker', 'commitment-warning', 'diagnosis', 'splice'] as const;
export type PartName = (typeof PART_NAMES)[number];

export const DASHBOARD_PAGES = ['settings', 'ledger', 'lists', 'profiles', 'sites'] as const;
type DashboardPage = (typeof DASHBOARD_PAGES)[number];

export interface OverlayPlacement {
  collapsed: boolean;
  right: number;
  top: number;
}

export interface ReaderConfig {
  /** the site profile of the origin: the administrator's, else the user's */
  profile: SiteProfile | null;
  /** the profile comes from the administrator's policy: the picker cannot change it */
  profileManaged: boolean;
  /** whether 填报单位 and 记录人 are set; never their values, which must not reach a page's frame */
  recording: { unitSet: boolean; recorderSet: boolean };
  overlay: OverlayPlacement | null;
  /**
   * The overlay host as production builds it: closed shadow root, suffixed name when the page took ours. The test
   * build keeps the contract's open root and name unless a hostile-page test asks for this (CHANGELOG).
   */
  productionHost: boolean;
}

/** What the background answers about the party (lib/entities), as the overlay shows it. */
export interface PartyAnswer {
  flags: PartyFlag[];
  /** on a serious list at the asked date */
  onSeriousList: boolean;
  /** a serious listing covers the case decided at the asked date (lib/entities SeriousStatus.caseListing) */
  caseListed: boolean;
  warnings: PartyWarning[];
}

/** What the record form hands over: the ledger's input without the unit and the recorder (see recordCase). */
export type RecordRequest = Omit<RecordInput, 'unit' | 'recorder' | 'creditRepaired'>;

/**
 * A recorded case as the record form sees it: its answers, revision and version (which state of the record, see
 * versionStamp), never who recorded it (unit, recorder).
 */
export type RecordedCase = CaseContent & { revision: number; version: string };

/** One field a save changed (or would change). */
export interface RecordChange {
  field: LedgerContentField;
  from: unknown;
  to: unknown;
}

interface RecordResult {
  id: string;
  created: boolean;
  revision: number;
  /** empty when the ledger already held these answers */
  changes: RecordChange[];
}

interface EnabledSite {
  origin: string;
  pattern: string;
  enabledAt: string;
}
