import type { Msg } from '../../../common/src/i18n';
import { APT_PACKAGES } from './aptPackages';
import { DIRECTIVES } from './directives';
import { FLAGS } from './flags';
import { HEREDOC, HEREDOC_LINK } from './heredoc';
import { INSTRUCTIONS } from './instructions';
import { MOUNT_TYPES } from './mounts';
import { PREDEFINED_ARGS } from './predefinedArgs';
import type {
  AptPackageDoc,
  DirectiveDoc,
  FlagDoc,
  InstructionDoc,
  MountOptionDoc,
  MountTypeDoc,
  PredefinedArgDoc,
  ValidatorMessageDoc,
} from './types';
import { VALIDATOR_MESSAGES } from './validatorMessages';

export * from './types';
export { APT_PACKAGES, DIRECTIVES, FLAGS, HEREDOC, HEREDOC_LINK, INSTRUCTIONS, MOUNT_TYPES, PREDEFINED_ARGS, VALIDATOR_MESSAGES };

const own = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

/** Instruction keywords are case-insensitive in Dockerfiles: `run`, `Run` and `RUN` all find RUN. */
export function instructionDoc(keyword: string): InstructionDoc | undefined {
  return own(INSTRUCTIONS, keyword.toUpperCase());
}

/** `flag` may be written `from`, `--from` or `--from=…`; flag names are case-sensitive. */
export function flagDoc(keyword: string, flag: string): FlagDoc | undefined {
  const flags = own(FLAGS, keyword.toUpperCase());
  if (!flags) return undefined;
  const name = flag.replace(/^--?/, '').replace(/=.*$/s, '');
  return flags.find((f) => f.name === name);
}

/** Mount types are matched case-insensitively, as BuildKit does (`type=Cache` works). */
export function mountTypeDoc(type: string): MountTypeDoc | undefined {
  const t = type.toLowerCase();
  return MOUNT_TYPES.find((m) => m.type === t);
}

/** A key of a mount type, by its main name or an alias (`dst`, `destination`, `src`, `rw`, `readonly`, …). */
export function mountOptionDoc(type: string, key: string): MountOptionDoc | undefined {
  const m = mountTypeDoc(type);
  if (!m) return undefined;
  const k = key.replace(/=.*$/s, '').toLowerCase();
  return m.options.find((o) => o.key === k || (o.aliases ?? []).includes(k));
}

/** Parser directive keys are case-insensitive (`# Syntax=` works, though lower case is the convention). */
export function directiveDoc(name: string): DirectiveDoc | undefined {
  const n = name.toLowerCase();
  return DIRECTIVES.find((d) => d.name === n);
}

/** Case-sensitive, as Docker is: `HTTP_PROXY` and `http_proxy` are two different ARGs. */
export function predefinedArgDoc(name: string): PredefinedArgDoc | undefined {
  return PREDEFINED_ARGS.find((a) => a.name === name);
}

/** By key of dockerfile-utils' `Validator.dockerProblems`, e.g. `deprecatedMaintainer`. */
export function validatorMessage(key: string): ValidatorMessageDoc | undefined {
  return VALIDATOR_MESSAGES.find((m) => m.key === key);
}

/** Debian package by exact name, e.g. `php7.3-fpm`. */
export function aptPackageDoc(name: string): AptPackageDoc | undefined {
  return APT_PACKAGES.find((p) => p.name === name);
}

