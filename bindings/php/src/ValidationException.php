<?php

declare(strict_types=1);

namespace Rma;

/**
 * The input is wrong: invalid argument (1), malformed JSON (6), missing field (7), wrong type (8),
 * unknown value (9), out of range (10), too large (11) or invalid UTF-8 (12).
 */
class ValidationException extends RmaException
{
}
