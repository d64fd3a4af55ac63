/**
 * DG109 beyond apt: `apk upgrade`, `dnf upgrade` (and its aliases), `yum update|upgrade`, `microdnf update|upgrade`
 * get the same advice as `apt-get upgrade`, without apt's sentence about a missing `-y`.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG109 } from '../../../../server/src/rules/stack/DG109-aptUpgrade';
import { rpmInvocations } from '../../../../server/src/rules/helpers/dnf';
import { ParsedDocument } from '../../../../server/src/service/document';
import { instrShell } from '../../../../server/src/service/shell/binding';
import { assertBilingual, run, where } from '../hadolint/helpers';

const ALPINE = 'FROM alpine:3.20\n';
const FEDORA = 'FROM fedora:40\n';

describe('DG109 on apk, dnf, yum and microdnf', () => {
  it('fires on apk upgrade, with or without global options first', () => {
    const w = where(DG109, ALPINE + 'RUN apk update && apk upgrade --available\nRUN apk --no-cache -X https://mirror.example/main upgrade\n');
    assert.deepEqual(
      w.map((x) => [x.line, x.text]),
      [
        [2, 'apk upgrade --available'],
        [3, 'apk --no-cache -X https://mirror.example/main upgrade'],
      ],
    );
    assert.equal(w[0].en, 'Rebuild on a fresh base image instead of `apk upgrade`');
    assertBilingual(run(DG109, ALPINE + 'RUN apk upgrade\n'));
  });

  it('fires on the dnf, yum and microdnf upgrade commands', () => {
    for (const cmd of [
      'dnf upgrade -y',
      'dnf -y update',
      'dnf --refresh -y up',
      'dnf --enablerepo crb upgrade -y',
      'dnf distro-sync -y',
      'dnf upgrade-minimal --security -y',
      'yum update -y',
      'yum -y upgrade',
      'microdnf update -y',
      'microdnf upgrade',
    ]) {
      const w = where(DG109, FEDORA + `RUN ${cmd}\n`);
      assert.equal(w.length, 1, cmd);
      assert.equal(w[0].text, cmd);
      const [tool] = cmd.split(' ');
      const sub = cmd.split(' ').find((x, i) => i > 0 && !x.startsWith('-') && x !== 'crb');
      assert.equal(w[0].en, `Rebuild on a fresh base image instead of \`${tool} ${sub}\``, cmd);
    }
    assertBilingual(run(DG109, FEDORA + 'RUN dnf -y upgrade\n'));
  });

  it('says nothing about -y or prompts outside apt', () => {
    for (const cmd of ['apk upgrade', 'dnf upgrade', 'yum update', 'microdnf update']) {
      const [f] = run(DG109, FEDORA + `RUN ${cmd}\n`);
      assert.doesNotMatch(f.message.en, /-y|prompt|Abort|exit code/, cmd);
      assert.doesNotMatch(f.message.ko, /-y|확인 질문|Abort|종료 코드/, cmd);
    }
    // apt keeps its sentence.
    assert.match(run(DG109, 'FROM debian:bookworm\nRUN apt-get upgrade\n')[0].message.en, /without `-y`/);
  });

  it('reports several upgrades of one RUN in the order they are written', () => {
    const w = where(DG109, FEDORA + 'RUN yum update -y && apt-get -y upgrade && apk upgrade\n');
    assert.deepEqual(
      w.map((x) => x.text),
      ['yum update -y', 'apt-get -y upgrade', 'apk upgrade'],
    );
  });

  it('stays quiet on installs, index refreshes and look-alikes', () => {
    for (const cmd of [
      'apk update',
      'apk add --upgrade curl',
      'apk add -u curl',
      'apk -U add curl',
      'apk add upgrade',
      'dnf install -y upgrade',
      'dnf check-update',
      'dnf makecache',
      'dnf module update nodejs',
      'dnf --setopt tsflags=nodocs install -y nginx',
      'yum install -y update',
      'yum clean all',
      'microdnf install -y tar',
      'echo dnf upgrade',
    ]) {
      assert.deepEqual(where(DG109, FEDORA + `RUN ${cmd}\n`), [], cmd);
    }
  });

  it('has a title and explanation that are not about apt alone, and keeps the apt claim', () => {
    assert.doesNotMatch(DG109.title.en, /apt/);
    assert.doesNotMatch(DG109.title.ko, /apt/);
    for (const t of [DG109.why.en, DG109.why.ko]) {
      for (const m of ['apk upgrade', 'dnf upgrade', 'yum update', 'microdnf update']) assert.ok(t.includes(m), m);
    }
    assert.match(DG109.why.en, /`apt-get upgrade` without `-y`.*Abort\..*code 1/);
    assert.match(DG109.why.ko, /`-y` 없이 `apt-get upgrade`.*Abort\..*종료 코드 1/);
  });
});

describe('helpers/dnf rpmInvocations', () => {
  const invs = (cmd: string) => {
    const doc = new ParsedDocument('file:///x/Dockerfile', 1, `FROM fedora:40\nRUN ${cmd}\n`);
    return rpmInvocations(instrShell(doc.instructions[1])!.all).map((i) => [i.tool, i.subcommand?.value ?? null, i.operands.map((w) => w.value), i.options]);
  };

  it('skips the values of options that take one, so they are not taken for the subcommand', () => {
    assert.deepEqual(invs('dnf -c /etc/alt.conf --releasever 9 install -y nginx'), [['dnf', 'install', ['nginx'], ['-c', '--releasever', '-y']]]);
    assert.deepEqual(invs('yum --disablerepo=* --enablerepo base update openssl'), [['yum', 'update', ['openssl'], ['--disablerepo=*', '--enablerepo']]]);
    assert.deepEqual(invs('sudo microdnf --setopt install_weak_deps=0 upgrade'), [['microdnf', 'upgrade', [], ['--setopt']]]);
  });

  it('leaves other commands alone', () => {
    assert.deepEqual(invs('rpm -Uvh x.rpm && dnfx upgrade'), []);
  });
});
