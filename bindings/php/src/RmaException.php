<?php

declare(strict_types=1);

namespace Rma;

/**
 * Base of every error librma reports, one subclass per family of status codes:
 * ValidationException, NotFoundException, ConflictException, TransitionException,
 * PermissionDeniedException, StorageException, InternalException.
 *
 * getCode() is the status code (Status::*), getMessage() librma's text ("field: message"),
 * getField() the input it blames as a JSON-like path ("lines[0].quantity", "" when none) and
 * getReason() the stable code that tells refusals of one status apart ("not_own_case",
 * "decision_locked", a guard's name; "" for other failures).
 */
class RmaException extends \RuntimeException
{
    private const CLASS_BY_STATUS = [
        Status::INVALID_ARGUMENT => ValidationException::class,
        Status::NOT_FOUND => NotFoundException::class,
        Status::CONFLICT => ConflictException::class,
        Status::TRANSITION_DENIED => TransitionException::class,
        Status::PERMISSION_DENIED => PermissionDeniedException::class,
        Status::MALFORMED_JSON => ValidationException::class,
        Status::MISSING_FIELD => ValidationException::class,
        Status::WRONG_TYPE => ValidationException::class,
        Status::UNKNOWN_VALUE => ValidationException::class,
        Status::OUT_OF_RANGE => ValidationException::class,
        Status::TOO_LARGE => ValidationException::class,
        Status::INVALID_UTF8 => ValidationException::class,
        Status::DUPLICATE => ConflictException::class,
        Status::STORAGE => StorageException::class,
        Status::NO_MEMORY => InternalException::class,
        Status::INTERNAL => InternalException::class,
    ];

    final public function __construct(
        int $status,
        string $message,
        private readonly string $field = '',
        private readonly string $reason = '',
        ?\Throwable $previous = null,
    ) {
        parent::__construct($message, $status, $previous);
    }

    /** The exception of the family of $status (an unknown code gives InternalException). */
    public static function fromStatus(int $status, string $message, string $field = '', string $reason = ''): self
    {
        $class = self::CLASS_BY_STATUS[$status] ?? InternalException::class;
        return new $class($status, $message, $field, $reason);
    }

    /** The status's stable name ("not_found"). */
    public function getStatusName(): string
    {
        return Status::name($this->getCode());
    }

    public function getField(): string
    {
        return $this->field;
    }

    public function getReason(): string
    {
        return $this->reason;
    }
}
