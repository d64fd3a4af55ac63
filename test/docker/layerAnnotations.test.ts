/**
 * The editor's layer annotations on the real engine, with both builders: the pipeline the annotation store runs after
 * a build (history → lines → labels at once; export → wasted bytes → diagnostics and quick fix in the background)
 * on an image built FROM the busybox test image. The RUN that writes 1 MB shows its size and the waste, the RUN that
 * deletes it shows `+0B`, the ENV shows `no layer`. Then the quick fix's Dockerfile is built and analysed too: the
 * moved cleanup leaves no wasted bytes, which is what the fix promises.
 * (The step outcomes and the cache break come from the build commands' BuildRecord, tested with the build.)
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analysedTar, imageHistory } from '../../common/src/layers/analyse';
import { mapHistory } from '../../common/src/layers/history';
import { layersReport } from '../../common/src/layers/report';
import { lineFacts, withWaste } from '../../client/src/editor/layers/annotationModel';
import { labelParts } from '../../client/src/editor/layers/annotationText';
import { applyLineEdits, cleanupFix } from '../../client/src/editor/layers/cleanupFix';
import { wasteGroups } from '../../client/src/editor/layers/wasteGroups';
import { builders } from '../engine/builders';
import { cleanup, mainClients, runId, sh, TEST_IMAGE, TEST_LABEL, ensureTestImage } from './helpers';

const MB = 1024 * 1024;

describe('layer annotations from a real build (both builders)', () => {
  const id = runId();
  const clients = mainClients();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-layer-annotations-'));
  const TEXT = [`FROM ${TEST_IMAGE}`, '# one megabyte, then its cleanup', 'RUN dd if=/dev/zero of=/big bs=1M count=1', 'RUN rm /big', 'COPY hello.txt /hello.txt', 'ENV GREETING=hi', ''].join('\n');

  before(() => {
    ensureTestImage();
    fs.writeFileSync(path.join(dir, 'hello.txt'), 'hello\n');
  });

  after(async () => {
    await cleanup(clients, id);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Builds `text` with builder `b`; returns the image ID. */
  function build(b: ReturnType<typeof builders>[number], text: string, name: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return sh(b.cli, ['build', '-q', '--label', `${TEST_LABEL}=${id}`, '-f', file, dir], b.env);
  }

  for (const b of builders()) {
    it(`${b.name}: sizes and no-layer lines at once, the waste after the export, and a quick fix that removes it`, async () => {
      const imageId = build(b, TEXT, `Dockerfile.${b.name}`);
      const history = await imageHistory(clients, imageId);
      const facts = lineFacts({ text: TEXT, steps: [], cacheBreak: null }, mapHistory(history, TEXT));
      const labels = new Map(facts.map((f) => [f.line + 1, labelParts(f, false, 'en').join(' · ')]));
      assert.equal(labels.get(3), '+1.05MB', JSON.stringify([...labels]));
      assert.equal(labels.get(4), '+0B');
      assert.equal(labels.get(5), '+6B', 'the COPY adds the 6 bytes of hello.txt');
      assert.equal(labels.get(6), 'no layer');
      assert.match(labels.get(1) ?? '', /^base \d/);

      const report = layersReport(imageId, history, await analysedTar(clients, imageId), TEXT);
      const withBytes = withWaste(facts, report.waste);
      assert.equal(labelParts(withBytes.find((f) => f.line === 2)!, false, 'en').join(' · '), '+1.05MB · 1.05MB wasted');
      const groups = wasteGroups(report.waste);
      assert.deepEqual(groups.map((g) => [g.addedLine, g.removedLine, g.bytes, g.biggest[0].path]), [[3, 4, MB, '/big']]);

      const fix = cleanupFix(TEXT, groups[0].addedLine - 1, groups[0].removedLine! - 1);
      assert.ok(fix.ok, JSON.stringify(fix));
      const fixed = applyLineEdits(TEXT, fix.edits);
      assert.equal(fixed, TEXT.replace('count=1\nRUN rm /big\n', 'count=1 && rm /big\n'));
      const fixedId = build(b, fixed, `Dockerfile.${b.name}.fixed`);
      const after = layersReport(fixedId, await imageHistory(clients, fixedId), await analysedTar(clients, fixedId), fixed);
      assert.equal(after.wasted, 0, JSON.stringify(after.waste));
      assert.ok(after.size < report.size - MB / 2, `the fixed image is smaller: ${after.size} < ${report.size}`);
    });
  }
});
