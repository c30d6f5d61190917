/**
 * The checks the operator's asset store makes on TLS material it reads: a CA
 * bundle must parse, a certificate and a key must form a pair.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';

/** Checks that a CA bundle starts with a parseable PEM certificate. Returns a problem or undefined. */
export function checkCaPem(value: Buffer): string | undefined {
  try {
    new X509Certificate(firstPemBlock(value, 'CERTIFICATE'));
    return undefined;
  } catch {
    return 'is not a PEM-encoded certificate';
  }
}

/** Checks that a certificate and a private key form a pair. Returns a problem or undefined. */
export function checkKeyPair(cert: Buffer, key: Buffer): string | undefined {
  try {
    const x509 = new X509Certificate(firstPemBlock(cert, 'CERTIFICATE'));
    const privateKey = createPrivateKey(key);
    return x509.checkPrivateKey(privateKey) ? undefined : 'the private key does not match the certificate';
  } catch {
    return 'is not a PEM-encoded certificate and private key pair';
  }
}

function firstPemBlock(value: Buffer, label: string): string {
  const text = value.toString('utf8');
  const begin = text.indexOf(`-----BEGIN ${label}-----`);
  const endMarker = `-----END ${label}-----`;
  const end = text.indexOf(endMarker, begin);
  if (begin < 0 || end < 0) throw new Error('no PEM block');
  return text.slice(begin, end + endMarker.length);
}
