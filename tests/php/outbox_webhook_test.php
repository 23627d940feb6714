<?php
// examples/php/outbox_webhook.php against a local webhook (webhook_server.php under `php -S`):
// every message arrives once with a 2xx after a retry, in order, and is acknowledged; a message
// the webhook keeps refusing stays in the outbox with the ones after it, and the run exits 1.
//
// usage: php outbox_webhook_test.php EXAMPLES_PHP_DIR WORK_DIR   (RMA_LIBRARY, RMA_FFI_HEADER set)
declare(strict_types=1);

require $argv[1] . '/autoload.php';

function fail(string $message): never {
    fwrite(STDERR, "outbox_webhook_test: $message\n");
    exit(1);
}

/** @return array{int, string} the consumer's exit code and output */
function consume(string $example, string $database, string $url): array {
    exec(sprintf('%s %s --attempts=3 --backoff-ms=20 %s %s 2>&1', escapeshellarg(PHP_BINARY), escapeshellarg($example),
                 escapeshellarg($database), escapeshellarg($url)), $output, $code);
    return [$code, implode("\n", $output)];
}

/** @return list<array<string, mixed>> */
function posts(string $log): array {
    return array_map(fn (string $line): array => json_decode($line, true), file($log, FILE_IGNORE_NEW_LINES) ?: []);
}

if ($argc !== 3) fail('usage: php outbox_webhook_test.php EXAMPLES_PHP_DIR WORK_DIR');
[, $examples, $work] = $argv;
@mkdir($work, 0777, true);
$database = "$work/outbox.db";
$log = "$work/webhook.log";
foreach ([$database, "$database-wal", "$database-shm", $log] as $file) @unlink($file);
touch($log);

$staff = 'operator:anna';
$engine = new Rma\Engine($database);
$engine->call($staff, 'customer.upsert', ['id' => 'C1', 'name' => 'Acme Srl']);
$case = $engine->call($staff, 'case.create', ['kind' => 'return', 'channel' => 'b2b', 'customer_id' => 'C1',
    'lines' => [['sku' => 'KETTLE-1', 'quantity' => 1, 'reason_code' => 'DOA']]]);
foreach ([2990, 1500, 750] as $amount) {
    $engine->call($staff, 'outbox.post', ['case_id' => $case['id'], 'topic' => 'credit_note.request',
                                          'payload' => ['amount_minor' => $amount, 'currency' => 'EUR']]);
}
$engine->close();

// A free port for the webhook: the kernel picks one, the server takes it over.
$probe = stream_socket_server('tcp://127.0.0.1:0');
$port = (int)substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
fclose($probe);
$server = proc_open([PHP_BINARY, '-S', "127.0.0.1:$port", __DIR__ . '/webhook_server.php'],
                    [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$work/server.out", 'w'], 2 => ['file', "$work/server.out", 'a']],
                    $pipes, null, ['WEBHOOK_LOG' => $log] + getenv());
try {
    for ($i = 0; $i < 100 && !($socket = @fsockopen('127.0.0.1', $port)); ++$i) usleep(50000);
    if (!$socket) fail("the webhook did not start on port $port: " . file_get_contents("$work/server.out"));
    fclose($socket);
    $url = "http://127.0.0.1:$port/rma";
    $example = "$examples/outbox_webhook.php";

    [$code, $output] = consume($example, $database, $url);
    if ($code !== 0 || !str_contains($output, 'delivered 3, outbox empty')) fail("first run exited $code: $output");
    $posts = posts($log);
    $keys = array_column($posts, 'key');
    $statuses = array_column($posts, 'status');
    $want = ['rma-outbox-1', 'rma-outbox-1', 'rma-outbox-2', 'rma-outbox-2', 'rma-outbox-3', 'rma-outbox-3'];
    if ($keys !== $want || $statuses !== [503, 200, 503, 200, 503, 200]) {
        fail('posts: ' . json_encode(array_map(null, $keys, $statuses)));
    }
    if ($posts[1]['body']['payload'] !== ['amount_minor' => 2990, 'currency' => 'EUR'] || $posts[1]['topic'] !== 'credit_note.request') {
        fail('the first message arrived as ' . json_encode($posts[1]));
    }
    $engine = new Rma\Engine($database);
    if ($engine->call($staff, 'outbox.fetch')['messages'] !== []) fail('delivered messages were not acknowledged');

    // A message the webhook refuses keeps itself and the one after it in the outbox.
    $engine->call($staff, 'outbox.post', ['case_id' => $case['id'], 'topic' => 'poison', 'payload' => ['n' => 1]]);
    $engine->call($staff, 'outbox.post', ['case_id' => $case['id'], 'topic' => 'credit_note.request', 'payload' => ['n' => 2]]);
    [$code, $output] = consume($example, $database, $url);
    if ($code !== 1 || !str_contains($output, 'message 4 failed 3 times')) fail("poison run exited $code: $output");
    $pending = array_column($engine->call($staff, 'outbox.fetch')['messages'], 'seq');
    if ($pending !== [4, 5]) fail('pending after the poison run: ' . json_encode($pending));
    $poison = array_filter(posts($log), fn (array $p): bool => $p['key'] === 'rma-outbox-4');
    if (count($poison) !== 3) fail('the poison message was posted ' . count($poison) . ' times, not 3');
    if (in_array('rma-outbox-5', array_column(posts($log), 'key'), true)) fail('message 5 was posted past the failed 4');
    $engine->close();

    // No webhook at all: nothing acknowledged.
    [$code, $output] = consume($example, $database, 'http://127.0.0.1:1/rma');
    if ($code !== 1) fail("a run with no webhook exited $code: $output");
} finally {
    proc_terminate($server);
    proc_close($server);
}
echo "3 messages delivered after one retry each and acknowledged; a refused one kept in order\n";
echo "php outbox webhook done\n";
