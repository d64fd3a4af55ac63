// Turns whatever dockerode / node / the engine throws into one shape with a bilingual reason, so the
// views and commands never show a raw stack or "[object Object]". The engine's own sentence (e.g.
// "port is already allocated") is kept verbatim in `detail`: it is what people search for.
import * as fs from 'node:fs';
import { EndpointError } from './endpoint';
import { fillMsg, line, type Lang, type Msg } from '../i18n';

export type ErrorKind =
  | 'config' // the endpoint itself is malformed (bad DOCKER_HOST, missing context)
  | 'socketMissing' // unix socket / pipe does not exist
  | 'notSocket' // the socket path exists but is a regular file, a directory …
  | 'permission' // EACCES on the socket
  | 'refused' // nothing listening
  | 'hostNotFound' // DNS
  | 'tls' // certificate / handshake problem
  | 'timeout'
  | 'connectionLost' // the engine went away in the middle of a request or stream
  | 'notFound' // 404: object vanished
  | 'conflict' // 409: name in use, container running, image in use …
  | 'notModified' // 304: already started / already stopped
  | 'engine' // any other answer from the engine
  | 'unknown';

export const CONNECTION_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'config',
  'socketMissing',
  'notSocket',
  'permission',
  'refused',
  'hostNotFound',
  'tls',
  'timeout',
  'connectionLost',
]);

export class EngineError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly reason: Msg,
    /** Text from the engine or the OS, verbatim (may be empty). */
    readonly detail: string,
    readonly statusCode?: number,
  ) {
    super(detail ? `${reason.en}: ${detail}` : reason.en);
    this.name = 'EngineError';
  }

  get isConnection(): boolean {
    return CONNECTION_KINDS.has(this.kind);
  }
}

const R = {
  config: { ko: 'Docker 호스트 설정을 해석할 수 없습니다', en: 'The Docker host setting cannot be used' },
  socketMissing: { ko: '소켓({0})이 없습니다. Docker 엔진이 실행 중이 아닙니다', en: 'Socket {0} does not exist: the Docker engine is not running' },
  notSocket: {
    ko: '{0} 경로는 소켓이 아닙니다(일반 파일이나 디렉터리입니다). Docker 엔진 소켓 경로가 맞는지 확인하세요',
    en: '{0} is not a socket (it is a regular file or a directory): check the Docker socket path',
  },
  permission: {
    ko: '소켓 {0}에 접근할 권한이 없습니다. 사용자를 docker 그룹에 추가한 뒤 다시 로그인하세요',
    en: 'Permission denied on socket {0}: add your user to the docker group and log in again',
  },
  refused: { ko: '{0}에서 연결을 거부했습니다. 엔진이 그 주소에서 대기하고 있지 않습니다', en: 'Connection refused at {0}: no engine is listening there' },
  hostNotFound: { ko: '호스트({0})를 찾을 수 없습니다', en: 'Host {0} not found' },
  tls: { ko: 'TLS 연결에 실패했습니다. 인증서(DOCKER_CERT_PATH)와 DOCKER_TLS_VERIFY를 확인하세요', en: 'TLS handshake failed: check the certificates (DOCKER_CERT_PATH) and DOCKER_TLS_VERIFY' },
  timeout: { ko: '엔진이 제시간에 응답하지 않았습니다', en: 'The engine did not answer in time' },
  connectionLost: { ko: '엔진과의 연결이 끊겼습니다', en: 'The connection to the engine was lost' },
  notFound: { ko: '대상이 더 이상 없습니다', en: 'The object no longer exists' },
  conflict: { ko: '엔진이 요청을 거절했습니다(충돌)', en: 'The engine refused the request (conflict)' },
  notModified: { ko: '이미 그 상태입니다', en: 'It is already in that state' },
  engine: { ko: 'Docker 엔진이 오류를 돌려주었습니다', en: 'The Docker engine returned an error' },
  unknown: { ko: '알 수 없는 오류가 발생했습니다', en: 'An unexpected error occurred' },
} satisfies Record<ErrorKind, Msg>;

interface NodeishError {
  code?: string;
  errno?: number;
  syscall?: string;
  address?: string;
  hostname?: string;
  message?: string;
  statusCode?: number;
  reason?: string;
  json?: unknown;
}

/** Pulls the engine's `{"message": "..."}` out of a dockerode HTTP error. */
function engineMessage(e: NodeishError): string {
  const j = e.json as { message?: unknown } | string | Buffer | null | undefined;
  if (j && typeof j === 'object' && !Buffer.isBuffer(j) && typeof j.message === 'string') return j.message.trim();
  if (typeof j === 'string' && j.trim()) {
    try {
      const parsed = JSON.parse(j) as { message?: unknown };
      if (typeof parsed.message === 'string') return parsed.message.trim();
    } catch {
      return j.trim();
    }
  }
  if (Buffer.isBuffer(j)) return j.toString('utf8').trim();
  return (e.reason || e.message || '').trim();
}

/** A unix socket path that exists but is not a socket. */
function isNonSocketPath(p: string): boolean {
  if (!p.startsWith('/')) return false;
  try {
    return !fs.statSync(p).isSocket();
  } catch {
    return false;
  }
}

/** `where` names the endpoint in messages (socket path or host:port). */
export function classifyError(err: unknown, where = ''): EngineError {
  if (err instanceof EngineError) return err;
  if (err instanceof EndpointError) return new EngineError('config', R.config, err.message);
  const e = (err ?? {}) as NodeishError;
  const msg = typeof e.message === 'string' ? e.message : String(err);
  const code = e.code ?? '';

  if (typeof e.statusCode === 'number') {
    const detail = engineMessage(e);
    switch (e.statusCode) {
      case 304:
        return new EngineError('notModified', R.notModified, detail, 304);
      case 404:
        return new EngineError('notFound', R.notFound, detail, 404);
      case 409:
        return new EngineError('conflict', R.conflict, detail, 409);
      default:
        return new EngineError('engine', R.engine, detail, e.statusCode);
    }
  }
  const at = where || e.address || '';
  if (code === 'ENOENT') return new EngineError('socketMissing', fillMsg(R.socketMissing, at), msg);
  if (code === 'EACCES' || code === 'EPERM') return new EngineError('permission', fillMsg(R.permission, at), msg);
  // Connecting to a path that is a regular file fails with ECONNREFUSED on Linux: say what it is.
  if ((code === 'ECONNREFUSED' || code === 'ENOTSOCK') && isNonSocketPath(at))
    return new EngineError('notSocket', fillMsg(R.notSocket, at), msg);
  if (code === 'ECONNREFUSED' || code === 'ENOTSOCK') return new EngineError('refused', fillMsg(R.refused, at), msg);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new EngineError('hostNotFound', fillMsg(R.hostNotFound, e.hostname || at), msg);
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'ETIMEOUT' || /timed? ?out/i.test(msg))
    return new EngineError('timeout', R.timeout, msg);
  if (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.startsWith('CERT_') ||
    code === 'EPROTO' ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' ||
    /certificate|tls|ssl/i.test(msg)
  )
    return new EngineError('tls', R.tls, msg);
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up|aborted|premature close/i.test(msg))
    return new EngineError('connectionLost', R.connectionLost, msg);
  return new EngineError('unknown', R.unknown, msg);
}

/** One line for a notification: "<reason>: <engine's words>" (in `both`, the reason in both languages, the words once). */
export function describe(err: EngineError, lang: Lang): string {
  const reason = line(err.reason, lang);
  if (!err.detail || err.kind === 'socketMissing' || err.kind === 'notSocket' || err.kind === 'permission') return reason;
  return `${reason}: ${err.detail}`;
}
