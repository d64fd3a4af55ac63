// The words of destructive actions, as plain data so they are tested without VS Code: the question
// asked before removing (it names every object, and the count when there are several) and the one
// report after a bulk action (what worked, what failed and why), in Korean and English. In `both`, each
// sentence is made whole in Korean, then in English (a name list is not cut into two languages).
import { describe, type EngineError } from '../../../common/src/engine/errors';
import { fill, fillMsg, line, LINE_SEPARATOR, perLang, pick, type Lang, type Msg, type OneLang } from '../../../common/src/i18n';
import { formatSize } from './format';

export type ObjectKind = 'container' | 'image' | 'dangling' | 'network' | 'volume';
export type BulkVerb = 'remove' | 'start' | 'stop' | 'restart' | 'pause' | 'unpause';

export interface Confirmation {
  message: string;
  detail: string;
  /** Label of the one button that goes ahead. */
  button: string;
}

export interface Report {
  level: 'info' | 'warning' | 'error';
  message: string;
  /** One line per failed item: "name: reason". */
  detail?: string;
}

/** At most this many names in a one-line message; the rest are counted. */
export const MAX_NAMES = 8;

/** The removal questions per kind (the Networks and Volumes views ask the single ones too). */
export const ASK: Record<ObjectKind, { one: Msg; many: Msg }> = {
  container: {
    one: { ko: '{0} 컨테이너를 삭제할까요?', en: 'Remove the container {0}?' },
    many: { ko: '컨테이너 {0}개를 삭제할까요? ({1})', en: 'Remove {0} containers ({1})?' },
  },
  image: {
    one: { ko: '{0} 이미지를 삭제할까요?', en: 'Remove the image {0}?' },
    many: { ko: '이미지 {0}개를 삭제할까요? ({1})', en: 'Remove {0} images ({1})?' },
  },
  dangling: {
    one: { ko: '태그 없는(dangling) {0} 이미지를 삭제할까요?', en: 'Remove the dangling (untagged) image {0}?' },
    many: { ko: '태그 없는(dangling) 이미지 {0}개를 삭제할까요? ({1})', en: 'Remove {0} dangling (untagged) images ({1})?' },
  },
  network: {
    one: { ko: '{0} 네트워크를 삭제할까요?', en: 'Remove the network {0}?' },
    many: { ko: '네트워크 {0}개를 삭제할까요? ({1})', en: 'Remove {0} networks ({1})?' },
  },
  volume: {
    one: { ko: '{0} 볼륨을 삭제할까요?', en: 'Remove the volume {0}?' },
    many: { ko: '볼륨 {0}개를 삭제할까요? ({1})', en: 'Remove {0} volumes ({1})?' },
  },
};

const C = {
  more: { ko: '{0} 외 {1}개', en: '{0} and {1} more' },
  remove: { ko: '삭제', en: 'Remove' },
  runningForce: {
    ko: '실행 중인 컨테이너({0})는 강제로 멈춘 뒤 삭제합니다(force). 볼륨 밖에 있는 데이터는 사라집니다.',
    en: '{0} still running: stopped and removed by force. Data outside volumes is lost.',
  },
  dataLost: { ko: '볼륨 밖에 있는 데이터는 사라집니다.', en: 'Data outside volumes is lost.' },
  imageKept: {
    ko: '다른 태그가 같은 이미지를 가리키면 이 태그만 지웁니다. 컨테이너가 사용 중인 이미지는 삭제되지 않습니다.',
    en: 'When other tags point at the same image only this tag goes. An image used by a container is not removed.',
  },
  danglingKept: {
    ko: '컨테이너가 사용 중인 이미지는 남겨 둡니다. 목록에 있는 이미지만 삭제합니다.',
    en: 'Images used by a container are kept. Only the images listed are removed.',
  },
  reclaimed: { ko: '{0} 확보', en: 'reclaimed {0}' },
} satisfies Record<string, Msg>;

/** The Korean object particle after `noun`: 을 after a final consonant (볼륨을), 를 after a vowel (이미지를). */
function objectParticle(noun: string): string {
  const code = noun.charCodeAt(noun.length - 1) - 0xac00;
  return code >= 0 && code < 11172 && code % 28 !== 0 ? '을' : '를';
}

/** Korean nouns of the reports; the particle after each is objectParticle's. */
const NOUN: Record<ObjectKind, { one: Msg; many: Msg }> = {
  container: { one: { ko: '컨테이너', en: 'container' }, many: { ko: '컨테이너', en: 'containers' } },
  image: { one: { ko: '이미지', en: 'image' }, many: { ko: '이미지', en: 'images' } },
  dangling: { one: { ko: '태그 없는 이미지', en: 'dangling image' }, many: { ko: '태그 없는 이미지', en: 'dangling images' } },
  network: { one: { ko: '네트워크', en: 'network' }, many: { ko: '네트워크', en: 'networks' } },
  volume: { one: { ko: '볼륨', en: 'volume' }, many: { ko: '볼륨', en: 'volumes' } },
};

const VERB: Record<BulkVerb, { done: Msg; stem: Msg }> = {
  remove: { done: { ko: '삭제했습니다', en: 'Removed' }, stem: { ko: '삭제하지', en: 'remove' } },
  start: { done: { ko: '시작했습니다', en: 'Started' }, stem: { ko: '시작하지', en: 'start' } },
  stop: { done: { ko: '멈췄습니다', en: 'Stopped' }, stem: { ko: '멈추지', en: 'stop' } },
  restart: { done: { ko: '다시 시작했습니다', en: 'Restarted' }, stem: { ko: '다시 시작하지', en: 'restart' } },
  pause: { done: { ko: '일시 정지했습니다', en: 'Paused' }, stem: { ko: '일시 정지하지', en: 'pause' } },
  unpause: { done: { ko: '재개했습니다', en: 'Unpaused' }, stem: { ko: '재개하지', en: 'unpause' } },
};

/** "a, b, c" or "a, b, … and 4 more" (Korean: "a, b 외 4개"). */
export function nameList(names: readonly string[], lang: Lang, max = MAX_NAMES): string {
  if (names.length <= max) return names.join(', ');
  return line(fillMsg(C.more, names.slice(0, max).join(', '), names.length - max), lang);
}

/**
 * The question before removing. `running` names the containers that are removed by force (they
 * are running, paused or restarting).
 */
export function removalConfirmation(kind: ObjectKind, names: readonly string[], lang: Lang, opts: { running?: readonly string[] } = {}): Confirmation {
  const message = perLang(
    lang,
    (l) => (names.length === 1 ? fill(ASK[kind].one[l], [names[0]]) : fill(ASK[kind].many[l], [names.length, nameList(names, l)])),
    LINE_SEPARATOR,
  );
  const running = kind === 'container' ? opts.running ?? [] : [];
  const detail = perLang(
    lang,
    (l) => {
      if (kind === 'container') return running.length ? fill(C.runningForce[l], [nameList(running, l)]) : C.dataLost[l];
      if (kind === 'network' || kind === 'volume') return '';
      return kind === 'image' ? C.imageKept[l] : C.danglingKept[l];
    },
    '\n',
  );
  return { message, detail, button: line(C.remove, lang) };
}

export interface NamedResult {
  name: string;
  ok: boolean;
  error?: EngineError;
}

/** One report for a bulk action: all done (info), some failed (warning), all failed (error). */
export function bulkReport(verb: BulkVerb, kind: ObjectKind, results: readonly NamedResult[], lang: Lang): Report {
  const failed = results.filter((r) => !r.ok);
  const message = perLang(lang, (l) => bulkMessage(verb, kind, results, l), LINE_SEPARATOR);
  if (!failed.length) return { level: 'info', message };
  const detail = failed.map((r) => `${r.name}: ${r.error ? describe(r.error, lang) : '?'}`).join('\n');
  return { level: failed.length === results.length ? 'error' : 'warning', message, detail };
}

/** The report of removing dangling images; when it all worked, it also says how much space came back. */
export function pruneReport(results: readonly NamedResult[], reclaimedBytes: number | null, lang: Lang): Report {
  const report = bulkReport('remove', 'dangling', results, lang);
  if (report.level !== 'info' || reclaimedBytes === null) return report;
  const space = formatSize(reclaimedBytes);
  const message = perLang(lang, (l) => `${bulkMessage('remove', 'dangling', results, l)} (${fill(C.reclaimed[l], [space])})`, LINE_SEPARATOR);
  return { level: 'info', message };
}

function bulkMessage(verb: BulkVerb, kind: ObjectKind, results: readonly NamedResult[], lang: OneLang): string {
  const ok = results.filter((r) => r.ok);
  const failed = results.filter((r) => !r.ok);
  const v = VERB[verb];
  const noun = pick(results.length === 1 ? NOUN[kind].one : NOUN[kind].many, lang);
  if (!failed.length) {
    const names = nameList(ok.map((r) => r.name), lang);
    return lang === 'ko'
      ? results.length === 1
        ? `${names} ${noun}${objectParticle(noun)} ${v.done.ko}`
        : `${noun} ${results.length}개를 ${v.done.ko}: ${names}`
      : results.length === 1
        ? `${v.done.en} the ${noun} ${names}`
        : `${v.done.en} ${results.length} ${noun}: ${names}`;
  }
  const failedNames = nameList(failed.map((r) => r.name), lang);
  if (!ok.length) {
    return lang === 'ko'
      ? results.length === 1
        ? `${failedNames} ${noun}${objectParticle(noun)} ${v.stem.ko} 못했습니다: ${failed[0].error ? describe(failed[0].error, 'ko') : '?'}`
        : `${noun} ${results.length}개를 모두 ${v.stem.ko} 못했습니다: ${failedNames}`
      : results.length === 1
        ? `Could not ${v.stem.en} the ${noun} ${failedNames}: ${failed[0].error ? describe(failed[0].error, 'en') : '?'}`
        : `Could not ${v.stem.en} any of the ${results.length} ${noun}: ${failedNames}`;
  }
  return lang === 'ko'
    ? `${noun} ${results.length}개 중 ${ok.length}개를 ${v.done.ko}. ${failed.length}개는 실패했습니다: ${failedNames}`
    : `${v.done.en} ${ok.length} of ${results.length} ${noun}; ${failed.length} failed: ${failedNames}`;
}
