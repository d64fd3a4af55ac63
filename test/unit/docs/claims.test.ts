/**
 * The corrected claims of issue 13 §3, guarded without an engine: each text states what test/claims shows on the
 * real engine, in both languages, and none falls back to the wrong version. (test/claims runs the behaviour itself.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { APT_PACKAGES, FLAGS, INSTRUCTIONS } from '../../../server/src/docs';
import type { Msg } from '../../../common/src/i18n';
import { JSONArgsRecommended } from '../../../server/src/rules/buildkit/JSONArgsRecommended';
import { UndefinedVar } from '../../../server/src/rules/buildkit/UndefinedVar';
import { DL3014 } from '../../../server/src/rules/hadolint/DL3014';
import { DL3025 } from '../../../server/src/rules/hadolint/DL3025';
import { DG109 } from '../../../server/src/rules/stack/DG109-aptUpgrade';

const apt = (name: string): Msg => APT_PACKAGES.find((p) => p.name === name)!.doc;
const flag = (kw: string, name: string) => FLAGS[kw].find((f) => f.name === name)!;

interface Claim {
  name: string;
  text: Msg;
  en: RegExp[];
  ko: RegExp[];
  /** Wording of the old, wrong claim. */
  notEn?: RegExp;
  notKo?: RegExp;
}

const CLAIMS: Claim[] = [
  {
    name: '1 openssl req without -subj fails at once',
    text: apt('openssl'),
    en: [/exits with code 1/, /fails at once/],
    ko: [/종료 코드 1/, /실패합니다/],
    notEn: /hangs|waits for input/,
    notKo: /기다리다 멈춥니다/,
  },
  {
    name: '2 procps is missing from the full Debian images too',
    text: apt('procps'),
    en: [/not only the slim ones/, /minbase/],
    ko: [/slim이 아닌/, /minbase/],
    notEn: /^[^.]*Missing from slim images;/,
  },
  {
    name: '3 USER: ports are bound at run time, and non-root may bind below 1024',
    text: INSTRUCTIONS.USER.forms,
    en: [/Ports are opened at run time/, /ip_unprivileged_port_start=0/, /Since Docker 20\.10/],
    ko: [/컨테이너가 실행될 때/, /ip_unprivileged_port_start=0/, /Docker 20\.10부터/],
    notEn: /binding nginx to ports 80\/443/,
    notKo: /nginx\(80\/443 포트\)/,
  },
  {
    name: '4 ADD extracts gzip, bzip2, xz; zstd depends on the builder version',
    text: INSTRUCTIONS.ADD.forms,
    en: [/`gzip`, `bzip2`, `xz` or uncompressed/, /Docker Engine 23\.0/, /BuildKit 0\.10/],
    ko: [/`gzip`, `bzip2`, `xz` 압축 또는 압축 없음/, /Docker Engine 23\.0/, /BuildKit 0\.10/],
    notEn: /`xz`, `zstd` or uncompressed/,
    notKo: /`xz`, `zstd` 또는/,
  },
  {
    name: '5 WORKDIR: an undeclared variable becomes empty',
    text: INSTRUCTIONS.WORKDIR.forms,
    en: [/becomes an empty string/],
    ko: [/빈 문자열/],
    notEn: /not set in the Dockerfile are not/,
    notKo: /치환되지 않습니다/,
  },
  {
    name: '5 UndefinedVar agrees',
    text: UndefinedVar.why,
    en: [/empty string/],
    ko: [/빈 문자열/],
  },
  {
    name: '6 the apt cache mount example is the full pattern',
    text: flag('RUN', 'mount').details!,
    en: [/docker-clean/, /target=\/var\/lib\/apt,sharing=locked/, /Keep-Downloaded-Packages/],
    ko: [/docker-clean/, /target=\/var\/lib\/apt,sharing=locked/, /Keep-Downloaded-Packages/],
  },
  {
    name: '8 DL3014: apt without -y aborts at once with exit code 1',
    text: DL3014.why,
    en: [/Abort\./, /exits with code 1/, /fails at once/],
    ko: [/Abort\./, /종료 코드 1/],
    notEn: /aborts the build\. It passes/,
    notKo: /멈/,
  },
  {
    name: '8 DG109: apt upgrade without -y aborts at once',
    text: DG109.why,
    en: [/Abort\./, /code 1/],
    ko: [/Abort\./, /종료 코드 1/],
    notEn: /stops the build/,
    notKo: /멈춥니다/,
  },
  {
    name: '9 HEALTHCHECK --retries: 0 is the default, only negative values fail',
    text: flag('HEALTHCHECK', 'retries').details!,
    en: [/`0` means the default \(3\)/, /only a negative value/, /Docker Engine 24\.0/],
    ko: [/`0`은 기본값\(3\)/, /음수만/, /Docker Engine 24\.0/],
    notEn: /Must be an integer of at least 1/,
    notKo: /1 이상의 정수여야/,
  },
  {
    name: '10 RUN --device: labs only, as BuildKit ships it',
    text: flag('RUN', 'device').details!,
    en: [/Labs-only/, /1\.14\.0-labs/],
    ko: [/labs 채널에만/, /1\.14\.0-labs/],
  },
  {
    name: '11 COPY ../ does not fail with BuildKit',
    text: INSTRUCTIONS.COPY.forms,
    en: [/does not fail/, /forbidden path outside the build context/],
    ko: [/실패하지 않고/, /forbidden path outside the build context/],
    notEn: /cannot leave it with `\.\.\/`/,
  },
  {
    name: '12 CMD shell form: dash stays PID 1, other shells may exec',
    text: INSTRUCTIONS.CMD.forms,
    en: [/dash, which stays PID 1/, /may replace themselves with the last command/],
    ko: [/dash는 명령이 끝날 때까지 PID 1로 남고/, /exec 형식은 셸과 상관없이/],
    notEn: /so PID 1 is `sh`/,
    notKo: /PID 1은 `sh`이고/,
  },
  {
    name: '12 JSONArgsRecommended',
    text: JSONArgsRecommended.why,
    en: [/dash, which stays PID 1/],
    ko: [/dash는 PID 1로 남아/],
    notEn: /the shell becomes PID 1 and/,
  },
  {
    name: '12 DL3025',
    text: DL3025.why,
    en: [/dash, which stays PID 1/],
    ko: [/dash는 PID 1로 남아/],
    notEn: /so the shell is PID 1\./,
  },
];

describe('docs: the corrected claims (issue 13 §3) stay corrected', () => {
  it('every claim text says what the engine does, in both languages', () => {
    let checked = 0;
    for (const c of CLAIMS) {
      for (const re of c.en) assert.match(c.text.en, re, `${c.name} (en)`);
      for (const re of c.ko) assert.match(c.text.ko, re, `${c.name} (ko)`);
      if (c.notEn) assert.doesNotMatch(c.text.en, c.notEn, `${c.name}: the old wrong wording (en)`);
      if (c.notKo) assert.doesNotMatch(c.text.ko, c.notKo, `${c.name}: the old wrong wording (ko)`);
      checked++;
    }
    assert.equal(checked, CLAIMS.length);
    assert.ok(CLAIMS.length >= 15);
  });

  it('no doc or flag text lists zstd among what ADD always extracts, or calls a no-stdin prompt a hang', () => {
    const texts: string[] = [];
    for (const d of Object.values(INSTRUCTIONS)) texts.push(d.forms.en, d.forms.ko, d.summary.en, d.summary.ko);
    for (const fs of Object.values(FLAGS)) for (const f of fs) texts.push(f.summary.en, f.summary.ko, f.details?.en ?? '', f.details?.ko ?? '');
    for (const p of APT_PACKAGES) texts.push(p.doc.en, p.doc.ko);
    assert.ok(texts.length > 100, `read ${texts.length} texts`);
    for (const t of texts) {
      // zstd listed right after xz, as if every builder extracted it.
      assert.doesNotMatch(t, /xz`?, `?zstd/, t);
      assert.doesNotMatch(t, /build hangs|waits for input/, t);
    }
  });
});
