<?php

declare(strict_types=1);

namespace Rma;

/**
 * A stale version or a reused idempotency key (3), or the thing exists already (13).
 */
class ConflictException extends RmaException
{
}
