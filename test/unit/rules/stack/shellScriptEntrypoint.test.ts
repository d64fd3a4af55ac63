/**
 * Issue 18, item 2: an exec-form `ENTRYPOINT ["/bin/sh", "-c", "…"]` stores what the shell form stores, so it is
 * judged the same way (DG103, the "shell is PID 1" lens, the explainer's table cell), the quick fix no longer
 * turns one into the other, and the fix offered instead (a start script ending with `exec "$@"`) makes the CMD run.
 * The run-time facts are on the engine in test/claims/shellEntrypoint.test.ts.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { JSONArgsRecommended } from '../../../../server/src/rules/buildkit/JSONArgsRecommended';
import { DG103 } from '../../../../server/src/rules/stack/DG103-shellEntrypointIgnoresCmd';
import type { RuleContext } from '../../../../server/src/rules/types';
import { codeLensTitle } from '../../../../server/src/service/codeLens';
import { effectiveCommand, finalStage } from '../../../../server/src/service/effectiveCommand';
import { explainMarkdown } from '../../../../server/src/service/explain';
import { startChain } from '../../../../server/src/service/startChain';
import { splitLongRunning } from '../../../../server/src/rules/helpers/startScriptFix';
import { applyEdits, doc, findings, lines } from '../buildkit/helpers';

const EXEC_SH = lines('FROM debian:bookworm', 'ENTRYPOINT ["/bin/sh", "-c", "service nginx start && bash"]', 'CMD ["tail", "-f", "/dev/null"]');
const SHELL = lines('FROM debian:bookworm', 'ENTRYPOINT service nginx start && bash', 'CMD ["tail", "-f", "/dev/null"]');

function ec(text: string) {
  const d = doc(text);
  return effectiveCommand(d, finalStage(d)!);
}

describe('ENTRYPOINT ["/bin/sh", "-c", "…"] is shell text', () => {
  it('DG103 fires for it as for the shell form, and says where the CMD goes', () => {
    for (const text of [EXEC_SH, SHELL]) {
      const f = findings(DG103, text);
      assert.equal(f.length, 1, text);
      assert.match(f[0].message.en, /^This CMD never runs: .*first word only becomes \$0 and the rest \$1…$/);
      assert.match(f[0].message.ko, /^이 CMD는 실행되지 않습니다: .*첫 단어는 \$0, 나머지는 \$1…이 될 뿐입니다$/);
    }
    assert.match(findings(DG103, EXEC_SH)[0].message.en, /\["\/bin\/sh", "-c", …\]/);
    // A script that reads "$@" gets the CMD, but without the word that went to $0.
    const at = findings(DG103, lines('FROM debian', 'ENTRYPOINT ["sh", "-c", "setup && exec \\"$@\\""]', 'CMD ["nginx", "-g", "daemon off;"]'));
    assert.match(at[0].message.en, /^This CMD arrives without its first word/);
    // The working pattern, a fourth element for $0, is exec form proper: nothing to say.
    assert.equal(findings(DG103, lines('FROM debian', 'ENTRYPOINT ["sh", "-c", "setup && exec \\"$@\\"", "sh"]', 'CMD ["nginx"]')).length, 0);
    assert.equal(findings(DG103, lines('FROM debian', 'ENTRYPOINT ["/start.sh"]', 'CMD ["nginx"]')).length, 0);
  });

  it('keeps the "shell is PID 1" lens and the shell-form cell of the table, with the CMD in $0', () => {
    const e = ec(EXEC_SH);
    assert.equal(e.entrypoint?.form, 'shell');
    assert.equal(e.shellForm, true);
    assert.match(codeLensTitle(e, 'ko'), /셸이 PID 1/);
    assert.deepEqual(e.argv, ['/bin/sh', '-c', 'service nginx start && bash', 'tail', '-f', '/dev/null']);
    const md = explainMarkdown(e, 'en');
    assert.ok(!md.includes('**▶ `e1 e2 c1 c2`**'), 'the exec×exec cell must not be marked');
    assert.match(md, /\*\*▶ `\/bin\/sh -c "e1 e2" c1 c2`/);
    assert.match(md, /`tail` becomes `\$0` and `-f \/dev\/null` `\$1`…/);
    assert.match(md, /not run unless the script uses `"\$@"`/);
    const ko = explainMarkdown(e, 'ko');
    assert.match(ko, /`tail` 단어가 `\$0` 값이 됩니다/);
    // The explainer does not follow the CMD as a program the script hands PID 1 to.
    const d = doc(EXEC_SH);
    const chain = startChain(d, effectiveCommand(d, finalStage(d)!), () => null);
    assert.equal(chain?.shellPid1, true);
  });

  it('no longer offers ["/bin/sh", "-c", …] for an ENTRYPOINT, but still for a CMD', () => {
    const d = doc(SHELL);
    const ctx: RuleContext = { doc: d, readContextFile: () => null };
    const ep = JSONArgsRecommended.check(ctx).find((f) => f.range.start.line === 1)!;
    const titles = JSONArgsRecommended.fix!(ctx, ep).map((f) => f.title.en);
    assert.ok(!titles.some((t) => t.includes('"-c"')), titles.join(' | '));
    const cmd = doc(lines('FROM debian', 'CMD service nginx start && tail -f /dev/null'));
    const cctx: RuleContext = { doc: cmd, readContextFile: () => null };
    assert.match(JSONArgsRecommended.fix!(cctx, JSONArgsRecommended.check(cctx)[0])[0].title.en, /\["\/bin\/sh", "-c", …\]/);
  });

  it('offers the start script that ends with exec "$@"; after it, the CMD is what PID 1 hands over to', () => {
    for (const text of [EXEC_SH, SHELL]) {
      const d = doc(text);
      const files: Record<string, string> = {};
      const ctx: RuleContext = { doc: d, readContextFile: (p) => files[p] ?? null };
      const finding = JSON.parse(JSON.stringify(DG103.check(ctx)[0]));
      const [fix] = DG103.fix!(ctx, finding);
      assert.ok(fix, text);
      assert.equal(fix.preferred, true);
      assert.equal(fix.files?.length, 1);
      const script = fix.files![0];
      assert.equal(script.path, 'docker-entrypoint.sh');
      assert.match(script.text.en, /^#!\/bin\/sh\n(#.*\n)+service nginx start && bash\n\nexec "\$@"\n$/);
      const after = applyEdits(text, fix.edits);
      assert.equal(
        after,
        lines('FROM debian:bookworm', 'COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh', 'ENTRYPOINT ["/bin/sh", "/usr/local/bin/docker-entrypoint.sh"]', 'CMD ["tail", "-f", "/dev/null"]'),
      );
      files['docker-entrypoint.sh'] = script.text.en;
      assert.equal(findings(DG103, after, files).length, 0);
      // The explainer follows the new script: its exec "$@" hands PID 1 to the CMD.
      const nd = doc(after);
      const chain = startChain(nd, effectiveCommand(nd, finalStage(nd)!), (p) => files[p] ?? null)!;
      assert.deepEqual(chain.pid1Chain[chain.pid1Chain.length - 1].argv, ['tail', '-f', '/dev/null']);
      assert.equal(chain.shellPid1, false);
    }
  });

  it('picks a free name, uses the stage\'s SHELL, and offers nothing without a build context', () => {
    const text = lines('FROM debian', 'SHELL ["/bin/bash", "-c"]', 'ENTRYPOINT a && b', 'CMD ["c"]');
    const d = doc(text);
    const taken: Record<string, string> = { 'docker-entrypoint.sh': 'x' };
    const ctx: RuleContext = { doc: d, readContextFile: (p) => taken[p] ?? null };
    const [fix] = DG103.fix!(ctx, DG103.check(ctx)[0]);
    assert.equal(fix.files![0].path, 'docker-entrypoint-2.sh');
    assert.match(fix.files![0].text.ko, /^#!\/bin\/bash\n/);
    assert.match(applyEdits(text, fix.edits), /ENTRYPOINT \["\/bin\/bash", "\/usr\/local\/bin\/docker-entrypoint-2.sh"\]/);
    const bare: RuleContext = { doc: d };
    assert.deepEqual(DG103.fix!(bare, DG103.check(bare)[0]), []);
  });

  it('A && B && a program that stays in the foreground: the set-up goes to the script, the program becomes the exec-form CMD', () => {
    const text = lines('FROM debian:bookworm', 'ENTRYPOINT service mariadb start && service php8.2-fpm start && nginx -g "daemon off;"', 'CMD tail -f /dev/null');
    const d = doc(text);
    const files: Record<string, string> = {};
    const ctx: RuleContext = { doc: d, readContextFile: (p) => files[p] ?? null };
    const fixes = DG103.fix!(ctx, JSON.parse(JSON.stringify(DG103.check(ctx)[0])));
    assert.deepEqual(fixes.map((f) => [f.title.en, !!f.preferred]), [
      ['Move the set-up into a start script, docker-entrypoint.sh, and run nginx as the exec-form CMD (PID 1)', true],
      ['Move the commands into a start script, docker-entrypoint.sh, that ends with exec "$@" (runs the CMD)', false],
    ]);
    const after = applyEdits(text, fixes[0].edits);
    assert.equal(
      after,
      lines('FROM debian:bookworm', 'COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh', 'ENTRYPOINT ["/bin/sh", "/usr/local/bin/docker-entrypoint.sh"]', 'CMD ["nginx", "-g", "daemon off;"]'),
    );
    files['docker-entrypoint.sh'] = fixes[0].files![0].text.en;
    assert.match(files['docker-entrypoint.sh'], /\nservice mariadb start && service php8.2-fpm start\n\nexec "\$@"\n$/);
    // PID 1 ends up being nginx itself, through the script's exec "$@".
    const nd = doc(after);
    const chain = startChain(nd, effectiveCommand(nd, finalStage(nd)!), (p) => files[p] ?? null)!;
    assert.deepEqual(chain.pid1Chain[chain.pid1Chain.length - 1].argv, ['nginx', '-g', 'daemon off;']);
    assert.deepEqual(findings(DG103, after, files), []);
    // Without a CMD (JSONArgsRecommended's fix), the CMD is added after the ENTRYPOINT.
    const noCmd = lines('FROM debian:bookworm', 'ENTRYPOINT service mariadb start && exec php-fpm8.2 -F');
    const nctx: RuleContext = { doc: doc(noCmd), readContextFile: () => null };
    const [first] = JSONArgsRecommended.fix!(nctx, JSONArgsRecommended.check(nctx)[0]);
    assert.equal(applyEdits(noCmd, first.edits), lines('FROM debian:bookworm', 'COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh', 'ENTRYPOINT ["/bin/sh", "/usr/local/bin/docker-entrypoint.sh"]', 'CMD ["php-fpm8.2", "-F"]'));
  });

  it('splits only when it is clear', () => {
    assert.deepEqual(splitLongRunning('a && b && tail -f /dev/null'), { head: 'a && b', argv: ['tail', '-f', '/dev/null'] });
    for (const t of ['service nginx start && bash', 'a; nginx -g "daemon off;"', 'a || nginx -g "daemon off;"', 'a && nginx', 'a && tail -f $LOG', 'a && tail -f x > /dev/null', 'nginx -g "daemon off;"', 'if a; then b; fi && sleep infinity']) {
      assert.equal(splitLongRunning(t), null, t);
    }
  });
});
