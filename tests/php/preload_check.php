<?php
// Run as php-fpm is set up in docs/php.md (tests/php): ffi.enable=preload, ffi.preload loading the
// scope "rma" and bindings/php/preload.php as opcache.preload. The Rma classes come from
// preloading, no autoloader is registered, and librma from the scope: no header is read here.
declare(strict_types=1);

function fail(string $message): never {
    fwrite(STDERR, "preload_check: $message\n");
    exit(1);
}

if (ini_get('ffi.enable') !== 'preload') fail('ffi.enable is ' . var_export(ini_get('ffi.enable'), true));
if (!class_exists(Rma\Engine::class, false)) fail('Rma\Engine was not preloaded');
if (spl_autoload_functions() !== []) fail('an autoloader is registered: the classes must come from preloading');
try {
    FFI::scope(Rma\Library::SCOPE);
} catch (FFI\Exception $e) {
    fail('no FFI scope "rma": ' . $e->getMessage());
}
if (getenv('RMA_FFI_HEADER') !== false || getenv('RMA_LIBRARY') !== false) fail('the test must run without the paths');

$engine = new Rma\Engine();
$engine->call('operator:shop', 'customer.upsert', ['id' => 'C1', 'name' => 'Shop customer']);
$case = $engine->call('customer:C1', 'case.create', ['kind' => 'return', 'channel' => 'b2c',
    'lines' => [['sku' => 'KETTLE-1', 'quantity' => 1, 'reason_code' => 'changed_mind']]]);
if (!preg_match('/^RMA-\d{4}-\d{6}-\d$/', $case['number'])) fail("case number {$case['number']}");
$engine->close();
echo "preloaded librma {$engine->version()} through FFI::scope('rma'); case {$case['number']}\n";
echo "php preload done\n";
