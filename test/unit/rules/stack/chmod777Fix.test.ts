/**
 * DG106's fix (issue 18, item 7): chmod 777 → an owner plus 755/644, only where the right mode is clear.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG106 } from '../../../../server/src/rules/stack/DG106-chmod777';
import { doc, fixed, lines } from '../buildkit/helpers';

const titles = (text: string) => {
  const ctx = { doc: doc(text) };
  return DG106.check(ctx).map((f) => DG106.fix!(ctx, JSON.parse(JSON.stringify(f))).map((x) => x.title.en));
};

describe('DG106 fix', () => {
  it('web content: www-data owns it, folders 755, files 644', () => {
    assert.equal(
      fixed(DG106, lines('FROM debian', 'RUN tar xf wp.tgz -C /var/www/html && chmod -R 777 /var/www/html/wordpress')),
      lines('FROM debian', 'RUN tar xf wp.tgz -C /var/www/html && chown -R www-data:www-data /var/www/html/wordpress && find /var/www/html/wordpress -type d -exec chmod 755 {} + && find /var/www/html/wordpress -type f -exec chmod 644 {} +'),
    );
    assert.equal(
      fixed(DG106, lines('FROM debian', 'RUN chmod 777 /var/www/html/phpmyadmin/tmp')),
      lines('FROM debian', 'RUN chown www-data:www-data /var/www/html/phpmyadmin/tmp && chmod 755 /var/www/html/phpmyadmin/tmp'),
    );
  });
  it('one path elsewhere, not recursive: 755', () => {
    assert.equal(fixed(DG106, lines('FROM debian', 'RUN chmod 777 /tmp/setup.sh')), lines('FROM debian', 'RUN chmod 755 /tmp/setup.sh'));
  });
  it('no fix where the right owner and mode are not clear', () => {
    assert.deepEqual(titles(lines('FROM debian', 'RUN chmod -R 777 /var/*')), [[]]);
    assert.deepEqual(titles(lines('FROM debian', 'RUN chmod -R 777 /etc/nginx/')), [[]]);
    assert.deepEqual(titles(lines('FROM debian', 'RUN chmod -R 777 /app')), [[]]);
    assert.deepEqual(titles(lines('FROM debian', 'RUN chmod 777 $DIR')), []);
  });
});
