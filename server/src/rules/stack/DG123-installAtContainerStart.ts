/**
 * DG123: packages installed when the container starts (`apt-get install` in the start script, or in a shell-form
 * CMD/ENTRYPOINT) instead of when the image is built. What a container installs goes to its own writable layer,
 * which is dropped with the container (Docker's storage-driver page), so every new container downloads and installs
 * again, needs the network to start, and fails or runs without the package when a mirror is down. RUN puts the
 * packages in the image once. The RUN instructions' own apt-get is judged by the apt rules (DL3008, DG113, …).
 */
import { msg } from '../../../../common/src/i18n';
import { commandRange, instrShell } from '../../service/shell/binding';
import type { SimpleCommand } from '../../service/shell/parser';
import { aptGetInvocations } from '../helpers/apt';
import type { Finding, Rule } from '../types';
import { effectiveCommandOrNull, ownInstr } from './mainCommand';
import { finalStage } from '../../service/effectiveCommand';
import { scriptLine, startScripts } from './startScript';

/** The commands of `cmds` that download and install packages: apt-get/apt/aptitude install, apk add, dnf/yum install. */
export function packageInstalls(cmds: SimpleCommand[]): SimpleCommand[] {
  const out = new Set<SimpleCommand>();
  for (const inv of aptGetInvocations(cmds)) {
    // A local `.deb` file needs no download; the same exception as DG113.
    if (inv.subcommand?.value === 'install' && inv.packages.length > 0 && !inv.packages.every((p) => /\.deb$/.test(p.value))) out.add(inv.cmd);
  }
  for (const c of cmds) {
    const sub = c.words.slice(1).find((w) => !w.value.startsWith('-'))?.value;
    if (c.name === 'apk' && sub === 'add' && !c.words.some((w) => w.value === '--no-network')) out.add(c);
    if ((c.name === 'dnf' || c.name === 'yum' || c.name === 'microdnf') && sub === 'install') out.add(c);
  }
  return cmds.filter((c) => out.has(c));
}

function shown(c: SimpleCommand): string {
  const s = c.words.map((w) => w.value).join(' ');
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export const DG123: Rule = {
  id: 'DG123',
  severity: 'warning',
  title: msg('컨테이너가 시작할 때마다 패키지를 설치합니다', 'Packages are installed every time the container starts'),
  why: msg(
    '시작 스크립트나 CMD에 있는 `apt-get install` 명령은 이미지를 빌드할 때가 아니라 컨테이너가 시작할 때 실행됩니다. 컨테이너 안에서 설치한 파일은 그 컨테이너의 쓰기 레이어에만 남고 컨테이너를 지우면 함께 사라지므로, 새 컨테이너를 만들 때마다 패키지를 다시 내려받아 설치합니다. 그래서 시작이 느리고, 네트워크가 없거나 저장소에 문제가 있으면 컨테이너가 제대로 뜨지 않으며, 설치되는 버전도 그때그때 달라질 수 있습니다. 컨테이너를 다시 시작할 때도 스크립트가 처음부터 다시 실행됩니다. 패키지 설치는 Dockerfile의 RUN으로 옮겨 이미지에 한 번만 넣으세요.',
    'An `apt-get install` in the start script or the CMD runs when the container starts, not when the image is built. What a container installs lives only in its own writable layer, which is deleted with the container, so every new container downloads and installs the packages again: start-up is slow, a missing network or a broken mirror keeps the container from coming up properly, and the installed versions can change from one start to the next. A restart runs the script from the top again as well. Move the installation into a RUN of the Dockerfile so it is done once, in the image.',
  ),
  check(ctx) {
    const out: Finding[] = [];
    const doc = ctx.doc;
    // Written in the CMD/ENTRYPOINT itself (shell form): reported on the install command.
    const stage = finalStage(doc);
    const ec = stage && effectiveCommandOrNull(doc, stage);
    if (ec) {
      const seen = new Set<object>();
      for (const part of [ec.entrypoint, ec.cmd]) {
        const instr = ownInstr(part);
        if (!instr || seen.has(instr)) continue;
        seen.add(instr);
        const sh = instrShell(instr);
        if (!sh) continue;
        const first = packageInstalls(sh.all)[0];
        if (!first) continue;
        out.push({
          range: commandRange(doc, first),
          message: msg(
            `\`${shown(first)}\` 명령은 컨테이너가 시작할 때마다 패키지를 내려받아 설치합니다. 설치는 RUN으로 옮겨 이미지에 넣으세요`,
            `\`${shown(first)}\` downloads and installs packages every time the container starts; move it into a RUN so they are in the image`,
          ),
        });
      }
    }
    // In a start script: one finding per script, on the line that runs it, naming the first install and the count.
    for (const s of startScripts(ctx)) {
      const installs = packageInstalls(s.commands);
      if (!installs.length) continue;
      const first = installs[0];
      const line = scriptLine(s, first);
      const more = installs.length - 1;
      out.push({
        range: s.range,
        message: msg(
          `\`${s.path}\` 파일 ${line}번 줄: \`${shown(first)}\` 명령${more ? `(외 설치 명령 ${more}개)` : ''}은 컨테이너가 시작할 때마다 패키지를 내려받아 설치합니다. 설치는 Dockerfile의 RUN으로 옮겨 이미지에 넣으세요`,
          `\`${s.path}\` line ${line}: \`${shown(first)}\`${more ? ` (and ${more} more install command${more > 1 ? 's' : ''})` : ''} downloads and installs packages every time the container starts; move it into a RUN of the Dockerfile so they are in the image`,
        ),
      });
    }
    return out;
  },
};
