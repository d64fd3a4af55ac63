// Workspace trust for the Docker commands, as plain data: which commands change something (build,
// run, exec, start/stop, remove, tag, prune) and so need a trusted workspace, and the refusal a
// restricted workspace gets. Browsing (lists, logs, inspect, copy id) stays available.
import { line, type Lang, type Msg } from '../../../common/src/i18n';

export const TRUSTED_COMMANDS: readonly string[] = [
  'dockerfileGuide.docker.container.start',
  'dockerfileGuide.docker.container.stop',
  'dockerfileGuide.docker.container.restart',
  'dockerfileGuide.docker.container.pause',
  'dockerfileGuide.docker.container.unpause',
  'dockerfileGuide.docker.container.remove',
  'dockerfileGuide.docker.container.shell',
  'dockerfileGuide.docker.image.run',
  'dockerfileGuide.docker.image.runInteractive',
  'dockerfileGuide.docker.image.tag',
  'dockerfileGuide.docker.image.remove',
  'dockerfileGuide.docker.image.pruneDangling',
  'dockerfileGuide.docker.network.remove',
  'dockerfileGuide.docker.network.prune',
  'dockerfileGuide.docker.volume.remove',
  'dockerfileGuide.docker.volume.prune',
  'dockerfileGuide.docker.buildImage',
  'dockerfileGuide.docker.buildAndRun',
  // The doctor builds and runs (Run and check); "Why did it exit?" reads logs and may stop a running container.
  'dockerfileGuide.doctor.run',
  'dockerfileGuide.docker.container.whyExited',
];

export const RESTRICTED: Msg = {
  ko: '제한 모드인 작업 영역입니다. 작업 영역을 신뢰하기 전에는 이미지 빌드, 컨테이너 실행·셸 열기, 변경과 삭제를 할 수 없습니다.',
  en: 'This workspace is in Restricted Mode: building images, running containers, opening shells and changing or removing anything are off until you trust it.',
};

/** undefined: go ahead; otherwise the message to show instead of running `command`. */
export function trustRefusal(command: string, trusted: boolean, lang: Lang): string | undefined {
  if (trusted || !TRUSTED_COMMANDS.includes(command)) return undefined;
  return line(RESTRICTED, lang);
}
