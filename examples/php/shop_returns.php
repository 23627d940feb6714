<?php
// librma inside a shop, shaped like a WooCommerce plugin or a PrestaShop module: the shop owns the
// orders, the customer's "My account" pages and the e-mails; librma owns the returns.
//
// - onOrderStatusChanged() is the order-status hook (WooCommerce `woocommerce_order_status_changed`,
//   PrestaShop `actionOrderStatusPostUpdate`): a completed order is fed to librma as a sales
//   document, so that returns are bounded by what was sold and the warranty knows the sale.
// - handleReturnRequest() is the return-request form handler (the POST of "Request a return" on
//   an order page): it turns the form into case.create as the customer and answers what the page
//   shows, the RMA number or the form's errors next to their fields.
// - listen() carries librma's events back to the shop: order notes for the customer and the
//   e-mails librma asks for.
//
// usage: php shop_returns.php   (runs a short story and checks it; tests/php runs it)
declare(strict_types=1);

require __DIR__ . '/autoload.php';

use Rma\Engine;
use Rma\RmaException;
use Rma\ValidationException;

final class ShopReturnsModule
{
    /** @var list<string> what the shop would have sent: order notes and e-mails */
    public array $outgoing = [];

    /** @param array<int, array<string, mixed>> $orders the shop's orders table, by order id */
    public function __construct(private Engine $rma, private array &$orders)
    {
    }

    /** The shop's customer id as librma's: one namespace per shop. */
    public static function customerId(int $shopCustomer): string
    {
        return "WC-$shopCustomer";
    }

    public function onOrderStatusChanged(int $orderId, string $from, string $to): void
    {
        $order = $this->orders[$orderId];
        $this->orders[$orderId]['status'] = $to;
        if ($to !== 'completed') {
            return;
        }
        $customer = self::customerId($order['customer_id']);
        $this->rma->call('system:shop', 'customer.upsert', [
            'id' => $customer, 'name' => $order['billing_name'], 'email' => $order['billing_email'], 'language' => 'it',
        ]);
        $rows = [['id', 'date', 'delivery_date', 'customer_id', 'channel', 'distance_sale', 'currency', 'jurisdiction',
                  'line_no', 'sku', 'quantity', 'unit_price', 'vat_rate_bp', 'serials']];
        foreach ($order['lines'] as $lineNo => $line) {
            $rows[] = ["WC-$orderId", $order['date'], $order['delivered'], $customer, 'b2c', 'true', $order['currency'],
                       $order['country'], $lineNo, $line['sku'], $line['qty'], $line['price_minor'], $line['vat_bp'],
                       $line['serial']];
        }
        $csv = fopen('php://memory', 'w+');
        foreach ($rows as $row) {
            fputcsv($csv, $row);
        }
        rewind($csv);
        $report = $this->rma->import('system:shop', ['kind' => 'sales_documents', 'format' => 'csv',
                                                     'content' => stream_get_contents($csv)]);
        if (!$report['committed']) {
            throw new RuntimeException("order $orderId was not fed to librma: " . json_encode($report['errors']));
        }
    }

    /**
     * @param array<string, mixed> $post the form: order_id, qty[line], reason[line], comment
     * @return array{ok: bool, number?: string, errors?: array<string, string>}
     */
    public function handleReturnRequest(int $shopCustomer, array $post): array
    {
        $orderId = (int)($post['order_id'] ?? 0);
        $order = $this->orders[$orderId] ?? null;
        // The shop's own rule: a customer returns from its own completed orders only.
        if ($order === null || $order['customer_id'] !== $shopCustomer || $order['status'] !== 'completed') {
            return ['ok' => false, 'errors' => ['order_id' => 'Choose one of your delivered orders.']];
        }
        $lines = [];
        $formField = [];  // librma's lines[i] back to the form's qty[line]
        foreach ((array)($post['qty'] ?? []) as $lineNo => $qty) {
            if ((int)$qty === 0 || !isset($order['lines'][$lineNo])) {
                continue;
            }
            $line = $order['lines'][$lineNo];
            $formField[count($lines)] = "qty[$lineNo]";
            $lines[] = [
                'sku' => $line['sku'],
                'serial' => $line['serial'],
                'quantity' => (int)$qty,
                'reason_code' => (string)($post['reason'][$lineNo] ?? 'changed_mind'),
                'defect_description' => (string)($post['comment'] ?? ''),
                'sales_document' => ['document' => "WC-$orderId", 'line' => $lineNo],
            ];
        }
        if ($lines === []) {
            return ['ok' => false, 'errors' => ['qty' => 'Choose at least one item to return.']];
        }
        try {
            $case = $this->rma->call('customer:' . self::customerId($shopCustomer), 'case.create', [
                'kind' => 'return', 'channel' => 'b2c', 'lines' => $lines,
                // A form sent twice (a double click, a reload) opens one case.
                'idempotency_key' => 'wc-return-' . hash('sha256', json_encode([$orderId, $lines])),
            ]);
        } catch (ValidationException $e) {
            // lines[0].quantity -> qty[2]: the error goes next to the field the customer typed in.
            $field = preg_match('/^lines\[(\d+)\]/', $e->getField(), $m) === 1 ? ($formField[(int)$m[1]] ?? 'qty') : 'form';
            return ['ok' => false, 'errors' => [$field => $e->getMessage()]];
        } catch (RmaException $e) {  // a conflict, storage: nothing the customer can fix
            error_log('return request failed: ' . $e->getStatusName() . ' ' . $e->getMessage());
            return ['ok' => false, 'errors' => ['form' => 'We could not record your request; please try again.']];
        }
        $this->orders[$orderId]['returns'][] = $case['number'];
        return ['ok' => true, 'number' => $case['number']];
    }

    /** librma -> shop: a note on the order when its return moves, the e-mails librma asks for. */
    public function listen(): void
    {
        $this->rma->subscribe(function (array $event): void {
            if ($event['type'] === 'notification.requested') {
                $this->outgoing[] = "mail {$event['data']['template']} for {$event['case_number']}";
            } elseif ($event['type'] === 'case.transitioned') {
                // The note says only what the customer may read: the case's number and new status.
                foreach ($this->orders as $orderId => $order) {
                    if (in_array($event['case_number'], $order['returns'] ?? [], true)) {
                        $this->outgoing[] = "note on order $orderId: return {$event['case_number']} is now {$event['data']['to']}";
                    }
                }
            }
        });
    }
}

function check(bool $ok, string $what): void
{
    if (!$ok) {
        fwrite(STDERR, "shop_returns: $what\n");
        exit(1);
    }
}

// The story: order 1001 is delivered, its customer asks to return too many mugs, then the kettle;
// the shop's staff authorize the return in their back office.
$today = new DateTimeImmutable('today', new DateTimeZone('UTC'));
$orders = [1001 => [
    'customer_id' => 7, 'billing_name' => 'Mario Rossi', 'billing_email' => 'mario.rossi@example.it',
    'status' => 'processing', 'date' => $today->modify('-6 days')->format('Y-m-d'),
    'delivered' => $today->modify('-3 days')->format('Y-m-d'), 'currency' => 'EUR', 'country' => 'IT',
    'lines' => [
        1 => ['sku' => 'KETTLE-17', 'qty' => 1, 'price_minor' => 3990, 'vat_bp' => 2200, 'serial' => 'KT17-000123'],
        2 => ['sku' => 'MUG-SET-2', 'qty' => 2, 'price_minor' => 1250, 'vat_bp' => 2200, 'serial' => ''],
    ],
]];
$engine = new Engine();
$shop = new ShopReturnsModule($engine, $orders);
$shop->listen();

$early = $shop->handleReturnRequest(7, ['order_id' => '1001', 'qty' => ['1' => '1']]);
check(!$early['ok'] && isset($early['errors']['order_id']), 'an order not yet delivered accepted a return');

$shop->onOrderStatusChanged(1001, 'processing', 'completed');
echo "order 1001 completed: fed to librma as sales document WC-1001\n";

$tooMany = $shop->handleReturnRequest(7, ['order_id' => '1001', 'qty' => ['2' => '3'], 'reason' => ['2' => 'changed_mind']]);
check(!$tooMany['ok'] && isset($tooMany['errors']['qty[2]']), 'three mugs of two: ' . json_encode($tooMany));
echo "form error next to qty[2]: {$tooMany['errors']['qty[2]']}\n";

$someoneElse = $shop->handleReturnRequest(8, ['order_id' => '1001', 'qty' => ['1' => '1']]);
check(!$someoneElse['ok'], "another customer's order accepted a return");

$form = ['order_id' => '1001', 'qty' => ['1' => '1', '2' => '0'], 'reason' => ['1' => 'defective'],
         'comment' => 'Non scalda più dopo tre giorni.'];
$accepted = $shop->handleReturnRequest(7, $form);
check($accepted['ok'], 'the kettle return was refused: ' . json_encode($accepted));
$again = $shop->handleReturnRequest(7, $form);
check($again === $accepted, 'the form sent twice opened two cases');
echo "return requested: {$accepted['number']} (the same number when the form is sent again)\n";

// Back office: staff authorize it; the customer's order gets a note and librma asks for a mail.
$case = $engine->call('operator:shop-admin', 'case.get', ['number' => $accepted['number']]);
check($case['lines'][0]['purchase_date'] === $orders[1001]['date'], 'the case does not know the sale');
$engine->call('operator:shop-admin', 'case.transition', ['case_id' => $case['id'], 'transition' => 'authorize']);
foreach ($shop->outgoing as $message) {
    echo "  $message\n";
}
check(in_array("note on order 1001: return {$accepted['number']} is now authorized", $shop->outgoing, true),
      'no order note for the authorization');
check(count(array_filter($shop->outgoing, fn (string $m): bool => str_starts_with($m, 'mail '))) >= 1, 'no mail asked for');
$engine->close();
echo "shop returns example done\n";
