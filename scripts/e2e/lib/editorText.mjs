// Where text sits on the screen in the real VS Code's editor, for UI scripts that hover or click a word.

/**
 * The screen box of the first occurrence of `word` in the visible editor lines, on the first line whose text
 * matches `line` (a RegExp; the editor renders spaces as no-break spaces, which are read as spaces here); null when
 * no visible line has it. Works whatever the tokenizer split the line into.
 */
export function wordBox(page, word, line = null) {
  return page.evaluate(
    ([w, src, flags]) => {
      const re = src === null ? null : new RegExp(src, flags);
      for (const el of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
        if (re && !re.test((el.textContent ?? '').replace(/\u00a0/g, ' '))) continue;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
          const at = (node.textContent ?? '').indexOf(w);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + w.length);
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
      }
      return null;
    },
    [word, line ? line.source : null, line ? line.flags : ''],
  );
}

/**
 * Moves the real mouse onto `word` (on the first visible line matching `line`) until `shows`, a Playwright locator
 * in the hover widget, becomes visible. The first hover can come before the language server has answered (it is
 * still starting, or still checking the file), and VS Code does not ask again while the mouse stays, so each try
 * moves off the word and back. Returns the word's box once `shows` is visible, or null after `tries` tries.
 */
export async function hoverUntil(page, { word, line = null, shows, tries = 20, timeout = 2000, log = () => undefined }) {
  for (let i = 0; i < tries; i++) {
    const box = await wordBox(page, word, line);
    if (!box) throw new Error(`"${word}" is not on a visible editor line`);
    await page.mouse.move(box.x + box.width + 200, box.y + 150);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    try {
      await shows.waitFor({ state: 'visible', timeout });
      return box;
    } catch {
      log('no hover yet; trying again');
    }
  }
  return null;
}
