/**
 * A progress line on a terminal during a long render: "rendering 12/40
 * Prometheus/team-a/main", written over itself and cleared when the render
 * ends. Only for a person watching: never when stderr is a file or a pipe
 * (CI logs, Argo CD, kustomize), and never in KRM function mode, whose
 * callers read stderr as the function's log.
 */
import { describeRef, type ObjectRef } from '../krm/types.js';

/** The part of a stream the line needs (process.stderr is one). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  /** The render hook: called after each owner is rendered. */
  readonly step: (done: number, total: number, owner: ObjectRef) => void;
  /** Clears the line (when one was written). */
  readonly end: () => void;
}

/** Carriage return, then erase the line: the next write starts on a clean line. */
const CLEAR = '\r\x1b[2K';

/** A progress line on `stream` when it is a terminal; undefined otherwise. `label` names the tree in `diff`. */
export function terminalProgress(stream: ProgressStream, label = ''): Progress | undefined {
  if (stream.isTTY !== true) return undefined;
  let written = false;
  return {
    step: (done, total, owner) => {
      const text = `${label ? `${label}: ` : ''}rendering ${done}/${total} ${describeRef(owner)}`;
      // Never wider than the terminal: a wrapped line cannot be overwritten.
      // (A terminal that reports no size reports 0 columns.)
      const width = Math.max((stream.columns || 80) - 1, 10);
      stream.write(`${CLEAR}${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      written = true;
    },
    end: () => {
      if (written) stream.write(CLEAR);
      written = false;
    },
  };
}
