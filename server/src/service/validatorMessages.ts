/**
 * Turns dockerfile-utils' English messages into our bilingual ones. dockerfile-utils only gives the finished
 * English sentence, so each message is matched against the templates it is built from (`${0}` placeholders),
 * the filled-in values are taken out, and the Korean template is filled with them.
 */
import { VALIDATOR_MESSAGES } from '../docs/validatorMessages';
import type { Msg } from '../../../common/src/i18n';

interface Compiled {
  key: string;
  re: RegExp;
  ko: string;
  order: number[];
}

let compiled: Compiled[] | undefined;
const memo = new Map<string, { key: string; message: Msg }>();

function compile(): Compiled[] {
  return VALIDATOR_MESSAGES.map((m) => {
    const order: number[] = [];
    const pattern = m.en
      .split(/(\$\{\d+\})/)
      .map((part) => {
        const p = /^\$\{(\d+)\}$/.exec(part);
        if (p) {
          order.push(Number(p[1]));
          return '([\\s\\S]*?)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    return { key: m.key, re: new RegExp('^' + pattern + '$'), ko: m.ko, order };
  }).sort((a, b) => b.re.source.length - a.re.source.length); // most specific template first
}

/** The message key and both languages for a dockerfile-utils message; unknown text stays English in both. */
export function translateValidatorMessage(english: string): { key: string; message: Msg } {
  const hit = memo.get(english);
  if (hit) return hit;
  compiled ??= compile();
  let result: { key: string; message: Msg } = { key: 'dockerfile-utils', message: { ko: english, en: english } };
  for (const c of compiled) {
    const m = c.re.exec(english);
    if (!m) continue;
    const values: string[] = [];
    c.order.forEach((argIndex, i) => (values[argIndex] = m[i + 1]));
    const ko = c.ko.replace(/\$\{(\d+)\}/g, (_, i: string) => values[Number(i)] ?? '');
    result = { key: c.key, message: { ko, en: english } };
    break;
  }
  if (memo.size > 5000) memo.clear();
  memo.set(english, result);
  return result;
}
