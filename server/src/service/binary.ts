/**
 * A file that is not text (an image, an archive opened as a Dockerfile by its name) gets one clear notice
 * instead of hundreds of meaningless syntax errors.
 */
import { type GuideDiagnostic, SOURCE } from '../rules/types';

export function looksBinary(text: string): boolean {
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  if (head.includes('\u0000')) return true;
  // Many replacement characters mean the bytes were not UTF-8 text.
  let bad = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0xfffd) bad++;
  return head.length > 0 && bad / head.length > 0.1;
}

export function binaryNotice(): GuideDiagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 3,
    code: 'binaryFile',
    message: {
      ko: '이 파일은 텍스트가 아니라 바이너리로 보여서 검사하지 않았습니다. Dockerfile이 맞는지 확인해 주세요.',
      en: 'This file looks binary rather than text, so it was not checked. Make sure it is a Dockerfile.',
    },
    source: SOURCE,
  };
}
