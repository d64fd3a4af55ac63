// Where a published port can be opened from this machine (pure: tested without VS Code).
import type { Endpoint } from '../../../common/src/engine/endpoint';
import type { ContainerNode } from './containerItems';

/** The engine's host for remote engines, the bound address when specific, else localhost. */
export function browserUrl(p: ContainerNode['ports'][number], ep: Endpoint | undefined): string {
  const specific = p.hostIp && p.hostIp !== '0.0.0.0' && p.hostIp !== '::' ? p.hostIp : undefined;
  const host = ep && (ep.transport === 'tcp' || ep.transport === 'ssh') && ep.hostname ? ep.hostname : specific ?? 'localhost';
  const scheme = p.containerPort === 443 || p.containerPort === 8443 ? 'https' : 'http';
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${p.hostPort}/`;
}
