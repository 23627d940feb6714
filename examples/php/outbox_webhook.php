<?php
// An outbox consumer: posts each message of librma's outbox to a webhook, in order, and
// acknowledges it only after the webhook answered 2xx. A failed post is retried with a growing
// pause; a message that still fails stops the run (the messages after it wait, so the receiver
// sees them in order) and the script exits 1, for cron or a supervisor to run it again later.
// Delivery is at least once: a crash between the 2xx and the ack posts that message again, so
// each post carries an Idempotency-Key the receiver can use to drop a repeat.
//
// usage: php outbox_webhook.php DATABASE WEBHOOK_URL [--attempts=5] [--backoff-ms=500]
declare(strict_types=1);

require __DIR__ . '/autoload.php';

use Rma\Engine;

const ACTOR = 'system:outbox-webhook';

/** @return array{int, string} the HTTP status (0 when no answer came) and a word on it */
function post(string $url, array $message): array
{
    $context = stream_context_create(['http' => [
        'method' => 'POST',
        'header' => implode("\r\n", [
            'Content-Type: application/json',
            "Idempotency-Key: rma-outbox-{$message['seq']}",
            "X-Rma-Topic: {$message['topic']}",
        ]),
        'content' => json_encode($message, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES),
        'ignore_errors' => true,  // read the status of a 4xx/5xx instead of failing without it
        'timeout' => 10,
    ]]);
    $body = @file_get_contents($url, false, $context);
    if ($body === false || !isset($http_response_header[0])) {
        return [0, error_get_last()['message'] ?? 'no answer'];
    }
    preg_match('{^HTTP/\S+ (\d{3})}', $http_response_header[0], $m);
    return [(int)($m[1] ?? 0), $http_response_header[0]];
}

/** Posts one message until a 2xx or the last attempt; true when delivered. */
function deliver(string $url, array $message, int $attempts, int $backoffMs): bool
{
    for ($attempt = 1; $attempt <= $attempts; ++$attempt) {
        [$status, $answer] = post($url, $message);
        if ($status >= 200 && $status < 300) {
            return true;
        }
        fwrite(STDERR, "message {$message['seq']} ({$message['topic']}), attempt $attempt of $attempts: $answer\n");
        if ($attempt < $attempts) {
            usleep($backoffMs * 1000 * 2 ** ($attempt - 1));
        }
    }
    return false;
}

$options = getopt('', ['attempts:', 'backoff-ms:'], $rest);
$arguments = array_slice($argv, $rest);
if (count($arguments) !== 2) {
    fwrite(STDERR, "usage: php outbox_webhook.php DATABASE WEBHOOK_URL [--attempts=5] [--backoff-ms=500]\n");
    exit(2);
}
[$database, $url] = $arguments;
$attempts = max(1, (int)($options['attempts'] ?? 5));
$backoffMs = max(0, (int)($options['backoff-ms'] ?? 500));

$engine = new Engine($database);
$delivered = 0;
do {
    $messages = $engine->call(ACTOR, 'outbox.fetch', ['limit' => 100])['messages'];
    foreach ($messages as $message) {
        if (!deliver($url, $message, $attempts, $backoffMs)) {
            echo "delivered $delivered; message {$message['seq']} failed $attempts times, it and the rest wait\n";
            exit(1);
        }
        $engine->call(ACTOR, 'outbox.ack', ['seqs' => [$message['seq']]]);
        ++$delivered;
    }
} while ($messages !== []);
$engine->close();
echo "delivered $delivered, outbox empty\n";
