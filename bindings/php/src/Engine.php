<?php

declare(strict_types=1);

namespace Rma;

use FFI;
use FFI\CData;

/**
 * One open librma store (an SQLite file or ":memory:", or PostgreSQL through the options).
 *
 * Requests and answers are PHP arrays, the JSON documents of docs/json.md; every failure is an
 * RmaException of its status family. Every string librma returns is copied and released with
 * rma_free before the call returns, so nothing is left to free but the engine itself: close() it
 * or let it go out of scope.
 *
 * Callbacks (event listeners, guards, validators, the clock, import progress) are PHP callables.
 * PHP cannot let an exception unwind through C, so one thrown by a callback is caught, the
 * callback refuses (a guard denies, a validator asks for manual review, progress cancels), and the
 * exception is thrown again from the Engine method that ran the command, once librma has returned.
 * Not thread-safe: one Engine belongs to one PHP request.
 */
final class Engine
{
    private FFI $ffi;
    private ?CData $handle;
    /** The C-facing closures, kept alive as long as librma may call them. @var array<int|string, \Closure> */
    private array $callbacks = [];
    private ?\Throwable $callbackError = null;

    /**
     * @param string $path an SQLite file (created if missing) or ":memory:"
     * @param array<mixed>|null $options the "options" document of docs/json.md
     * @param FFI|null $ffi librma as Library::load() gives it (the default)
     */
    public function __construct(string $path = ':memory:', ?array $options = null, ?FFI $ffi = null)
    {
        $this->ffi = $ffi ?? Library::load();
        self::requireText($path, 'path');
        $handle = $this->ffi->new('rma_engine*');
        $status = $this->ffi->rma_engine_open($path, $options === null ? null : Json::encodeRequest($options, 'options'),
            FFI::addr($handle));
        if ($status !== Status::OK) {
            throw $this->lastError($status);
        }
        $this->handle = $handle;
    }

    public function __destruct()
    {
        $this->close();
    }

    /** Closes the store; further calls throw. Closing twice does nothing. */
    public function close(): void
    {
        if (isset($this->handle)) {
            $this->ffi->rma_engine_close($this->handle);
            $this->handle = null;
        }
        $this->callbacks = [];
    }

    /** librma's version ("0.1.0"). */
    public function version(): string
    {
        return $this->ffi->rma_version();
    }

    /**
     * Runs one op of docs/json.md ("case.create", "case.transition", "batch", ...) as actor
     * ("operator:anna", "customer:C1") and returns its answer.
     *
     * @param array<mixed>|object $request
     * @return array<mixed>
     */
    public function call(string $actor, string $op, array|object $request = []): array
    {
        self::requireText($actor, 'actor');
        self::requireText($op, 'op');
        $json = Json::encodeRequest($request);
        return $this->answer(fn (CData $out): int => $this->ffi->rma_engine_call($this->handle(), $actor, $op, $json, $out));
    }

    /**
     * Delivers every committed event (a docs/json.md Event array) to $listener, after the commit,
     * in seq order. With $actor ("customer:C1"), only the events of that actor's own cases, as its
     * view allows. Returns the subscription for unsubscribe().
     *
     * @param callable(array<mixed>): mixed $listener
     */
    public function subscribe(callable $listener, ?string $actor = null): int
    {
        $fn = $this->adapt(function (?CData $userData, string $json, int $len) use ($listener): int {
            $listener(Json::decode($json));
            return 0;
        }, 0);
        $subscription = $this->ffi->new('int64_t');
        if ($actor === null) {
            $status = $this->ffi->rma_engine_subscribe($this->handle(), $fn, null, FFI::addr($subscription));
        } else {
            self::requireText($actor, 'actor');
            $status = $this->ffi->rma_engine_subscribe_as($this->handle(), $actor, $fn, null, FFI::addr($subscription));
        }
        if ($status !== Status::OK) {
            throw $this->lastError($status);
        }
        $this->callbacks['subscription:' . $subscription->cdata] = $fn;
        return $subscription->cdata;
    }

    public function unsubscribe(int $subscription): void
    {
        $status = $this->ffi->rma_engine_unsubscribe($this->handle(), $subscription);
        if ($status !== Status::OK) {
            throw $this->lastError($status);
        }
        unset($this->callbacks['subscription:' . $subscription]);
    }

    /**
     * Adds the guard that workflow definitions name as {"guard": $name}. $guard receives
     * {"case", "transition", "actor", "params"} and returns true to let the transition run, or
     * false or a message (at most 511 bytes are kept) to refuse it. It runs inside the engine's
     * lock: it must not call the engine.
     *
     * @param callable(array<mixed>): (bool|string) $guard
     */
    public function addGuard(string $name, callable $guard): void
    {
        self::requireText($name, 'name');
        $fn = $this->adapt(function (?CData $userData, string $json, int $len, CData $message, int $cap) use ($guard): int {
            $verdict = $guard(Json::decode($json));
            if ($verdict === true) {
                return 1;
            }
            if (is_string($verdict)) {
                self::write($message, $cap, $verdict);
            } elseif ($verdict !== false) {
                throw new \UnexpectedValueException("guard $name returned " . get_debug_type($verdict) . ', not bool or string');
            }
            return 0;
        }, 0);
        $status = $this->ffi->rma_engine_add_guard($this->handle(), $name, $fn, null);
        if ($status !== Status::OK) {
            throw $this->lastError($status);
        }
        $this->callbacks['guard:' . $name] = $fn;
    }

    /**
     * Adds an eligibility validator, named $name in the results, run after the built-in ones on
     * every eligibility check. $validator receives {"case", "line_no", "unit", "today"} and returns
     * ["outcome" => Outcome::PASS|MANUAL_REVIEW|FAIL, "reason" => a stable code (63 bytes at
     * most), "message" => for people (511 bytes at most)]. It runs inside the engine's lock: it
     * must not call the engine. A validator cannot be removed.
     *
     * @param callable(array<mixed>): array{outcome: string, reason?: string, message?: string} $validator
     */
    public function addValidator(string $name, callable $validator): void
    {
        self::requireText($name, 'name');
        $fn = $this->adapt(function (?CData $userData, string $json, int $len, CData $reason, int $reasonCap,
                                     CData $message, int $messageCap) use ($validator, $name): int {
            $answer = $validator(Json::decode($json));
            $outcome = is_array($answer) ? ($answer['outcome'] ?? null) : null;
            if (!is_string($outcome) || !isset(Outcome::CODES[$outcome])) {
                throw new \UnexpectedValueException("validator $name must return ['outcome' => 'pass'|'manual_review'|'fail', ...]");
            }
            self::write($reason, $reasonCap, (string)($answer['reason'] ?? ''));
            self::write($message, $messageCap, (string)($answer['message'] ?? ''));
            return Outcome::CODES[$outcome];
        }, -1);  // -1: librma counts it as manual review, "validator_failed"
        $status = $this->ffi->rma_engine_add_validator($this->handle(), $name, $fn, null);
        if ($status !== Status::OK) {
            throw $this->lastError($status);
        }
        $this->callbacks['validator:' . $name] = $fn;
    }

    /**
     * Makes the engine read the time from $clock (tests, replays), which returns a
     * \DateTimeInterface or microseconds since 1970 UTC; null restores the system clock. It runs
     * inside the engine's lock: it must not call the engine.
     *
     * @param (callable(): (\DateTimeInterface|int))|null $clock
     */
    public function setClock(?callable $clock): void
    {
        $fn = null;
        if ($clock !== null) {
            $fn = $this->adapt(function (?CData $userData) use ($clock): int {
                $now = $clock();
                if ($now instanceof \DateTimeInterface) {
                    return (int)$now->format('U') * 1000000 + (int)$now->format('u');
                }
                if (!is_int($now)) {
                    throw new \UnexpectedValueException('the clock returned ' . get_debug_type($now) . ', not a DateTimeInterface or int');
                }
                return $now;
            }, fn (): int => (int)(microtime(true) * 1e6));  // no time to refuse with: the system's
        }
        $status = $this->ffi->rma_engine_set_clock($this->handle(), $fn, null);
        if ($status !== Status::OK) {
            throw $this->lastError($status);
        }
        $this->callbacks['clock'] = $fn;
    }

    /**
     * "import.run": loads an ERP file ({"kind", "format", "content", ...}) and returns the
     * ImportReport. $progress(rows_done, rows_total) may return false to cancel the import.
     *
     * @param array<mixed> $request
     * @param (callable(int, int): mixed)|null $progress
     * @return array<mixed>
     */
    public function import(string $actor, array $request, ?callable $progress = null): array
    {
        self::requireText($actor, 'actor');
        $json = Json::encodeRequest($request);
        $fn = $progress === null ? null : $this->adapt(
            fn (?CData $userData, int $done, int $total): int => $progress($done, $total) === false ? 1 : 0, 1);
        return $this->answer(fn (CData $out): int => $this->ffi->rma_import_run($this->handle(), $actor, $json, $fn, null, $out));
    }

    /**
     * "store.copy": copies this SQLite store into an empty PostgreSQL schema (admin only).
     * $progress(table, rows_done, rows_total) may return false to cancel the copy.
     *
     * @param array<mixed> $request
     * @param (callable(string, int, int): mixed)|null $progress
     * @return array<mixed>
     */
    public function copyStore(string $actor, array $request, ?callable $progress = null): array
    {
        self::requireText($actor, 'actor');
        $json = Json::encodeRequest($request);
        $fn = $progress === null ? null : $this->adapt(
            fn (?CData $userData, string $table, int $done, int $total): int => $progress($table, $done, $total) === false ? 1 : 0, 1);
        return $this->answer(fn (CData $out): int => $this->ffi->rma_store_copy($this->handle(), $actor, $json, $fn, null, $out));
    }

    /**
     * Runs a call that answers through a char** and returns the answer decoded, the string freed
     * with rma_free whatever happens.
     *
     * @param \Closure(CData): int $run
     * @return array<mixed>
     */
    private function answer(\Closure $run): array
    {
        $out = $this->ffi->new('char*');
        try {
            $status = $run(FFI::addr($out));
            $error = $status === Status::OK ? null : $this->lastError($status);
            $text = $error === null && !FFI::isNull($out) ? FFI::string($out) : null;
        } finally {
            $this->ffi->rma_free($out);
        }
        $this->rethrowCallbackError();
        if ($error !== null) {
            throw $error;
        }
        if ($text === null) {
            throw RmaException::fromStatus(Status::INTERNAL, 'librma succeeded without an answer');
        }
        return Json::decode($text);
    }

    /**
     * A closure librma may call: it never lets an exception out (PHP cannot unwind through C) but
     * keeps the first for the Engine method to throw, and answers $onError (or what it returns)
     * instead.
     */
    private function adapt(\Closure $callback, int|\Closure $onError): \Closure
    {
        return function (mixed ...$args) use ($callback, $onError): int {
            try {
                return $callback(...$args);
            } catch (\Throwable $e) {
                $this->callbackError ??= $e;
                return is_int($onError) ? $onError : $onError();
            }
        };
    }

    private function rethrowCallbackError(): void
    {
        $error = $this->callbackError;
        $this->callbackError = null;
        if ($error !== null) {
            throw $error;
        }
    }

    /** Writes $text into a zeroed C buffer of $cap bytes, cut at a UTF-8 character boundary. */
    private static function write(CData $buffer, int $cap, string $text): void
    {
        $text = substr($text, 0, $cap - 1);
        while ($text !== '' && preg_match('//u', $text) !== 1) {
            $text = substr($text, 0, -1);  // a character cut in two, or text that was not UTF-8
        }
        if ($text !== '') {
            FFI::memcpy($buffer, $text, strlen($text));
        }
    }

    private function lastError(int $status): RmaException
    {
        return RmaException::fromStatus($status, $this->ffi->rma_last_error(), $this->ffi->rma_last_error_field(),
            $this->ffi->rma_last_error_reason());
    }

    private function handle(): CData
    {
        if (!isset($this->handle)) {
            throw RmaException::fromStatus(Status::INVALID_ARGUMENT, 'engine: the engine is closed', 'engine');
        }
        return $this->handle;
    }

    /** C strings end at the first NUL: one inside would cut the text short without a word. */
    private static function requireText(string $value, string $field): void
    {
        if (str_contains($value, "\0")) {
            throw RmaException::fromStatus(Status::INVALID_ARGUMENT, "$field: contains a NUL byte", $field);
        }
        if (preg_match('//u', $value) !== 1) {
            throw RmaException::fromStatus(Status::INVALID_UTF8, "$field: is not valid UTF-8", $field);
        }
    }
}
