/**
 * SecretsUsedInArgOrEnv: an ARG or ENV whose name says it holds a secret. Decided by name, like BuildKit: the name is
 * split into `_`-separated words (case ignored) and flagged when one word is a secret word (password, passwd, pword,
 * secret, token, key, apikey, auth, credential(s)), unless a word is `public`. We also let `gpg`/`pgp` names through:
 * official images set `ENV GPG_KEY <fingerprint>`, and a key fingerprint is public by design.
 */
import { fill, msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import { docsUrl } from '../helpers/urls';

const SECRET_WORDS = new Set(['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token']);
const ALLOW_WORDS = new Set(['public', 'gpg', 'pgp']);

export function looksSecret(name: string): boolean {
  const words = name.toLowerCase().split('_');
  if (words.some((w) => ALLOW_WORDS.has(w))) return false;
  return words.some((w) => SECRET_WORDS.has(w));
}

const MESSAGE = msg(
  'ARG나 ENV에 비밀 정보를 넣지 마세요: {0} "{1}"',
  'Do not use ARG or ENV instructions for sensitive data ({0} "{1}")',
);

export const SecretsUsedInArgOrEnv: Rule = {
  id: 'SecretsUsedInArgOrEnv',
  severity: 'warning',
  title: msg('ARG/ENV에 비밀 정보', 'Secrets in ARG or ENV'),
  why: msg(
    '`ENV`로 넣은 값은 이미지 설정에 그대로 남아 `docker inspect`로 누구나 볼 수 있고, `ARG` 값도 `docker history`와 빌드 캐시에 남습니다. 이미지를 공유하는 순간 비밀번호도 함께 공유됩니다. 빌드 중에만 필요하면 `RUN --mount=type=secret` 시크릿 마운트를 쓰고, 실행할 때 필요하면 `docker run -e`나 secret 파일로 넘기세요.',
    'A value set with `ENV` stays in the image configuration, readable by anyone with `docker inspect`, and `ARG` values remain in `docker history` and the build cache. Share the image and you share the password. Use `RUN --mount=type=secret` for what the build needs, and `docker run -e` or a secret file for what the container needs at run time.',
  ),
  url: docsUrl('secrets-used-in-arg-or-env'),
  check({ doc }) {
    const out: Finding[] = [];
    for (const d of doc.varDefs) {
      if (!looksSecret(d.name)) continue;
      out.push({ range: d.nameRange, message: { ko: fill(MESSAGE.ko, [d.kind, d.name]), en: fill(MESSAGE.en, [d.kind, d.name]) } });
    }
    return out;
  },
};
