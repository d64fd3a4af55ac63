import type { Rule } from '../types';
import { DG101 } from './DG101-mainProcessExits';
import { DG102 } from './DG102-interactiveShellLast';
import { DG103 } from './DG103-shellEntrypointIgnoresCmd';
import { DG104 } from './DG104-nginxDaemonOffWrong';
import { DG105 } from './DG105-serviceStartedAtBuild';
import { DG106 } from './DG106-chmod777';
import { DG107 } from './DG107-phpPullsInApache';
import { DG108 } from './DG108-downloadNotVerified';
import { DG109 } from './DG109-aptUpgrade';
import { DG110 } from './DG110-spacesAroundEquals';
import { DG111 } from './DG111-keepAliveMainProcess';
import { DG112 } from './DG112-aptUpdateOnEndOfLifeRelease';
import { DG113 } from './DG113-aptInstallWithoutUpdate';
import { DG114 } from './DG114-certificateCheckOff';
import { DG115 } from './DG115-remoteScriptPipedToShell';
import { DG116 } from './DG116-movingBaseTag';
import { DG117 } from './DG117-userTakesOneArgument';
import { DG118 } from './DG118-shellWithoutDashC';
import { DG119 } from './DG119-healthcheckShellForm';
import { DG120 } from './DG120-copySourceNotInContext';
import { DG121 } from './DG121-startScriptNotInImage';
import { DG123 } from './DG123-installAtContainerStart';
import { DG124 } from './DG124-phpFpmSocketMismatch';
import { DG125 } from './DG125-phpFpmRunDirMissing';
import { DG126 } from './DG126-nginxUnknownDirective';
import { DG127 } from './DG127-nginxTlsWithoutCertificate';
import { DG128 } from './DG128-autoindexBehindIndex';

/** The stack rules, one module each; the registry (rules/registry.ts) collects every group. */
export const STACK_RULES: Rule[] = [
  DG101, DG102, DG103, DG104, DG105, DG106, DG107, DG108, DG109, DG110, DG111, DG112, DG113, DG114, DG115, DG116, DG117, DG118, DG119, DG120,
  DG121, DG123, DG124, DG125, DG126, DG127, DG128,
];
