<?php
// The package's classes without Composer (Composer's vendor/autoload.php is used when present),
// and librma from the build tree: ctest sets RMA_LIBRARY and RMA_FFI_HEADER.
declare(strict_types=1);

if (is_file(__DIR__ . '/../vendor/autoload.php')) {
    require __DIR__ . '/../vendor/autoload.php';
} else {
    spl_autoload_register(static function (string $class): void {
        foreach (['Rma\\Tests\\' => __DIR__ . '/', 'Rma\\' => __DIR__ . '/../src/'] as $prefix => $dir) {
            if (str_starts_with($class, $prefix)) {
                require $dir . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
                return;
            }
        }
    });
}

foreach (['RMA_LIBRARY', 'RMA_FFI_HEADER'] as $name) {
    if (getenv($name) === false) {
        fwrite(STDERR, "$name is not set: run the tests through ctest, or set it to the built file\n");
        exit(1);
    }
}
