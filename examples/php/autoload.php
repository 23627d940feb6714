<?php
// The examples' class loader: Composer's when the package was installed with it, else the Rma
// classes straight from bindings/php/src. librma is found as docs/php.md says (RMA_LIBRARY,
// RMA_FFI_HEADER, or the installed files).
declare(strict_types=1);

$composer = __DIR__ . '/../../bindings/php/vendor/autoload.php';
if (is_file($composer)) {
    require $composer;
} else {
    spl_autoload_register(static function (string $class): void {
        if (str_starts_with($class, 'Rma\\')) {
            require __DIR__ . '/../../bindings/php/src/' . str_replace('\\', '/', substr($class, 4)) . '.php';
        }
    });
}
