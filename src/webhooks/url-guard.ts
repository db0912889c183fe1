import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where a webhook may never be delivered unless the deployment allows it: loopback, link-local (cloud metadata at
 * 169.254.169.254), private and unique-local ranges, carrier-grade NAT, and the unspecified, multicast and reserved
 * blocks. An endpoint URL is a string a tenant chose; without this a key holder could make the gateway call its own
 * admin ports or the cloud's metadata service.
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

export interface EndpointPolicy {
  /** Deliver to loopback and private addresses too (tests, a receiver on the same network). */
  allowPrivate: boolean;
  /** Accept `http:` URLs (tests only; production endpoints are https). */
  allowHttp: boolean;
}

export class EndpointUrlError extends Error {
  override readonly name = 'EndpointUrlError';
}

/** Whether an address is one a webhook may be sent to. IPv4-mapped IPv6 is judged as the IPv4 it carries. */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return !BLOCKED.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return false;
  return !BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The URL an endpoint may have: absolute, https (unless allowed), no credentials, and not a blocked literal address. */
export function checkEndpointUrl(text: string, policy: EndpointPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EndpointUrlError('The endpoint URL is not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:'))
    throw new EndpointUrlError('The endpoint URL must use https');
  if (url.username || url.password) throw new EndpointUrlError('The endpoint URL must not carry credentials');
  if (text.length > 2_048) throw new EndpointUrlError('The endpoint URL is longer than 2048 characters');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowPrivate && (host === 'localhost' || (isIP(host) !== 0 && !isPublicAddress(host))))
    throw new EndpointUrlError('The endpoint URL points at a loopback, link-local or private address');
  return url;
}

/**
 * A DNS lookup for the delivery connection that refuses blocked addresses: the check happens on the address actually
 * dialled, so a name that resolves to a public address when the endpoint is saved and to a private one later (DNS
 * rebinding) is still refused.
 */
export function guardedLookup(policy: EndpointPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = policy.allowPrivate ? addresses : addresses.filter((a) => isPublicAddress(a.address));
      if (allowed.length === 0) {
        return callback(new EndpointUrlError(`${hostname} resolves only to blocked addresses`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      const first = allowed[0]!;
      callback(null, first.address, first.family);
    });
  };
}
