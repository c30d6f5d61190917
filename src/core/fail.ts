/**
 * Where a step that has no render context reports a problem with its input:
 * the message and the path of the field it is about. It returns undefined,
 * so that the step can `return fail('…', 'spec.x')`: a step that fails
 * returns undefined after reporting, and its caller returns undefined in
 * turn. Here, in the bottom layer, so that helpers of every layer can take
 * one; `Reporter.failFor` (src/krm/report.ts) makes one that reports errors.
 */
export type Fail = (message: string, field: string) => undefined;
