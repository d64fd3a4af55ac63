/**
 * DG102: the last foreground command is a bare interactive shell. With `docker run -it` it waits for input; under
 * `docker run -d` without `-t` its stdin is closed and it exits at once, taking the container with it.
 */
import { msg } from '../../../../common/src/i18n';
import type { Rule } from '../types';
import { mainVerdict, where } from './mainProcess';
import type { ParsedDocument } from '../../service/document';
import { aptOf } from '../helpers/apt';
import { runShells } from '../helpers/shell';
import { effectiveCommand, finalStage } from '../../service/effectiveCommand';
import type { Finding } from '../types';

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
    '`bash`나 `sh`를 마지막에 두면 `docker run -it` 명령으로 실행할 때만 컨테이너가 살아 있습니다. 셸은 터미널 입력을 기다리는 동안에만 계속 실행되므로, `docker run -d`처럼 `-t` 없이 실행하면 입력이 바로 닫히고 셸이 끝나면서 컨테이너도 종료됩니다. 서비스들을 띄운 뒤 마지막 서비스(예: `nginx -g \'daemon off;\'`)를 포그라운드로 실행하세요.',
    "With `bash` or `sh` last, the container stays up only under `docker run -it`: the shell survives by waiting for terminal input. Under `docker run -d` without `-t`, its input is closed at once, the shell exits and the container stops. Start the services, then run the last one in the foreground (e.g. `nginx -g 'daemon off;'`).",
  ),
  check(ctx) {
    const main = mainVerdict(ctx);
    if (!main) return inheritedShell(ctx.doc);
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

/**
 * No CMD/ENTRYPOINT anywhere, a base image whose CMD is a bare shell (debian, ubuntu: `bash`), and packages installed
 * on top: the image is meant to run a server, but `docker run -d` starts the inherited shell, which exits at once.
 */
function inheritedShell(doc: ParsedDocument): Finding[] {
  const stage = finalStage(doc);
  if (!stage || !installsServer(doc)) return [];
  let ec;
  try {
    ec = effectiveCommand(doc, stage);
  } catch {
    return [];
  }
  if (ec.entrypoint || !ec.cmd || ec.cmd.origin.kind !== 'base') return [];
  const argv = ec.cmd.argv;
  if (argv.length !== 1 || !/^(\/bin\/|\/usr\/bin\/)?(bash|sh|zsh|ash|dash)$/.test(argv[0])) return [];
  const image = ec.baseImage ?? stage.image ?? '';
  return [
    {
      range: stage.imageRange ?? stage.from.range,
      message: {
        ko: `CMD가 없어 베이스 이미지 \`${image}\`의 CMD \`${argv[0]}\` 셸이 실행됩니다. \`docker run -d\`로 실행하면 컨테이너가 바로 종료됩니다`,
        en: `There is no CMD, so the base image \`${image}\`'s CMD \`${argv[0]}\` runs; under \`docker run -d\` the container exits at once`,
      },
    },
  ];
}

/** Server packages: an image that installs one is meant to run it (runtime images like golang are built upon). */
const SERVER = /^(nginx|nginx-\w+|mariadb-server|default-mysql-server|mysql-server|apache2|php[\d.]*-fpm|postgresql(-\d+)?|redis-server|openssh-server|lighttpd|httpd)$/;
function installsServer(doc: ParsedDocument): boolean {
  return runShells(doc).some(({ shell }) =>
    aptOf(shell).some((a) => a.subcommand?.value === 'install' && a.packages.some((p) => SERVER.test(p.value.replace(/[=:].*$/, '')))),
  );
}
