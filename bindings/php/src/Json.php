<?php

declare(strict_types=1);

namespace Rma;

/** JSON text in and out of librma: PHP arrays both ways, bad input as ValidationException. */
final class Json
{
    private const ENCODE = JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
        | JSON_PRESERVE_ZERO_FRACTION;

    /**
     * A request object. An empty PHP array is the empty object {}; write an empty object deeper
     * inside as new \stdClass() (PHP cannot tell [] from {} there).
     *
     * @param array<mixed>|object $request
     */
    public static function encodeRequest(array|object $request, string $field = 'request'): string
    {
        if ($request === []) {
            return '{}';
        }
        try {
            return json_encode($request, self::ENCODE);
        } catch (\JsonException $e) {
            $status = $e->getCode() === JSON_ERROR_UTF8 ? Status::INVALID_UTF8 : Status::INVALID_ARGUMENT;
            throw RmaException::fromStatus($status, "$field: cannot be written as JSON: " . $e->getMessage(), $field);
        }
    }

    /** @return array<mixed> */
    public static function decode(string $text): array
    {
        try {
            $value = json_decode($text, true, 4096, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
        } catch (\JsonException $e) {
            throw RmaException::fromStatus(Status::INTERNAL, 'librma answered text that is not JSON: ' . $e->getMessage());
        }
        if (!is_array($value)) {
            throw RmaException::fromStatus(Status::INTERNAL, 'librma answered JSON that is not an object');
        }
        return $value;
    }

    private function __construct()
    {
    }
}
