/**
 * A final stage with no CMD and no ENTRYPOINT (none in the stages it is built FROM either) runs its base image's CMD.
 * For the official OS images that CMD is a bare shell: debian and ubuntu `bash`, alpine `/bin/sh`, busybox `sh`
 * (service/baseImages.ts, each row checked against the image's own Dockerfile). `docker run -d` without `-i` or `-t`
 * gives that shell an empty input: it reads end-of-input and exits 0 at once, and the container stops with it
 * (test/claims/runtime.test.ts shows it on the engine). Said by DG102, whose subject is a bare shell as the
 * container's command, only when the image is plainly meant to run a server: the Dockerfile or a script it copies in
 * installs one. A plain base image (`FROM debian` + a few tools) is meant for `docker run -it` or to build upon.
 * An unknown base image says nothing: its CMD cannot be known here (the explainer says so).
 */
import { msg, type Msg } from '../../../../common/src/i18n';
import type { Stage } from '../../service/document';
import { finalStage } from '../../service/effectiveCommand';
import { instrShell } from '../../service/shell/binding';
import { simpleCommands } from '../../service/shell/commands';
import { lineOfOffset } from '../../service/shell/lexer';
import type { SimpleCommand } from '../../service/shell/parser';
import { aptGetInvocations } from '../helpers/apt';
import { baseName } from '../helpers/paths';
import { apkAdds } from '../hadolint/apk';
import type { Finding, RuleContext } from '../types';
import { effectiveCommandOrNull } from './mainCommand';
import { stageChain } from '../helpers/stages';

/** Server packages by apt name: an image that installs one is meant to run it (golang or python images are built upon). */
const APT_SERVER = /^(nginx|nginx-(full|light|extras|core)|mariadb-server|default-mysql-server|mysql-server|apache2|php[\d.]*-fpm|postgresql(-\d+)?|redis-server|openssh-server|lighttpd|httpd)$/;
/** The same by apk name (Alpine's server packages: `mariadb` is the server there, `mariadb-client` the client). */
const APK_SERVER = /^(nginx|apache2|lighttpd|mariadb|mysql|postgresql\d*|redis|openssh|openssh-server|php\d*-fpm)$/;

/** A bare shell as a base image stores it: `bash`, `/bin/sh`, `/bin/bash`. */
const BARE_SHELL = /^(\/bin\/|\/usr\/bin\/)?(bash|sh|zsh|ash|dash)$/;

/** Where a server package is installed: a line of the Dockerfile, or a line of a copied script. */
interface Install {
  pkg: string;
  line?: number;
  script?: { path: string; line: number };
}

/** The first server package that `cmds` install with apt-get/apt or apk, and the command that does it. */
function serverInstall(cmds: SimpleCommand[]): { pkg: string; cmd: SimpleCommand } | null {
  for (const a of aptGetInvocations(cmds)) {
    if (a.subcommand?.value !== 'install') continue;
    const p = a.packages.map((w) => w.value.replace(/[=:].*$/, '')).find((n) => APT_SERVER.test(n));
    if (p) return { pkg: p, cmd: a.cmd };
  }
  for (const a of apkAdds(cmds)) {
    const p = a.packages.map((w) => w.value.replace(/[=<>~].*$/, '')).find((n) => APK_SERVER.test(n));
    if (p) return { pkg: p, cmd: a.cmd };
  }
  return null;
}

/** The final stage and the stages it is built FROM, root first. */

/** A shell script by name or by its first line (`#!/bin/bash`, `#!/usr/bin/env sh`). */
function isScript(path: string, text: string): boolean {
  return /\.(sh|bash)$/.test(path) || /^#!\s*\S*\/(env\s+)?(ba|da|z|k|a)?sh\b/.test(text);
}

/** At most this many script files are read per copied folder (a COPY of a whole project must stay cheap). */
const MAX_FOLDER_SCRIPTS = 40;

/**
 * The scripts a COPY/ADD source brings in from the build context: the file itself, or the `.sh` files of a copied
 * folder, two levels deep, when the host can list folders. Globs are not expanded.
 */
function copiedScripts(ctx: RuleContext, src: string): { path: string; text: string }[] {
  const read = ctx.readContextFile!;
  const rel = src.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (rel.includes('*') || rel.includes('?') || rel.includes('$') || rel.split('/').includes('..')) return [];
  const text = rel === '' || rel === '.' ? null : read(rel);
  if (text !== null) return isScript(rel, text) ? [{ path: rel, text }] : [];
  if (!ctx.contextEntries) return [];
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string, depth: number) => {
    for (const e of ctx.contextEntries!(dir) ?? []) {
      if (out.length >= MAX_FOLDER_SCRIPTS) return;
      const p = dir === '' ? e.name : `${dir}/${e.name}`;
      if (e.dir) {
        if (depth < 2) walk(p, depth + 1);
      } else if (/\.(sh|bash)$/.test(e.name)) {
        const t = read(p);
        if (t !== null) out.push({ path: p, text: t });
      }
    }
  };
  walk(rel === '.' ? '' : rel, 1);
  return out;
}

/** The first server package installed along the chain: by a RUN, else by a script copied in from the context. */
function findServerInstall(ctx: RuleContext, chain: Stage[]): Install | null {
  for (const s of chain) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const sh = instrShell(ins);
      const hit = sh && serverInstall(sh.all);
      if (hit) return { pkg: hit.pkg, line: ins.startLine + 1 };
    }
  }
  if (!ctx.readContextFile) return null;
  for (const s of chain) {
    for (const ins of s.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flag('from')) continue;
      const json = ins.jsonStrings();
      const args = json ? json.map((a) => a.value) : ins.args().map((a) => a.value);
      for (const src of args.slice(0, -1)) {
        if (/^[a-z]+:\/\//i.test(src)) continue;
        for (const f of copiedScripts(ctx, src)) {
          const hit = serverInstall(simpleCommands(f.text));
          if (hit) return { pkg: hit.pkg, script: { path: f.path, line: lineOfOffset(f.text, hit.cmd.start) } };
        }
      }
    }
  }
  return null;
}

/** Where the package is installed, as the message says it. */
function installedWhere(i: Install): Msg {
  if (i.script) return msg(`\`${i.script.path}\` 파일 ${i.script.line}번 줄에서 설치`, `installed by \`${i.script.path}\` line ${i.script.line}`);
  return msg(`${i.line}번 줄에서 설치`, `installed on line ${i.line}`);
}

/**
 * The finding on the final FROM when the container would run the base image's bare shell instead of the server the
 * image installs; none when a CMD or ENTRYPOINT is set anywhere along the chain or the base image is unknown.
 */
export function inheritedShell(ctx: RuleContext): Finding[] {
  const doc = ctx.doc;
  const stage = finalStage(doc);
  if (!stage) return [];
  const ec = effectiveCommandOrNull(doc, stage);
  // `base`: neither this chain nor the builder touched it; `unknown` would be a guess.
  if (!ec || ec.entrypoint || !ec.cmd || ec.cmd.origin.kind !== 'base') return [];
  const argv = ec.cmd.argv;
  if (argv.length !== 1 || !BARE_SHELL.test(argv[0])) return [];
  const install = findServerInstall(ctx, stageChain(stage));
  if (!install) return [];
  const image = ec.baseImage ?? stage.image ?? '';
  const shell = argv[0];
  const at = installedWhere(install);
  return [
    {
      range: stage.imageRange ?? stage.from.range,
      message: {
        ko: `CMD와 ENTRYPOINT가 없어 컨테이너는 \`${install.pkg}\` 패키지(${at.ko})의 서버를 시작하지 않고 베이스 이미지 \`${image}\`의 CMD인 \`${shell}\` 셸을 실행합니다. \`-i\` 옵션이나 \`-t\` 옵션 없이 \`docker run -d\` 명령으로 실행하면 셸은 빈 입력을 읽고 바로 끝나며 컨테이너도 멈춥니다`,
        en: `There is no CMD or ENTRYPOINT, so the container runs the base image \`${image}\`'s CMD \`${shell}\` instead of starting \`${install.pkg}\` (${at.en}). Under \`docker run -d\` (without \`-i\` or \`-t\`) ${baseName(shell)} reads an empty input and exits at once, and the container stops`,
      },
    },
  ];
}
