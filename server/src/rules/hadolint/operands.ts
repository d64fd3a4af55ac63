/**
 * Splits the words after a package manager's subcommand (`apk add …`, `pip install …`, `npm install …`) into
 * options and operands (the packages). An option listed in `valueOptions` takes the next word as its value, so that
 * word is neither an option nor a package (`pip install -r requirements.txt` installs no package called
 * requirements.txt).
 */
import type { Word } from '../../service/shell/lexer';

export function splitOperands(words: Word[], from: number, valueOptions: ReadonlySet<string>): { operands: Word[]; options: string[] } {
  const operands: Word[] = [];
  const options: string[] = [];
  for (let j = from; j < words.length; j++) {
    const v = words[j].value;
    if (v.startsWith('-')) {
      options.push(v);
      if (valueOptions.has(v)) j++;
      continue;
    }
    operands.push(words[j]);
  }
  return { operands, options };
}
