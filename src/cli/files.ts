/**
 * Reading input from disk and stdin, within limits (README, "Input limits").
 *
 * `render PATH...` reads regular files only, and only under the paths it is
 * given: a symbolic link is followed when its target stays under the same
 * root (a file is then read under the link's name; a file or folder reached
 * twice is read once, under the first name in walk order), and is an error
 * when it leaves the root. FIFOs, sockets and
 * devices are errors, so no read can block forever or run without end. No
 * file, and no run in all, reads more than MAX_INPUT_BYTES.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';

/** The most input one run reads: all files together, or stdin. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
const MIB = 1024 * 1024;

export interface InputFile {
  /** As messages show it: relative to the working folder when under it. */
  readonly name: string;
  readonly text: string;
}

export interface FilesRead {
  readonly files: InputFile[];
  /** Kustomize's build files found under the roots: not objects, never read as such. */
  readonly kustomizations: string[];
  readonly problems: string[];
}

const MANIFEST = /\.(ya?ml|json)$/i;
const KUSTOMIZATION = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** Shared by every read of one run, so that the limit holds for the run as a whole. */
export class ByteBudget {
  private used = 0;
  constructor(readonly limit = MAX_INPUT_BYTES) {}
  /** Takes n bytes; false when that goes over the limit. */
  take(n: number): boolean {
    this.used += n;
    return this.used <= this.limit;
  }
}

const display = (path: string) => relative(process.cwd(), path) || path;

/** What a file that is not regular is, in words. */
function kindOf(s: Stats): string {
  if (s.isFIFO()) return 'a FIFO';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/**
 * The manifest files under each root, read, in order (roots as given, files
 * sorted by name). `seen` holds the real paths already read, across calls.
 */
export function readRoots(roots: readonly string[], budget: ByteBudget, seen = new Set<string>()): FilesRead {
  const out: Walk = { files: [], kustomizations: [], problems: [], seen };
  for (const root of roots) {
    let stats: Stats;
    try {
      // The root itself is followed when it is a link: the user named it.
      stats = statSync(root);
    } catch {
      out.problems.push(`cannot read ${root}: no such file or folder`);
      continue;
    }
    if (stats.isDirectory()) {
      const realRoot = realpathSync(root);
      out.seen.add(realRoot);
      walk(root, realRoot, out, budget);
    } else if (stats.isFile()) {
      const real = realpathSync(root);
      if (KUSTOMIZATION.has(basename(root))) out.kustomizations.push(display(root));
      else if (!out.seen.has(real)) {
        out.seen.add(real);
        readInto(root, root, out, budget);
      }
    } else {
      out.problems.push(`cannot read ${root}: it is ${kindOf(stats)}; render reads regular files and folders`);
    }
  }
  return { files: out.files, kustomizations: out.kustomizations, problems: out.problems };
}

/** What a walk collects, and the real paths it has read, so that none is read twice. */
interface Walk extends FilesRead {
  readonly seen: Set<string>;
}

function walk(dir: string, realRoot: string, out: Walk, budget: ByteBudget): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (e) {
    out.problems.push(`cannot read the folder ${display(dir)}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    return;
  }
  for (const name of names) {
    // Hidden folders and files (.git, .expected, .krmignore) are not the package's objects.
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    const entry = lstatSync(full);
    let stats = entry;
    let target = full;
    if (entry.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(full);
        stats = statSync(real);
      } catch {
        if (MANIFEST.test(name)) out.problems.push(`cannot read ${display(full)}: it is a link to a path that does not exist`);
        continue;
      }
      if (!MANIFEST.test(name) && !stats.isDirectory()) continue;
      if (real !== realRoot && !real.startsWith(realRoot + sep)) {
        out.problems.push(
          `${display(full)} is a link to ${real}, outside ${display(realRoot)}; render reads only files under the paths it is given: ` +
            'copy the file in, or share it between folders with kustomize (`kustomize build DIR | prometheus-krm render -`)',
        );
        continue;
      }
      target = real;
    }
    if (stats.isDirectory()) {
      const real = entry.isSymbolicLink() ? target : realpathSync(full);
      if (out.seen.has(real)) continue;
      out.seen.add(real);
      walk(full, realRoot, out, budget);
    } else if (KUSTOMIZATION.has(name)) {
      out.kustomizations.push(display(full));
    } else if (MANIFEST.test(name)) {
      const real = entry.isSymbolicLink() ? target : realpathSync(full);
      if (out.seen.has(real)) continue;
      out.seen.add(real);
      if (stats.isFile()) readInto(full, target, out, budget);
      else out.problems.push(`cannot read ${display(full)}: it is ${kindOf(stats)}; render reads regular files only`);
    }
  }
}

/** Reads one regular file (shown as `name`, opened at `path`), or says why not. */
function readInto(name: string, path: string, out: FilesRead, budget: ByteBudget): void {
  const shown = display(name);
  let fd: number;
  try {
    // Non-blocking: should the file have been swapped for a FIFO since it was
    // looked at, opening it does not wait for a writer; fstat then refuses it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    out.problems.push(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    return;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      out.problems.push(`cannot read ${shown}: it is ${kindOf(stats)}; render reads regular files only`);
      return;
    }
    if (stats.size > MAX_INPUT_BYTES) {
      out.problems.push(`${shown} is ${(stats.size / MIB).toFixed(1)} MiB, more than the ${MAX_INPUT_BYTES / MIB} MiB one render reads`);
      return;
    }
    const bytes = readAtMost(fd, MAX_INPUT_BYTES);
    if (!bytes || !budget.take(bytes.length)) {
      out.problems.push(`the input is larger than the ${MAX_INPUT_BYTES / MIB} MiB one render reads (at ${shown}); render smaller packages, one at a time`);
      return;
    }
    out.files.push({ name: shown, text: bytes.toString('utf8') });
  } finally {
    closeSync(fd);
  }
}

/** Up to `limit` bytes from a file descriptor; undefined when there is more. */
function readAtMost(fd: number, limit: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > limit) return undefined;
  }
  return Buffer.concat(chunks, total);
}

/**
 * All of stdin as text, or undefined when it is larger than the budget
 * allows: a stream, so that `< /dev/zero` stops at the limit.
 */
export async function readStdin(budget: ByteBudget): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of process.stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      if (!budget.take(bytes.length)) {
        process.stdin.destroy();
        return undefined;
      }
      chunks.push(bytes);
    }
  } catch {
    // A stdin that cannot be read is an empty one; the caller says so.
  }
  return Buffer.concat(chunks).toString('utf8');
}
