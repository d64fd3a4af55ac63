/**
 * Whether a RUN checks a download against a known checksum or signature (`sha256sum -c`, `gpg --verify`,
 * `openssl dgst`, …). A swapped or damaged file then fails the build instead of going into the image.
 */
import type { InstrShell } from '../../service/shell/binding';

const VERIFY = /^(sha1sum|sha224sum|sha256sum|sha384sum|sha512sum|md5sum|b2sum|shasum|gpg|gpgv|gpg2|cosign|minisign|signify)$/;
const OPENSSL_DIGEST = /^(sha\d*|dgst|md5)$/;
/** The same tools inside `$(…)` of a test (`if [ "$(sha256sum f)" = "…" ]`), which the command list does not show. */
const VERIFY_IN_TEXT = /\b(sha\d+sum|md5sum|b2sum|gpgv?|openssl\s+(sha\d*|dgst))\b/;

export function checksumChecked(shell: InstrShell): boolean {
  // `openssl sha512 -r f` / `openssl dgst -sha256 f` compared against a pinned value is a check too (nginx does it).
  if (shell.all.some((c) => VERIFY.test(c.name) || (c.name === 'openssl' && OPENSSL_DIGEST.test(c.words[1]?.value ?? '')))) return true;
  return VERIFY_IN_TEXT.test(shell.source.text);
}
