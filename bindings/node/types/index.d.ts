// The librma package's API. The documents (requests, answers, events, configurations) are the
// types of schemas.d.ts, generated from docs/schemas.
import type {
  OpRequests,
  OpAnswers,
  RmaEvent,
  OptionsConfig,
  ImportRunRequest,
  ImportRunAnswer,
  StoreCopyRequest,
  StoreCopyAnswer,
  Case,
  CivilDate,
  SoldUnit,
} from './schemas';

export * from './schemas';

/** An op of docs/json.md: "case.create", "case.transition", "batch", ... */
export type Op = keyof OpRequests;

/** "role:id": "operator:anna", "customer:C-100", "system:erp-sync". */
export type ActorText = `${'admin' | 'operator' | 'customer' | 'supplier' | 'system'}:${string}`;

/** The request of `op`, which may be left out when none of its members is required. */
export type RequestArgs<O extends Op> = {} extends OpRequests[O] ? [request?: OpRequests[O]] : [request: OpRequests[O]];

/** Where librma and rma_ffi.h are (else RMA_LIBRARY, RMA_FFI_HEADER, then the defaults). */
export interface LibraryPaths {
  library?: string | null;
  header?: string | null;
}

export interface GuardInput {
  case: Case;
  transition: string;
  actor: string;
  params: { [key: string]: unknown };
}

export interface ValidatorInput {
  case: Case;
  line_no: number;
  unit: SoldUnit | null;
  today: CivilDate;
}

export type OutcomeName = 'pass' | 'manual_review' | 'fail';

export interface ValidatorAnswer {
  outcome: OutcomeName;
  /** A stable code, 63 bytes at most. */
  reason?: string;
  /** For people, 511 bytes at most. */
  message?: string;
}

/** One open librma store. */
export declare class Engine {
  constructor(path?: string, options?: OptionsConfig | null, library?: LibraryPaths);
  /** Opens the store on a pool thread. */
  static open(path?: string, options?: OptionsConfig | null, library?: LibraryPaths): Promise<Engine>;
  /** Closes the store once the pending Promises are settled. */
  close(): Promise<void>;
  readonly closed: boolean;
  version(): string;

  call<O extends Op>(actor: ActorText, op: O, ...request: RequestArgs<O>): Promise<OpAnswers[O]>;
  callSync<O extends Op>(actor: ActorText, op: O, ...request: RequestArgs<O>): OpAnswers[O];

  import(actor: ActorText, request: ImportRunRequest, progress?: ((rowsDone: number, rowsTotal: number) => unknown) | null): Promise<ImportRunAnswer>;
  importSync(actor: ActorText, request: ImportRunRequest, progress?: ((rowsDone: number, rowsTotal: number) => unknown) | null): ImportRunAnswer;
  copyStore(actor: ActorText, request: StoreCopyRequest, progress?: ((table: string, rowsDone: number, rowsTotal: number) => unknown) | null): Promise<StoreCopyAnswer>;
  copyStoreSync(actor: ActorText, request: StoreCopyRequest, progress?: ((table: string, rowsDone: number, rowsTotal: number) => unknown) | null): StoreCopyAnswer;

  /** Returns the subscription for unsubscribe(). */
  subscribe(listener: (event: RmaEvent) => unknown, actor?: ActorText | null): number;
  unsubscribe(subscription: number): void;
  addGuard(name: string, guard: (input: GuardInput) => boolean | string): void;
  addValidator(name: string, validator: (input: ValidatorInput) => ValidatorAnswer): void;
  setClock(clock: (() => Date | bigint | number) | null): void;
}

export declare const Status: {
  readonly OK: 0;
  readonly INVALID_ARGUMENT: 1;
  readonly NOT_FOUND: 2;
  readonly CONFLICT: 3;
  readonly TRANSITION_DENIED: 4;
  readonly PERMISSION_DENIED: 5;
  readonly MALFORMED_JSON: 6;
  readonly MISSING_FIELD: 7;
  readonly WRONG_TYPE: 8;
  readonly UNKNOWN_VALUE: 9;
  readonly OUT_OF_RANGE: 10;
  readonly TOO_LARGE: 11;
  readonly INVALID_UTF8: 12;
  readonly DUPLICATE: 13;
  readonly STORAGE: 14;
  readonly NO_MEMORY: 15;
  readonly INTERNAL: 16;
};
export declare function statusName(status: number): string;

export declare const Outcome: { readonly PASS: 'pass'; readonly MANUAL_REVIEW: 'manual_review'; readonly FAIL: 'fail' };
export declare const ABI_VERSION: number;
export declare function loadLibrary(paths?: LibraryPaths): {
  readonly library: string;
  readonly header: string;
  readonly functions: { readonly [name: string]: (...args: unknown[]) => unknown };
};

export declare class RmaError extends Error {
  constructor(status: number, message: string, field?: string, reason?: string);
  /** The status code (Status.*). */
  readonly status: number;
  /** The status's stable name: "not_found". */
  readonly code: string;
  /** The input librma blames, as a JSON-like path ("lines[0].quantity"), or "". */
  readonly field: string;
  /** Why a refusal was refused ("decision_locked", a guard's name), or "". */
  readonly reason: string;
}
export declare class ValidationError extends RmaError {}
export declare class NotFoundError extends RmaError {}
export declare class ConflictError extends RmaError {}
export declare class TransitionError extends RmaError {}
export declare class PermissionDeniedError extends RmaError {}
export declare class StorageError extends RmaError {}
export declare class InternalError extends RmaError {}
export declare class LibraryError extends Error {}
