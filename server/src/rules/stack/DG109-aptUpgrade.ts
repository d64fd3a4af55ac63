/**
 * DG109: `apt-get upgrade` / `dist-upgrade` in a Dockerfile. The base image's maintainers rebuild it with the
 * updates; upgrading in every image makes builds unreproducible, larger, and can pull in changes that need a
 * running init system. Without -y it also fails the build at once when an upgrade is pending: the RUN has no stdin,
 * so apt prints "Do you want to continue? [Y/n] Abort." and exits 1.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { aptOf } from '../helpers/apt';
import { commandRange } from '../../service/shell/binding';
import { runShells } from '../helpers/shell';

const UPGRADE = /^(upgrade|dist-upgrade|full-upgrade|safe-upgrade)$/;

export const DG109: Rule = {
  id: 'DG109',
  severity: 'info',
  title: msg('Dockerfile에서 apt-get upgrade를 실행합니다', 'apt-get upgrade in a Dockerfile'),
  why: msg(
    '베이스 이미지는 관리자가 보안 업데이트를 반영해 다시 빌드해 둡니다. 이미지마다 `apt-get upgrade`를 하면 빌드할 때마다 결과가 달라지고 레이어가 커지며, 컨테이너에서 할 수 없는 설정(서비스 다시 시작 등)을 요구하는 패키지가 섞일 수 있습니다. 최신 베이스 이미지를 받아(`docker pull`, `--pull`) 다시 빌드하는 편이 낫습니다. `-y` 없이 쓰면 업그레이드할 패키지가 있을 때 확인 질문에 답할 입력이 없어 `Abort.` 메시지를 출력하고 종료 코드 1로 끝나므로, 빌드가 그 자리에서 실패합니다.',
    "The base image's maintainers rebuild it with security updates. Running `apt-get upgrade` in every image makes builds vary from one run to the next, grows the layer, and can bring packages that expect things a container cannot do (restarting services). Pull a fresh base image (`docker pull`, `--pull`) and rebuild instead. Without `-y`, whenever an upgrade is pending it finds no input to answer its confirmation prompt, prints `Abort.` and exits with code 1, so the build fails at once.",
  ),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { shell } of runShells(doc)) {
      for (const inv of aptOf(shell)) {
        const sub = inv.subcommand?.value ?? '';
        if (!UPGRADE.test(sub)) continue;
        const noYes = !inv.yes;
        out.push({
          range: commandRange(doc, inv.cmd),
          message: noYes
            ? msg(
                `빌드에서는 \`${inv.tool} ${sub}\` 대신 최신 베이스 이미지로 다시 빌드하세요. 지금은 \`-y\` 옵션도 없어서 업그레이드할 패키지가 있으면 확인 질문에서 "Abort."로 끝나(종료 코드 1) 빌드가 바로 실패합니다`,
                `Avoid \`${inv.tool} ${sub}\` in a build; without \`-y\` it also aborts at the confirmation prompt ("Abort.", exit code 1) when an upgrade is pending, and the build fails at once`,
              )
            : msg(`\`${inv.tool} ${sub}\` 대신 최신 베이스 이미지로 다시 빌드하세요`, `Rebuild on a fresh base image instead of \`${inv.tool} ${sub}\``),
        });
      }
    }
    return out;
  },
};
