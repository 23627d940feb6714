<?php
// A webhook for outbox_webhook_test.php, run by `php -S`: records every post in $WEBHOOK_LOG and
// answers 503 to the first attempt of each message (so the consumer must retry), 500 always to
// the topic "poison", and 200 otherwise.
declare(strict_types=1);

$log = getenv('WEBHOOK_LOG');
$key = $_SERVER['HTTP_IDEMPOTENCY_KEY'] ?? '';
$body = json_decode((string)file_get_contents('php://input'), true);
$file = fopen($log, 'c+');
flock($file, LOCK_EX);
$seen = substr_count((string)stream_get_contents($file), "\"key\":\"$key\"");
$status = match (true) {
    ($body['topic'] ?? '') === 'poison' => 500,
    $seen === 0 => 503,
    default => 200,
};
fseek($file, 0, SEEK_END);
fwrite($file, json_encode(['key' => $key, 'status' => $status, 'topic' => $_SERVER['HTTP_X_RMA_TOPIC'] ?? '',
                           'body' => $body]) . "\n");
flock($file, LOCK_UN);
fclose($file);
http_response_code($status);
header('Content-Type: application/json');
echo json_encode(['status' => $status]);
