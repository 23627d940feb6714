<?php

declare(strict_types=1);

namespace Rma;

/** What an eligibility validator answers about one case line (RMA_OUTCOME_* of rma.h). */
final class Outcome
{
    public const PASS = 'pass';
    public const MANUAL_REVIEW = 'manual_review';
    /** The line is not eligible for return. */
    public const FAIL = 'fail';

    /** The RMA_OUTCOME_* numbers of rma.h. */
    public const CODES = [self::PASS => 0, self::MANUAL_REVIEW => 1, self::FAIL => 2];

    private function __construct()
    {
    }
}
