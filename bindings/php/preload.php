<?php
// opcache.preload script for php-fpm (docs/php.md): compiles the Rma classes once, when the server
// starts, so requests need no autoloader for them. librma itself is preloaded by php.ini's
// ffi.preload (the file bin/rma-ffi-preload writes), which every request reaches as
// FFI::scope("rma"): FFI::load cannot run here when opcache.preload_user is set, as it is for a
// php-fpm master running as root.
declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'Rma\\')) {
        require __DIR__ . '/src/' . str_replace('\\', '/', substr($class, 4)) . '.php';
    }
});
foreach (glob(__DIR__ . '/src/*.php') as $file) {
    class_exists('Rma\\' . basename($file, '.php'));
}
