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
