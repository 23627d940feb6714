<?php

declare(strict_types=1);

namespace Rma;

/**
 * The database failed: I/O, corruption, busy past the timeout (14).
 */
class StorageException extends RmaException
{
}
