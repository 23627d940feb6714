<?php

declare(strict_types=1);

namespace Rma;

use FFI;

/**
 * Loads librma through FFI, once per request.
 *
 * Where the declarations come from, first found wins:
 * 1. the scope "rma" that php.ini's ffi.preload loads at start-up (Library::preloadHeader,
 *    bin/rma-ffi-preload): the way under php-fpm with ffi.enable=preload, and no request parses
 *    the header;
 * 2. FFI::cdef of rma_ffi.h (installed beside rma.h) against librma.so.1, with the paths given
 *    to Library::load() or in the environment variables RMA_FFI_HEADER and RMA_LIBRARY.
 */
final class Library
{
    public const SCOPE = 'rma';
    /** The RMA_ABI_VERSION this package speaks. */
    public const ABI_VERSION = 1;
    public const DEFAULT_LIBRARY = 'librma.so.1';
    private const HEADER_PLACES = ['/usr/local/include/rma/rma_ffi.h', '/usr/include/rma/rma_ffi.h'];

    private static ?FFI $ffi = null;

    /**
     * The FFI object of librma; with no arguments, the one loaded before in this request, else the
     * preloaded scope, else rma_ffi.h and the library found through the environment.
     */
    public static function load(?string $library = null, ?string $header = null): FFI
    {
        if ($library === null && $header === null) {
            return self::$ffi ??= self::check(self::scope() ?? self::cdef(null, null));
        }
        return self::check(self::cdef($library, $header));
    }

    /**
     * rma_ffi.h as the php.ini setting ffi.preload loads it: the declarations behind the two
     * lines that name the scope "rma" and the library. php-fpm reads it at start-up, so every
     * request gets librma from FFI::scope("rma") with ffi.enable=preload (docs/php.md).
     * bin/rma-ffi-preload writes it.
     */
    public static function preloadHeader(?string $library = null, ?string $header = null): string
    {
        $library ??= self::env('RMA_LIBRARY') ?? self::DEFAULT_LIBRARY;
        if (preg_match('/["\\\\\n]/', $library) === 1) {
            throw new LibraryException("the library path $library cannot be written in a C string");
        }
        return sprintf("#define FFI_SCOPE \"%s\"\n#define FFI_LIB \"%s\"\n", self::SCOPE, $library)
            . self::declarations($header);
    }

    private static function scope(): ?FFI
    {
        if (!class_exists(FFI::class, false)) {
            return null;
        }
        try {
            return FFI::scope(self::SCOPE);
        } catch (\FFI\Exception) {
            return null;  // nothing preloaded
        }
    }

    private static function cdef(?string $library, ?string $header): FFI
    {
        self::requireFfi();
        $library ??= self::env('RMA_LIBRARY') ?? self::DEFAULT_LIBRARY;
        $declarations = self::declarations($header);
        try {
            return FFI::cdef($declarations, $library);
        } catch (\FFI\Exception $e) {
            throw new LibraryException("loading librma ($library) failed: " . $e->getMessage()
                . ' (under php-fpm, preload it: docs/php.md)', 0, $e);
        }
    }

    private static function declarations(?string $header): string
    {
        $header ??= self::env('RMA_FFI_HEADER');
        if ($header === null) {
            foreach (self::HEADER_PLACES as $place) {
                if (is_file($place)) {
                    $header = $place;
                    break;
                }
            }
        }
        if ($header === null) {
            throw new LibraryException('rma_ffi.h not found in ' . implode(' or ', self::HEADER_PLACES)
                . ': set RMA_FFI_HEADER or pass its path');
        }
        $text = is_file($header) ? file_get_contents($header) : false;
        if ($text === false) {
            throw new LibraryException("cannot read rma_ffi.h at $header");
        }
        return $text;
    }

    private static function check(FFI $ffi): FFI
    {
        $abi = $ffi->rma_abi_version();
        if ($abi !== self::ABI_VERSION) {
            throw new LibraryException(sprintf('librma speaks ABI %d, this package ABI %d', $abi, self::ABI_VERSION));
        }
        return $ffi;
    }

    private static function requireFfi(): void
    {
        if (!class_exists(FFI::class)) {
            throw new LibraryException('the PHP FFI extension is not loaded (Debian: php8.2-cli or php8.2-fpm have it)');
        }
    }

    private static function env(string $name): ?string
    {
        $value = getenv($name);
        return $value === false || $value === '' ? null : $value;
    }

    private function __construct()
    {
    }
}
