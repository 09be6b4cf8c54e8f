// Why a file on the station drive cannot be (fully) analysed. The scanner turns one of these into
// one error row for that file; it never stops the scan.
export type ClipProblemCode = 'EMPTY' | 'TRUNCATED' | 'NOT_VIDEO' | 'UNSUPPORTED_CODEC' | 'UNREADABLE';

export class ClipProblem extends Error {
  readonly code: ClipProblemCode;
  readonly file: string;
  /** What is wrong, without the file name: the message says "<file>: <detail>". */
  readonly detail: string;

  constructor(code: ClipProblemCode, file: string, detail: string, options?: ErrorOptions) {
    super(`${file}: ${detail}`, options);
    this.name = 'ClipProblem';
    this.code = code;
    this.file = file;
    this.detail = detail;
  }
}
