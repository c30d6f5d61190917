import { createHash, type Hash } from 'node:crypto';
import { constants, createGzip, gunzipSync, gzipSync, type Gzip } from 'node:zlib';

/**
 * Gzip with a fixed header: Node writes mtime 0 and no file name, so the same
 * text always gives the same bytes. Level 9 matches what a reader expects of a
 * config that is only written once per render.
 */
const LEVEL = 9;

export function gzipText(text: string): Buffer {
  return gzipSync(Buffer.from(text, 'utf8'), { level: LEVEL });
}

export function gunzipText(data: Buffer): string {
  return gunzipSync(data).toString('utf8');
}

/** What GzipTextWriter made of everything written to it. */
export interface GzippedText {
  readonly gzip: Buffer;
  /** The SHA-256 of the text's UTF-8 bytes (hex), when asked for. */
  readonly sha256?: string;
}

/**
 * gzipText for a text written piece by piece: the same bytes as gzipText of
 * the pieces joined. A large text (a megabyte or more) is never held in one
 * piece, as text or as UTF-8 bytes (a generated configuration of 50,000
 * monitors is 125 MB of text and under 1 MB of gzip): each piece is encoded
 * into one reused buffer and deflated from there, and deflate's output does
 * not depend on how its input is cut. A smaller one is gzipped at once.
 *
 * Node offers no synchronous streaming deflate: this drives the handle of a
 * zlib stream directly, as zlib.gzipSync itself does, and falls back to
 * collecting the bytes for gzipSync on a node without that handle.
 */
export class GzipTextWriter {
  readonly #hash: Hash | undefined;
  /** Until the text reaches STREAM_FROM characters: its pieces, gzipped at once at the end as gzipText does. */
  readonly #pending: string[] = [];
  #pendingLength = 0;
  /** From then on: the deflate, and the buffer each piece is encoded into. */
  #stream: { readonly deflate: Deflate; readonly encoded: Uint8Array } | undefined;

  constructor(options: { readonly sha256?: boolean } = {}) {
    this.#hash = options.sha256 ? createHash('sha256') : undefined;
  }

  write(text: string): void {
    if (this.#stream) {
      this.#encode(text, this.#stream);
      return;
    }
    this.#pending.push(text);
    this.#pendingLength += text.length;
    if (this.#pendingLength < STREAM_FROM) return;
    // Large: from here on, piece by piece.
    const stream = { deflate: streamingDeflate() ?? collectingDeflate(), encoded: new Uint8Array(ENCODE_BYTES) };
    this.#stream = stream;
    for (const piece of this.#pending.splice(0)) this.#encode(piece, stream);
  }

  finish(): GzippedText {
    let gzip: Buffer;
    if (this.#stream) gzip = this.#stream.deflate.finish();
    else {
      const bytes = Buffer.from(this.#pending.join(''), 'utf8');
      this.#hash?.update(bytes);
      gzip = gzipSync(bytes, { level: LEVEL });
    }
    return this.#hash ? { gzip, sha256: this.#hash.digest('hex') } : { gzip };
  }

  #encode(text: string, { deflate, encoded }: { readonly deflate: Deflate; readonly encoded: Uint8Array }): void {
    // encodeInto stops before a character that does not fit, never inside one.
    for (let rest = text; rest.length > 0; ) {
      const { read, written } = ENCODER.encodeInto(rest, encoded);
      const bytes = encoded.subarray(0, written);
      this.#hash?.update(bytes);
      deflate.write(bytes);
      rest = rest.slice(read);
    }
  }
}

const ENCODER = new TextEncoder();
/** Texts shorter than this (in UTF-16 units) are gzipped at once: a small render does not set up a zlib stream per configuration. */
const STREAM_FROM = 1 << 20;
/** 1 MiB: large enough that each piece costs one deflate call, small enough to stay in cache. */
const ENCODE_BYTES = 1 << 20;
const OUT_BYTES = 64 * 1024;

interface Deflate {
  write(bytes: Uint8Array): void;
  finish(): Buffer;
}

/** The parts of a zlib stream's native handle that zlib.gzipSync uses (lib/zlib.js, processChunkSync). */
interface ZlibHandle {
  writeSync(flush: number, input: Uint8Array, inOffset: number, inLength: number, output: Uint8Array, outOffset: number, outLength: number): void;
}
type GzipEngine = Gzip & { readonly _handle?: ZlibHandle | null; readonly _writeState?: Uint32Array };

/** A deflate fed piece by piece through a zlib stream's handle, or undefined when this node has no such handle. */
function streamingDeflate(): Deflate | undefined {
  const engine = createGzip({ level: LEVEL }) as GzipEngine;
  const handle = engine._handle;
  const state = engine._writeState;
  if (!handle || typeof handle.writeSync !== 'function' || !(state instanceof Uint32Array) || state.length < 2) {
    engine.close();
    return undefined;
  }
  const done: Buffer[] = [];
  let out = Buffer.allocUnsafe(OUT_BYTES);
  let outAt = 0;
  const run = (input: Uint8Array, flush: number): void => {
    let inAt = 0;
    let inLeft = input.length;
    for (;;) {
      const outLeft = out.length - outAt;
      handle.writeSync(flush, input, inAt, inLeft, out, outAt, outLeft);
      // The handle reports what it left: [output space, input bytes].
      const outLeftAfter = state[0] as number;
      const inLeftAfter = state[1] as number;
      outAt += outLeft - outLeftAfter;
      inAt += inLeft - inLeftAfter;
      inLeft = inLeftAfter;
      if (outLeftAfter === 0) {
        done.push(out);
        out = Buffer.allocUnsafe(OUT_BYTES);
        outAt = 0;
        continue;
      }
      // Output space left over: the handle took all it could of the input (and, when finishing, wrote the end).
      return;
    }
  };
  return {
    write: (bytes) => run(bytes, constants.Z_NO_FLUSH),
    finish: () => {
      run(new Uint8Array(0), constants.Z_FINISH);
      engine.close();
      done.push(out.subarray(0, outAt));
      return Buffer.concat(done);
    },
  };
}

function collectingDeflate(): Deflate {
  const pieces: Buffer[] = [];
  return {
    write: (bytes) => pieces.push(Buffer.from(bytes)),
    finish: () => gzipSync(Buffer.concat(pieces), { level: LEVEL }),
  };
}
