<?php
// rma_ffi.h as PHP reads it: FFI::cdef parses it and binds every function it declares to
// librma.so (cdef fails on a declaration it cannot parse or a function the library lacks), the
// header declares exactly the functions librma exports (capi/exported_symbols.txt), once each,
// and a call through it works.
//
// usage: php ffi_header.php RMA_FFI_H LIBRMA_SO EXPORTED_SYMBOLS_TXT
declare(strict_types=1);

function fail(string $message): never {
    fwrite(STDERR, "ffi_header: $message\n");
    exit(1);
}

if ($argc !== 4) fail('usage: php ffi_header.php RMA_FFI_H LIBRMA_SO EXPORTED_SYMBOLS_TXT');
[, $header, $library, $symbols] = $argv;

$text = file_get_contents($header);
if ($text === false) fail("cannot read $header");
try {
    $rma = FFI::cdef($text, $library);
} catch (FFI\Exception $e) {
    fail("FFI::cdef($header, $library): " . $e->getMessage());
}

// One declaration a line; the functions are the lines that are no typedef.
preg_match_all('/^(?!typedef )[^(]*\b(rma_\w+)\(/m', $text, $m);
$declared = $m[1];
$exported = array_values(array_filter(array_map('trim', file($symbols))));
if (count($declared) !== count(array_unique($declared))) fail('a function is declared twice');
sort($declared);
sort($exported);
if ($declared !== $exported) {
    fail('declared but not exported: ' . implode(' ', array_diff($declared, $exported))
         . '; exported but not declared: ' . implode(' ', array_diff($exported, $declared)));
}

// Calls through the parsed declarations reach the library.
$abi = $rma->rma_abi_version();
$name = $rma->rma_status_name(2);
if ($name !== 'not_found') fail("rma_status_name(2) is '$name'");
$engine = $rma->new('rma_engine*');
if ($rma->rma_engine_open(':memory:', null, FFI::addr($engine)) !== 0) fail('open: ' . $rma->rma_last_error());
$out = $rma->new('char*');
$status = $rma->rma_case_get($engine, 'operator:anna', '{"case_id": 1}', FFI::addr($out));
$rma->rma_free($out);
$reason = $rma->rma_last_error_field();
$rma->rma_engine_close($engine);
if ($status !== 2 || $reason !== 'case_id') fail("case.get of no case: status $status, field '$reason'");

printf("rma_ffi.h: %d functions parsed by FFI::cdef and bound to %s (ABI %d, librma %s)\n",
       count($declared), basename($library), $abi, $rma->rma_version());
echo "php ffi header done\n";
