// What a view shows instead of its content when the engine is not there: one headline item, one
// with the reason, and two actions. Plain data, so it is tested without VS Code.
import type { EngineError } from '../../../common/src/engine/errors';
import { line, type Lang } from '../../../common/src/i18n';
import type { ModelState } from '../docker/model';

export interface StatusNode {
  kind: 'status';
  key: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: 'error' | 'info' | 'refresh' | 'question' | 'loading~spin';
  /** Command run on click. */
  command?: string;
}

const T = {
  unreachable: { ko: 'Docker 엔진에 연결할 수 없습니다', en: 'Cannot reach the Docker engine' },
  retry: { ko: '다시 시도', en: 'Retry' },
  retryIn: { ko: '자동으로 다시 연결합니다', en: 'reconnects automatically' },
  howTo: { ko: 'Docker를 시작하는 방법', en: 'How to start Docker' },
  connecting: { ko: 'Docker 엔진에 연결하는 중…', en: 'Connecting to the Docker engine…' },
};

export const RETRY_COMMAND = 'dockerfileGuide.docker.retry';
export const HOWTO_COMMAND = 'dockerfileGuide.docker.howToStart';

export function errorNodes(err: EngineError, lang: Lang): StatusNode[] {
  return [
    { kind: 'status', key: 'err:head', label: line(T.unreachable, lang), icon: 'error', tooltip: err.detail || undefined },
    { kind: 'status', key: 'err:reason', label: line(err.reason, lang), tooltip: err.detail || line(err.reason, lang), icon: 'info' },
    { kind: 'status', key: 'err:retry', label: line(T.retry, lang), description: line(T.retryIn, lang), icon: 'refresh', command: RETRY_COMMAND },
    { kind: 'status', key: 'err:howto', label: line(T.howTo, lang), icon: 'question', command: HOWTO_COMMAND },
  ];
}

/** Nodes for a non-ready state; undefined when the view should show its content. */
export function stateNodes(state: ModelState, lang: Lang): StatusNode[] | undefined {
  if (state.kind === 'error') return errorNodes(state.error, lang);
  if (state.kind === 'connecting' || state.kind === 'idle') return [{ kind: 'status', key: 'connecting', label: line(T.connecting, lang), icon: 'loading~spin' }];
  return undefined;
}
