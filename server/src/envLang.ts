/**
 * The language of a command-line run (the CLI, and `dockerfile-guide-server --help`): DOCKERFILE_GUIDE_LANG if set,
 * else the locale of the environment (LANG=ko_KR.UTF-8 → Korean), like most command-line tools.
 */
import { Lang, resolveLang } from '../../common/src/i18n';

export function envLang(): Lang {
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return resolveLang(process.env.DOCKERFILE_GUIDE_LANG || 'auto', env);
}
