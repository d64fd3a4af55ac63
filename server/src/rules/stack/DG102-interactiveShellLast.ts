/**
 * DG102: the last foreground command is a bare interactive shell. With `-i` or `-t` it waits for input; under
 * `docker run -d` with neither, its input is empty and it exits at once, taking the container with it (shown on the
 * engine in test/claims/runtime.test.ts). The same holds for a base image's shell CMD that a Dockerfile without CMD
 * or ENTRYPOINT inherits (noCommandInherited.ts).
 */
import { msg } from '../../../../common/src/i18n';
import type { Rule } from '../types';
import { mainVerdict, where } from './mainProcess';
import type { ParsedDocument } from '../../service/document';
import { aptOf } from '../helpers/apt';
import { runShells } from '../helpers/shell';
import { inheritedShell } from './noCommandInherited';

function installsPackages(doc: ParsedDocument): boolean {
  return runShells(doc).some(
    ({ shell }) =>
      aptOf(shell).some((a) => a.subcommand?.value === 'install') ||
      shell.all.some((c) => (c.name === 'apk' && c.words[1]?.value === 'add') || ((c.name === 'yum' || c.name === 'dnf') && c.words[1]?.value === 'install')),
  );
}

export const DG102: Rule = {
  id: 'DG102',
  severity: 'warning',
  title: msg('마지막 명령이 대화형 셸입니다', 'The last command is an interactive shell'),
  why: msg(
    '`bash`나 `sh`가 컨테이너의 마지막 명령이면 셸이 입력을 기다리는 동안에만 컨테이너가 살아 있습니다. `docker run -it` 명령처럼 `-i` 옵션이나 `-t` 옵션을 주면 셸이 기다릴 입력이 생기지만, 둘 다 없이 `docker run -d` 명령으로 실행하면 입력이 비어 있어 셸은 바로 입력의 끝을 읽고 종료 코드 0으로 끝나며 컨테이너도 멈춥니다. CMD와 ENTRYPOINT가 모두 없는 Dockerfile은 베이스 이미지의 CMD를 그대로 실행하는데, debian과 ubuntu 이미지의 CMD는 `bash` 셸이고 alpine 이미지의 CMD는 `/bin/sh` 셸이라 결과가 같습니다. 서비스들을 띄운 뒤 마지막 서비스(예: `nginx -g \'daemon off;\'`)를 포그라운드로 실행하세요.',
    "With `bash` or `sh` as the container's last command, the container lives only while the shell waits for input. `-i` or `-t` (as in `docker run -it`) gives the shell an input to wait on; without both, `docker run -d` gives it an empty one, so the shell reads end-of-input at once, exits with code 0 and the container stops. A Dockerfile with neither CMD nor ENTRYPOINT runs its base image's CMD, which is such a shell in the debian and ubuntu images (`bash`) and in alpine (`/bin/sh`), with the same result. Start the services, then run the last one in the foreground (e.g. `nginx -g 'daemon off;'`).",
  ),
  check(ctx) {
    const main = mainVerdict(ctx);
    if (!main) return inheritedShell(ctx);
    const { m, v } = main;
    if (!v || v.kind !== 'shell') return [];
    // A base OS image (`CMD ["bash"]` in debian, ubuntu) is meant to be run with -it or built upon: when the whole
    // CMD is the shell and nothing in the stage installs a package, the shell is the point of the image.
    if (m.whole && !m.script && !installsPackages(ctx.doc)) return [];
    const w = where(m);
    return [
      {
        range: m.range,
        message: {
          ko: `마지막 명령이 대화형 셸 \`${v.what}\`입니다${w.ko}. \`docker run -d\`로 실행하면 컨테이너가 바로 종료됩니다`,
          en: `The last command is the interactive shell \`${v.what}\`${w.en}; under \`docker run -d\` the container exits at once`,
        },
      },
    ];
  },
};
