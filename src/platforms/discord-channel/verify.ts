/** Discord interaction signatures: Ed25519 over timestamp + raw body, checked with node:crypto. */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

// An Ed25519 public key as DER SubjectPublicKeyInfo is this prefix followed by the 32 raw key bytes.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex))
    throw new Error('DISCORD_PUBLIC_KEY must be the 64 hex characters shown in the Discord developer portal');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export function verifyDiscordRequest(
  key: KeyObject,
  signatureHex: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
): boolean {
  if (!signatureHex || !timestamp || !/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp), body]), key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}
