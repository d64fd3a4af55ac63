/**
 * A RUN whose only job is to start a service (issue 15): nothing of it runs in the container, nor in the next RUN.
 * DG105 fires on it; a database started and set up by the commands after it in the same RUN stays quiet; a database
 * started alone is told where its set-up commands must go; the hover says the difference in both languages.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG105 } from '../../../../server/src/rules/stack/DG105-serviceStartedAtBuild';
import { assertBilingual, run, where } from '../hadolint/helpers';

const F = 'FROM debian:bullseye\nRUN apt-get update && apt-get install -y nginx mariadb-server php7.4-fpm\n';

describe('DG105 a RUN that only starts services', () => {
  it('fires on each service of a RUN that only starts them', () => {
    const w = where(DG105, F + 'RUN service nginx start \\\n && service php7.4-fpm start \\\n && service mariadb start\n');
    assert.deepEqual(
      w.map((x) => [x.line, x.text]),
      [
        [3, 'service nginx start'],
        [4, 'service php7.4-fpm start'],
        [5, 'service mariadb start'],
      ],
    );
    assertBilingual(run(DG105, F + 'RUN /etc/init.d/mysql start\n'));
  });

  it('tells a database started alone where its set-up commands must go, in both languages', () => {
    const [db] = where(DG105, F + 'RUN service mysql start\nRUN mysql -e "CREATE DATABASE blog;"\n');
    assert.equal(db.text, 'service mysql start');
    assert.match(db.en, /stops when this RUN ends; start it from CMD or the start script\. To set the database up at build time, put its commands after this one in the same RUN$/);
    assert.match(db.ko, /이 RUN 안에서 이 명령 뒤에 이어 쓰세요$/);
    const [web] = where(DG105, F + 'RUN service nginx start\n');
    assert.doesNotMatch(web.en, /database/, 'a web server has nothing to set up');
  });

  it('stays quiet on a database started and set up in the same RUN', () => {
    assert.deepEqual(where(DG105, F + `RUN service mariadb start && mysql -u root -e "CREATE DATABASE blog;"\n`), []);
    assert.deepEqual(where(DG105, F + 'RUN service mysql start; mysql < /tmp/schema.sql; service mysql stop\n'), []);
    assert.deepEqual(where(DG105, F + 'RUN /etc/init.d/mysql start && echo "CREATE DATABASE blog;" | mysql -u root\n'), []);
  });

  it('explains in the hover why one is wasted and the other is right', () => {
    assert.match(DG105.why.en, /a RUN that only starts services \(`RUN service nginx start`, `RUN service mysql start`\) leaves nothing running in the container/);
    assert.match(DG105.why.en, /with the commands that follow it in the same RUN .* is correct, though: the database is up while those commands run/);
    assert.match(DG105.why.ko, /서비스를 띄우기만 하는 RUN은 컨테이너에 실행 중인 서비스를 남기지 않고/);
    assert.match(DG105.why.ko, /같은 RUN 안에서 데이터베이스를 띄우고 바로 이어지는 명령으로 초기화하는 것은 올바른 방법입니다/);
  });
});
