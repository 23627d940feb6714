<?php

declare(strict_types=1);

namespace Rma;

/**
 * Out of memory (15), a bug in librma (16), or a code this package does not know.
 */
class InternalException extends RmaException
{
}
