/**
 * DG112's fix (issue 18, item 7): buster → bookworm with the PHP renames bookworm implies (PHP 7.3 → 8.2, in package
 * names, service names, /etc/php paths and the FPM socket), and not the names bookworm keeps (default-mysql-server).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG112 } from '../../../../server/src/rules/stack/DG112-aptUpdateOnEndOfLifeRelease';
import { doc, findings, fixed, lines } from '../buildkit/helpers';

describe('DG112 fix: buster → bookworm', () => {
  it('moves the FROM and renames php7.3 everywhere in the stages built on it', () => {
    const text = lines(
      'FROM debian:buster AS base',
      'RUN apt-get update && apt-get install -y nginx default-mysql-server php7.3-fpm php7.3-mysql',
      'RUN sed -i "s/;cgi.fix_pathinfo=1/cgi.fix_pathinfo=0/" /etc/php/7.3/fpm/php.ini',
      'FROM base',
      'CMD service php7.3-fpm start && nginx -g "daemon off;"',
    );
    const f = findings(DG112, text);
    assert.equal(f.length, 1);
    const out = fixed(DG112, text);
    assert.equal(
      out,
      lines(
        'FROM debian:bookworm AS base',
        'RUN apt-get update && apt-get install -y nginx default-mysql-server php8.2-fpm php8.2-mysql',
        'RUN sed -i "s/;cgi.fix_pathinfo=1/cgi.fix_pathinfo=0/" /etc/php/8.2/fpm/php.ini',
        'FROM base',
        'CMD service php8.2-fpm start && nginx -g "daemon off;"',
      ),
    );
  });
  it('keeps -slim, maps numbered and dated tags, and leaves digests and variables alone', () => {
    const move = (from: string) => fixed(DG112, lines(`FROM ${from}`, 'RUN apt-get update')).split('\n')[0];
    assert.equal(move('debian:buster-slim'), 'FROM debian:bookworm-slim');
    assert.equal(move('debian:10.13'), 'FROM debian:12');
    assert.equal(move('debian:buster-20240612-slim'), 'FROM debian:bookworm-slim');
    const title = (from: string) => {
      const text = lines(`FROM ${from}`, 'RUN apt-get update');
      const ctx = { doc: doc(text) };
      return DG112.fix!(ctx, DG112.check(ctx)[0]).map((x) => x.title.en);
    };
    assert.deepEqual(title('debian:buster'), ['Move to debian:bookworm']);
    assert.deepEqual(title('debian:buster@sha256:' + 'a'.repeat(64)), []);
    // stretch has no fix: its PHP and package names differ in other ways.
    assert.deepEqual(title('debian:stretch'), []);
  });
});

describe('DG112 fix: packages bookworm has no PHP 8.2 package for', () => {
  it('takes php7.3-json and php7.3-recode out of the list instead of renaming them to names apt cannot install', () => {
    const text = lines(
      'FROM debian:buster',
      'RUN apt-get update && apt-get install -y php7.3-json php7.3-fpm php7.3-recode \\',
      '      php7.3-json \\',
      '      php7.3-mysql',
    );
    const out = fixed(DG112, text);
    assert.equal(out, lines('FROM debian:bookworm', 'RUN apt-get update && apt-get install -y php8.2-fpm \\', '      php8.2-mysql'));
    const ctx = { doc: doc(text) };
    const [fix] = DG112.fix!(ctx, DG112.check(ctx)[0]);
    assert.equal(fix.title.en, 'Move to debian:bookworm and rename the PHP packages (php7.3 → php8.2, drop php7.3-json, php7.3-recode, which PHP 8.2 has no package for)');
    assert.equal(fix.title.ko, 'debian:bookworm 이미지로 옮기고 PHP 패키지 이름 바꾸기 (php7.3 → php8.2, PHP 8.2에 없는 php7.3-json, php7.3-recode 패키지 빼기)');
  });
  it('a word that only starts like one (php7.3-jsonx) is renamed as before', () => {
    const out = fixed(DG112, lines('FROM debian:buster', 'RUN apt-get update && apt-get install -y php7.3-jsonx'));
    assert.equal(out.split('\n')[1], 'RUN apt-get update && apt-get install -y php8.2-jsonx');
  });
});
