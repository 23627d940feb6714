<?php

declare(strict_types=1);

namespace Rma;

/**
 * librma's status codes: the fixed numbers of rma.h (RMA_OK, RMA_E_*), never renumbered.
 * tests/StatusTest.php keeps them equal to the header.
 */
final class Status
{
    public const OK = 0;
    public const INVALID_ARGUMENT = 1;
    public const NOT_FOUND = 2;
    public const CONFLICT = 3;
    public const TRANSITION_DENIED = 4;
    public const PERMISSION_DENIED = 5;
    public const MALFORMED_JSON = 6;
    public const MISSING_FIELD = 7;
    public const WRONG_TYPE = 8;
    public const UNKNOWN_VALUE = 9;
    public const OUT_OF_RANGE = 10;
    public const TOO_LARGE = 11;
    public const INVALID_UTF8 = 12;
    public const DUPLICATE = 13;
    public const STORAGE = 14;
    public const NO_MEMORY = 15;
    public const INTERNAL = 16;

    private const NAMES = [
        self::OK => 'ok',
        self::INVALID_ARGUMENT => 'invalid_argument',
        self::NOT_FOUND => 'not_found',
        self::CONFLICT => 'conflict',
        self::TRANSITION_DENIED => 'transition_denied',
        self::PERMISSION_DENIED => 'permission_denied',
        self::MALFORMED_JSON => 'malformed_json',
        self::MISSING_FIELD => 'missing_field',
        self::WRONG_TYPE => 'wrong_type',
        self::UNKNOWN_VALUE => 'unknown_value',
        self::OUT_OF_RANGE => 'out_of_range',
        self::TOO_LARGE => 'too_large',
        self::INVALID_UTF8 => 'invalid_utf8',
        self::DUPLICATE => 'duplicate',
        self::STORAGE => 'storage',
        self::NO_MEMORY => 'no_memory',
        self::INTERNAL => 'internal',
    ];

    /** The lower-case name of a code ("not_found"), as rma_status_name() gives it; "unknown" otherwise. */
    public static function name(int $status): string
    {
        return self::NAMES[$status] ?? 'unknown';
    }

    private function __construct()
    {
    }
}
