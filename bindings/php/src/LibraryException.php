<?php

declare(strict_types=1);

namespace Rma;

/**
 * librma could not be loaded: FFI is off, the library or rma_ffi.h was not found, or the library's
 * ABI is not the one this package speaks. Not an RmaException: no librma call has run.
 */
class LibraryException extends \RuntimeException
{
}
