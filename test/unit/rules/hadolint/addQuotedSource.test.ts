/** DL3020 on quoted ADD sources: the builder drops the quotes, so `"site.tar.gz"` is an archive like `site.tar.gz`. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DL3020 } from '../../../../server/src/rules/hadolint/DL3020';
import { assertBilingual, fixOnce, run, where } from './helpers';

const F = 'FROM debian:bookworm\n';

describe('DL3020 with quoted sources', () => {
  it('is quiet on a quoted archive or URL, in double or single quotes', () => {
    assert.deepEqual(where(DL3020, F + 'ADD "site.tar.gz" /var/www/\n'), []);
    assert.deepEqual(where(DL3020, F + "ADD 'rootfs.tar.xz' /\n"), []);
    assert.deepEqual(where(DL3020, F + 'ADD "https://example.org/tools/setup.sh" /usr/local/bin/\n'), []);
    assert.deepEqual(where(DL3020, F + 'ADD "vendor.tgz" conf.d /opt/app/\n'), [], 'one archive among the sources keeps ADD');
  });

  it('fires on quoted plain files', () => {
    const text = F + 'ADD "srcs/default.conf" /etc/nginx/conf.d/\n';
    assert.equal(where(DL3020, text)[0].text, 'ADD');
    assertBilingual(run(DL3020, text));
    // A quoted name that only contains an archive suffix is still a plain file.
    assert.equal(where(DL3020, F + "ADD 'backup.tar.gz.md5' /srv/\n").length, 1);
  });

  it('fix: ADD becomes COPY, the quotes stay', () => {
    const fixed = fixOnce(DL3020, F + 'ADD "srcs/default.conf" /etc/nginx/conf.d/\n');
    assert.equal(fixed, F + 'COPY "srcs/default.conf" /etc/nginx/conf.d/\n');
    assert.deepEqual(run(DL3020, fixed), []);
  });
});
