/**
 * DG109: upgrading the installed packages in a Dockerfile: `apt-get upgrade` / `dist-upgrade`, `apk upgrade`,
 * `dnf upgrade` / `distro-sync`, `yum update` / `upgrade`, `microdnf update` / `upgrade`. The base image's
 * maintainers rebuild it with the updates; upgrading in every image makes builds unreproducible, larger, and can pull
 * in changes that need a running init system.
 *
 * For apt only, the message also says what a missing -y does: the RUN has no stdin, so apt prints "Do you want to
 * continue? [Y/n] Abort." and exits 1 when an upgrade is pending (test/claims/apt.test.ts builds it). apk asks only
 * with `-i`, or with /etc/apk/interactive on a terminal, which a RUN is not (apk-tools src/apk.c, context.c); for dnf
 * and yum we have not built the case, so their messages say nothing about prompts.
 */
import { msg, type Msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { aptOf } from '../helpers/apt';
import { isRpmUpgrade, rpmOf } from '../helpers/dnf';
import { apkUpgradesOf } from '../hadolint/apk';
import { commandRange } from '../../service/shell/binding';
import type { SimpleCommand } from '../../service/shell/parser';
import { runShells } from '../helpers/shell';

const APT_UPGRADE = /^(upgrade|dist-upgrade|full-upgrade|safe-upgrade)$/;

function rebuildInstead(what: string): Msg {
  return msg(`\`${what}\` 대신 최신 베이스 이미지로 다시 빌드하세요`, `Rebuild on a fresh base image instead of \`${what}\``);
}

export const DG109: Rule = {
  id: 'DG109',
  severity: 'info',
  title: msg('Dockerfile에서 설치된 패키지를 업그레이드합니다', 'Upgrading the installed packages in a Dockerfile'),
  why: msg(
    '베이스 이미지는 관리자가 보안 업데이트를 반영해 다시 빌드해 둡니다. 이미지마다 패키지를 업그레이드하면(`apt-get upgrade`, `apk upgrade`, `dnf upgrade`, `yum update`, `microdnf update`) 빌드할 때마다 결과가 달라지고 레이어가 커지며, 컨테이너에서 할 수 없는 설정(서비스 다시 시작 등)을 요구하는 패키지가 섞일 수 있습니다. 최신 베이스 이미지를 받아(`docker pull`, `--pull`) 다시 빌드하는 편이 낫습니다. apt에서는 `-y` 없이 `apt-get upgrade`를 쓰면 업그레이드할 패키지가 있을 때 확인 질문에 답할 입력이 없어 `Abort.` 메시지를 출력하고 종료 코드 1로 끝나므로, 빌드가 그 자리에서 실패합니다.',
    "The base image's maintainers rebuild it with security updates. Upgrading its packages in every image (`apt-get upgrade`, `apk upgrade`, `dnf upgrade`, `yum update`, `microdnf update`) makes builds vary from one run to the next, grows the layer, and can bring packages that expect things a container cannot do (restarting services). Pull a fresh base image (`docker pull`, `--pull`) and rebuild instead. With apt, `apt-get upgrade` without `-y` finds no input to answer its confirmation prompt whenever an upgrade is pending: it prints `Abort.` and exits with code 1, so the build fails at once.",
  ),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    const push = (cmd: SimpleCommand, message: Msg) => out.push({ range: commandRange(doc, cmd), message });
    for (const { shell } of runShells(doc)) {
      for (const inv of aptOf(shell)) {
        const sub = inv.subcommand?.value ?? '';
        if (!APT_UPGRADE.test(sub)) continue;
        push(
          inv.cmd,
          inv.yes
            ? rebuildInstead(`${inv.tool} ${sub}`)
            : msg(
                `빌드에서는 \`${inv.tool} ${sub}\` 대신 최신 베이스 이미지로 다시 빌드하세요. 지금은 \`-y\` 옵션도 없어서 업그레이드할 패키지가 있으면 확인 질문에서 "Abort."로 끝나(종료 코드 1) 빌드가 바로 실패합니다`,
                `Avoid \`${inv.tool} ${sub}\` in a build; without \`-y\` it also aborts at the confirmation prompt ("Abort.", exit code 1) when an upgrade is pending, and the build fails at once`,
              ),
        );
      }
      for (const up of apkUpgradesOf(shell)) push(up.cmd, rebuildInstead('apk upgrade'));
      for (const inv of rpmOf(shell)) if (isRpmUpgrade(inv)) push(inv.cmd, rebuildInstead(`${inv.tool} ${inv.subcommand!.value}`));
    }
    // Three passes over the RUN's commands: put the findings back in the order the commands are written.
    return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  },
};
