/**
 * DG114: a download with the TLS certificate check turned off: `curl -k`/`--insecure`, `wget --no-check-certificate`,
 * git's `http.sslVerify=false` (through `-c` or `git config`) or `GIT_SSL_NO_VERIFY`. HTTPS then still encrypts, but no
 * longer checks who is at the other end, so whoever sits on the network path can hand the build a different file.
 * The usual reason people reach for these flags in a Dockerfile is a missing `ca-certificates` package: curl's
 * library, wget and git only recommend it (Debian 12: `Recommends: ca-certificates`), so
 * `apt-get install --no-install-recommends curl` leaves it out.
 */
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { runShells } from '../helpers/shell';
import { checksumChecked } from '../helpers/checksum';
import { wordRange } from '../../service/shell/binding';
import type { Word } from '../../service/shell/lexer';

/** curl's short options that take a value: in `-fsSLo file`, whatever follows `o` in the group is its value. */
const CURL_SHORT_WITH_VALUE = new Set('AbcCdDeEFHKmoPQrTuUwxXyYz'.split(''));
const SHORT_GROUP = /^-[A-Za-z0-9#:]+$/;
const GIT_SSL_VERIFY_KEY = /^http\.(?:.+\.)?sslverify$/i;
const FALSE = /^(false|no|off|0)$/i;
const GIT_NO_VERIFY_ENV = /^GIT_SSL_NO_VERIFY=/;

/** Whether a short-option group such as `-fsSLk` contains `-k` as an option of its own (not inside a value). */
function curlGroupHasK(word: string): boolean {
  if (!SHORT_GROUP.test(word)) return false;
  for (let i = 1; i < word.length; i++) {
    if (word[i] === 'k') return true;
    if (CURL_SHORT_WITH_VALUE.has(word[i])) return false;
  }
  return false;
}

/** The word that turns the check off in one command, and how to name it; null when the command keeps the check. */
function checkOff(name: string, words: Word[]): { word: Word; shown: string } | null {
  if (name === 'curl') {
    for (const w of words.slice(1)) {
      if (w.value === '--') break;
      if (w.value === '--insecure' || curlGroupHasK(w.value)) return { word: w, shown: `curl ${w.value}` };
    }
  } else if (name === 'wget') {
    for (const w of words.slice(1)) if (w.value === '--no-check-certificate') return { word: w, shown: 'wget --no-check-certificate' };
  } else if (name === 'git') {
    for (let i = 1; i < words.length; i++) {
      const w = words[i].value;
      // `git -c http.sslVerify=false clone …`
      if (w === '-c' && words[i + 1]) {
        const [key, value = 'true'] = words[i + 1].value.split('=', 2);
        if (GIT_SSL_VERIFY_KEY.test(key) && FALSE.test(value)) return { word: words[i + 1], shown: `git -c ${words[i + 1].value}` };
        i++;
        continue;
      }
      // `git config [--global] http.sslVerify false`
      if (w === 'config') {
        const rest = words.slice(i + 1).filter((x) => !x.value.startsWith('-'));
        if (rest.length >= 2 && GIT_SSL_VERIFY_KEY.test(rest[0].value) && FALSE.test(rest[1].value)) {
          return { word: rest[0], shown: `git config ${rest[0].value} ${rest[1].value}` };
        }
        return null;
      }
      if (!w.startsWith('-')) return null;
    }
  }
  return null;
}

const WHY_FIX = msg(
  '인증서 오류가 나면 검사를 끄지 말고 원인을 고치세요. 슬림 이미지에서는 대개 `ca-certificates` 패키지가 없는 것이 원인입니다(`apt-get install --no-install-recommends curl` 명령은 이 패키지를 설치하지 않습니다).',
  'If there is a certificate error, fix its cause instead of turning the check off. In a slim image it is usually the missing `ca-certificates` package (`apt-get install --no-install-recommends curl` leaves it out).',
);

export const DG114: Rule = {
  id: 'DG114',
  severity: 'warning',
  title: msg('다운로드에서 인증서 확인을 끕니다', 'A download turns the certificate check off'),
  why: msg(
    '`curl -k`(`--insecure`), `wget --no-check-certificate`, git의 `http.sslVerify=false` 설정이나 `GIT_SSL_NO_VERIFY` 환경 변수를 쓰면 HTTPS 연결은 암호화되지만 상대 서버가 진짜인지는 확인하지 않습니다. 그래서 네트워크 경로에 있는 누구든(프록시, 공용 Wi-Fi, 변조된 미러) 다른 파일을 건넬 수 있고, 빌드는 알아채지 못한 채 그 파일을 이미지에 넣습니다. ' +
      WHY_FIX.ko +
      ' 사내 인증서가 필요하면 그 CA 인증서를 이미지에 추가하세요.',
    '`curl -k` (`--insecure`), `wget --no-check-certificate`, git\'s `http.sslVerify=false` or `GIT_SSL_NO_VERIFY` keep HTTPS encrypted but stop checking that the server is the real one. Anyone on the network path (a proxy, a public Wi-Fi, a tampered mirror) can then hand over a different file, and the build puts it into the image without noticing. ' +
      WHY_FIX.en +
      ' If a company certificate is needed, add that CA certificate to the image.',
  ),
  local: true,
  check({ doc }) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'ENV') continue;
      for (const p of ins.properties()) {
        // git looks only at whether the variable is set, not at its value.
        if (p.name !== 'GIT_SSL_NO_VERIFY') continue;
        out.push({
          range: p.nameRange,
          message: msg(
            '`GIT_SSL_NO_VERIFY`: 이후의 모든 git 명령이 서버 인증서를 확인하지 않으므로 중간에서 누구든 내용을 바꿔치기할 수 있습니다',
            '`GIT_SSL_NO_VERIFY` makes every later git command skip the server certificate check: anyone on the network path can swap what it fetches',
          ),
        });
      }
    }
    for (const { shell } of runShells(doc)) {
      // A download checked against a pinned checksum in the same RUN cannot be swapped unnoticed: the check fails
      // the build. Turning the certificate check off is then a workaround for a broken server certificate, not a hole.
      if (checksumChecked(shell)) continue;
      for (const c of shell.all) {
        const env = c.assignments.find((a) => GIT_NO_VERIFY_ENV.test(a.value));
        if (env && c.name === 'git') {
          out.push({
            range: wordRange(doc, env),
            message: msg(
              `\`${env.value}\`: 이 git 명령은 서버 인증서를 확인하지 않으므로 중간에서 누구든 내용을 바꿔치기할 수 있습니다`,
              `\`${env.value}\` makes this git command skip the server certificate check: anyone on the network path can swap what it fetches`,
            ),
          });
          continue;
        }
        const off = checkOff(c.name, c.words);
        if (!off) continue;
        out.push({
          range: wordRange(doc, off.word),
          message: msg(
            `\`${off.shown}\`: 서버 인증서를 확인하지 않으므로 중간에서 누구든 다른 파일로 바꿔치기할 수 있습니다`,
            `\`${off.shown}\` skips the server certificate check: anyone on the network path can swap the file`,
          ),
        });
      }
    }
    return out;
  },
};
