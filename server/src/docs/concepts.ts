/**
 * Which hover links which concept page (docs/concepts/<slug>.<ko|en>.md, issue 20), and the link itself.
 *
 * The server cannot read the pages at hover time cheaply, so the titles of the pages a hover links to are copied
 * here; test/unit/docs/concepts.test.ts checks that they equal the pages' first lines.
 */
import { pick, type Msg, type OneLang } from '../../../common/src/i18n';
import { OPEN_CONCEPT_COMMAND, type ConceptSlug } from '../../../common/src/concepts';

// The slugs, the command and the commands pages may run are shared with the client's viewer.
export { CONCEPT_PAGE_COMMANDS, CONCEPT_SLUGS, isConceptSlug, OPEN_CONCEPT_COMMAND, type ConceptSlug } from '../../../common/src/concepts';

/** The titles of the pages hovers link to: each page's first line without its `# `. */
export const CONCEPT_TITLES: Partial<Record<ConceptSlug, Msg>> = {
  'layers-and-cache': { ko: '레이어와 빌드 캐시', en: 'Layers and cache' },
  'pid1-and-signals': { ko: 'PID 1과 시그널: 컨테이너가 멈추는 이유', en: 'PID 1 and signals: why a container stops' },
  ports: { ko: 'EXPOSE와 포트 공개', en: 'EXPOSE and publishing ports' },
  'shell-vs-exec': { ko: '셸 형식과 exec 형식, CMD와 ENTRYPOINT', en: 'Shell form vs exec form, CMD vs ENTRYPOINT' },
  volumes: { ko: '남는 데이터: 볼륨과 바인드 마운트', en: 'Data that survives: volumes and bind mounts' },
};

/** The instruction whose hover links a page: what a reader of that instruction most often gets wrong. */
export const INSTRUCTION_CONCEPTS: Readonly<Record<string, ConceptSlug>> = {
  RUN: 'layers-and-cache',
  EXPOSE: 'ports',
  CMD: 'shell-vs-exec',
  ENTRYPOINT: 'shell-vs-exec',
  VOLUME: 'volumes',
};

/**
 * Rules whose "why" rests on how PID 1 and signals work: the main process exits (DG101), an interactive shell as the
 * last command (DG102), a keep-alive PID 1 (DG111), a shell that stays PID 1 (DL3025, JSONArgsRecommended).
 */
export const RULE_CONCEPTS: Readonly<Record<string, ConceptSlug>> = {
  DG101: 'pid1-and-signals',
  DG102: 'pid1-and-signals',
  DG111: 'pid1-and-signals',
  DL3025: 'pid1-and-signals',
  JSONArgsRecommended: 'pid1-and-signals',
};

const CONCEPT: Msg = { ko: '개념', en: 'Concept' };

/** A `command:` link that opens a page: `[개념: <title>](command:dockerfileGuide.openConcept?["<slug>"])`. */
export function conceptLink(slug: ConceptSlug, l: OneLang): string {
  const title = CONCEPT_TITLES[slug];
  const text = title ? `${pick(CONCEPT, l)}: ${pick(title, l)}` : pick(CONCEPT, l);
  return `[${text}](command:${OPEN_CONCEPT_COMMAND}?${encodeURIComponent(JSON.stringify([slug]))})`;
}
