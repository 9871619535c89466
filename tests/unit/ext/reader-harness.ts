import type { Translate } from '../../../components/Overlay';
import type { Feature, FeatureFactory } from '../../../entrypoints/reader.content/feature';
import { startReader, type Reader } from '../../../entrypoints/reader.content/core';
import { FEATURES } from '../../../entrypoints/reader.content/features';
import { partLoader, partModule, providePart } from '../../../entrypoints/reader.content/parts';
import { CommitmentWarning } from '../../../components/CommitmentWarning';
import { Picker } from '../../../components/Picker';
import { RecordForm } from '../../../components/RecordForm';
import type { PartyAnswer, ReaderConfig, Request } from '../../../lib/messaging/protocol';
import { bundledPacks } from '../../../lib/rules';
import { fineRanges } from '../../../lib/rules/fines';
import { assessWith } from '../../../lib/rules/assess';
import type { Assessment } from '../../../lib/rules/assessment';
import { wordAssessment } from '../../../lib/rules/worded';

/** Message keys as text, with their substitutions: tests see which message was chosen. */
export const t: Translate = (key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key);
const worded = (assessment: Assessment) => ({ assessment, worded: wordAssessment(assessment, t) });

export const PENALTY_FORM = `
  <h2>行政处罚决定书</h2>
  <form>
    <label>当事人名称<input name="dsrmc" value="上海禾味坊食品有限公司"></label>
    <label>统一社会信用代码<input name="tyshxydm" value="91310115MA125MLR27"></label>
    <label>案件编号<input name="ajbh" value="3101152024000312"></label>
    <label>处罚依据<input name="cfyj" value="《中华人民共和国食品安全法》第一百二十二条第一款"></label>
    <label>处罚内容<input name="cfnr" value="1. 没收违法所得人民币12860元；2. 罚款人民币354000元；3. 吊销食品经营许可证。"></label>
    <label>违法事实<textarea name="wfss">未取得食品生产许可证生产糕点</textarea></label>
    <label>裁量等次<input name="cldj" value="一般"></label>
  </form>`;

export const LICENSING_FORM = `
  <h2>食品经营许可申请审查</h2>
  <form>
    <label>申请人名称<input name="sqr" value="上海某某食品有限公司"></label>
    <label>统一社会信用代码<input name="tyshxydm" value="91310117MA18N8DH5J"></label>
    <fieldset><legend>审批方式</legend>
      <label><input type="radio" name="spfs" value="YBCX">一般程序</label>
      <label><input type="radio" name="spfs" value="GZCN" checked>告知承诺制</label>
    </fieldset>
  </form>`;

function readerConfig(over: Partial<ReaderConfig> = {}): ReaderConfig {
  return {
    profile: null,
    profileManaged: false,
    recording: { unitSet: true, recorderSet: true },
    overlay: { collapsed: false, right: 16, top: 72 },
    productionHost: false,
    ...over,
  };
}

export interface Harness {
  reader: Reader;
  sent: Request[];
  /** runs the callbacks waiting for the next animation frame */
  frame(): void;
  /** the overlay's shadow root */
  root(): ShadowRoot;
  readings: number;
}

/** The reader on the current document with a fake background; `extra` features are added to the real ones. */
export async function startHarness(
  opts: {
    config?: Partial<ReaderConfig>;
    party?: PartyAnswer | null;
    extra?: FeatureFactory[];
    /** the background's reply to a request, in place of the usual one (undefined: the usual one) */
    reply?: (m: Request) => unknown;
  } = {},
): Promise<Harness> {
  const sent: Request[] = [];
  const frames: Array<() => void> = [];
  const h = { sent, readings: 0 } as Harness;
  const counter: FeatureFactory = (): Feature => ({
    id: 'counter',
    panel: {
      tools: () => {
        h.readings++;
        return null;
      },
    },
  });
  const reader = await startReader({
    document,
    t,
    today: () => '2026-11-22',
    lookupDelayMs: 0,
    nextFrame: (fn) => void frames.push(fn),
    parts: partLoader(async (name) => {
      if (name === 'record-form') providePart(name, partModule(RecordForm));
      else if (name === 'picker') providePart(name, partModule(Picker));
      else providePart(name, partModule(CommitmentWarning));
      return true;
    }),
    features: [...FEATURES, counter, ...(opts.extra ?? [])],
    request: async (message) => {
      const m = message as Request;
      sent.push(m);
      const reply = opts.reply?.(m);
      if (reply !== undefined) return reply as never;
      // the background's answers: the configuration, the lists' answer, and the assessment with the bundled packs
      const value =
        m.type === 'getReaderConfig'
          ? readerConfig(opts.config)
          : m.type === 'lookupParty'
            ? (opts.party ?? null)
            : m.type === 'assessCase'
              ? worded(
                  assessWith(m.facts, bundledPacks, {
                    today: m.today,
                    partyOnSeriousList: m.partyOnSeriousList,
                    caseListed: m.caseListed,
                    fineRanges,
                  }),
                )
              : true;
      return { ok: true, value } as never;
    },
  });
  if (!reader) throw new Error('the reader did not start');
  h.reader = reader;
  h.frame = () => frames.splice(0).forEach((fn) => fn());
  h.root = () => document.querySelector('credit-case-assistant')!.shadowRoot!;
  return h;
}

export const settle = () => new Promise((r) => setTimeout(r, 20));
