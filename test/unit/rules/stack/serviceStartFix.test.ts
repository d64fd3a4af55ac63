/**
 * DG105's fix (issue 18, item 7): `RUN service X start` moves to where it runs at container start.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG105 } from '../../../../server/src/rules/stack/DG105-serviceStartedAtBuild';
import type { RuleContext } from '../../../../server/src/rules/types';
import { applyEdits, doc, lines } from '../buildkit/helpers';

function fixesOf(text: string, files: Record<string, string> = {}) {
  const ctx: RuleContext = { doc: doc(text), readContextFile: (p) => files[p] ?? null };
  const f = DG105.check(ctx)[0];
  return DG105.fix!(ctx, JSON.parse(JSON.stringify(f)));
}

describe('DG105 fix', () => {
  it('into the start script the container runs, after its opening lines; the RUN loses the command and its &&', () => {
    const script = '#!/bin/bash\n# start\nset -e\nservice mariadb start\nexec nginx -g "daemon off;"\n';
    const text = lines('FROM debian:bookworm', 'COPY start.sh /start.sh', 'RUN apt-get install -y php8.2-fpm && service php8.2-fpm start', 'CMD ["bash", "/start.sh"]');
    const [fix] = fixesOf(text, { 'start.sh': script });
    assert.equal(fix.title.en, 'Move service php8.2-fpm start into the start script start.sh');
    assert.equal(applyEdits(text, fix.edits), lines('FROM debian:bookworm', 'COPY start.sh /start.sh', 'RUN apt-get install -y php8.2-fpm', 'CMD ["bash", "/start.sh"]'));
    const [edit] = fix.fileEdits!;
    assert.equal(edit.path, 'start.sh');
    assert.equal(applyEdits(script, edit.edits), '#!/bin/bash\n# start\nset -e\nservice php8.2-fpm start\nservice mariadb start\nexec nginx -g "daemon off;"\n');
  });
  it('a script that already starts it: the RUN copy goes', () => {
    const text = lines('FROM debian:bookworm', 'COPY start.sh /start.sh', 'RUN service nginx start', 'CMD ["bash", "/start.sh"]');
    const [fix] = fixesOf(text, { 'start.sh': '#!/bin/sh\nservice nginx start\ntail -f /dev/null\n' });
    assert.match(fix.title.en, /^Remove service nginx start from this RUN \(start.sh already starts it\)$/);
    assert.equal(fix.fileEdits, undefined);
    assert.equal(applyEdits(text, fix.edits), lines('FROM debian:bookworm', 'COPY start.sh /start.sh', 'CMD ["bash", "/start.sh"]'));
  });
  it('in front of a shell-form CMD; nothing when the container command is not clear', () => {
    const text = lines('FROM debian:bookworm', 'RUN service php8.2-fpm start', 'CMD nginx -g "daemon off;"');
    const [fix] = fixesOf(text);
    assert.equal(applyEdits(text, fix.edits), lines('FROM debian:bookworm', 'CMD service php8.2-fpm start && nginx -g "daemon off;"'));
    assert.deepEqual(fixesOf(lines('FROM debian:bookworm', 'RUN service nginx start', 'CMD ["/unknown.sh"]')), []);
  });
});
