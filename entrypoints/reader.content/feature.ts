import type { ReactNode } from 'react';
import type { PillPart, Translate } from '../../components/Overlay';
import type { CaseFacts } from '../../lib/facts/schema';
import type { FieldMap } from '../../lib/facts/fields';
import type { LogicalKey } from '../../lib/facts/keys';
import type { PartyAnswer, ReaderConfig, Reply, RequestOf, RequestType, ResponseOf } from '../../lib/messaging/protocol';
import type { Assessment } from '../../lib/rules/assessment';
import type { WordedAssessment } from '../../lib/rules/worded';
import type { PartLoader } from './parts';

/** What the reader made of the page this time: the one input of every feature's view. */
export interface Reading {
  facts: CaseFacts;
  /** the recognised fields, by logical key (locators, labels, empty values included) */
  fields: FieldMap;
  /** the listing verdict of a penalty case; null on forms that decide no penalty (licensing, approval) */
  assessment: Assessment | null;
  /** the same assessment worded for the overlay (null with it) */
  worded: WordedAssessment | null;
  /** what the lists say about the party; null while unknown */
  party: PartyAnswer | null;
  config: ReaderConfig;
}

/** Where a feature's view goes in the overlay, in this order inside the panel. */
export const PANEL_SLOTS = ['verdict', 'status', 'flags', 'actions', 'missing', 'fields', 'tools'] as const;
export type PanelSlot = (typeof PANEL_SLOTS)[number];

/** What features offer one another, e.g. the missing-keys prompt starts the picker when there is one. */
export interface FeatureActions {
  pick?(key: LogicalKey): void;
}

/** What the reader gives each feature when it creates it. */
export interface FeatureContext {
  t: Translate;
  document: Document;
  request<K extends RequestType>(message: RequestOf<K>): Promise<Reply<ResponseOf<K>>>;
  /** draws the overlay again (after the feature's own state changed) */
  refresh(): void;
  /** the overlay's shadow host, once mounted: what the picker must not pick */
  host(): Element | null;
  /** the parts injected on demand (record form, picker layer, commitment warning) */
  parts: PartLoader;
  /** what the other features provide (filled in once every feature exists) */
  actions: FeatureActions;
  today(): string;
}

/**
 * An overlay feature, refined-github style: one module says when it applies, what it shows where, and what it
 * offers the others. Removing one is deleting its module and its line in features/index.ts.
 */
export interface Feature {
  id: string;
  /** the readings it shows something for (default: every one) */
  appliesTo?(r: Reading): boolean;
  /** its part of the collapsed pill */
  pill?(r: Reading): PillPart | null;
  /** its sections of the panel */
  panel?: Partial<Record<PanelSlot, (r: Reading) => ReactNode>>;
  /** what it draws outside the panel (shown collapsed too) */
  layer?(r: Reading): ReactNode;
  /** makes the panel fade and let the pointer through (the picker) */
  dims?(): boolean;
  provides?: FeatureActions;
  dispose?(): void;
}

export type FeatureFactory = (ctx: FeatureContext) => Feature;

/** Creates the features, then hands each what the others provide. */
export function createFeatures(factories: readonly FeatureFactory[], ctx: Omit<FeatureContext, 'actions'>): Feature[] {
  const actions: FeatureActions = {};
  const features = factories.map((make) => make({ ...ctx, actions }));
  for (const f of features) Object.assign(actions, f.provides);
  return features;
}
