<?php

declare(strict_types=1);

namespace Rma\Tests;

use PHPUnit\Framework\TestCase;
use Rma\Engine;

/** An in-memory engine with one customer, C1, and a way to open a return for it. */
abstract class EngineTestCase extends TestCase
{
    protected const OPERATOR = 'operator:anna';
    protected Engine $engine;

    protected function setUp(): void
    {
        $this->engine = new Engine();
        $this->engine->call(self::OPERATOR, 'customer.upsert', ['id' => 'C1', 'name' => 'Acme Srl']);
        $this->engine->call(self::OPERATOR, 'customer.upsert', ['id' => 'C2', 'name' => 'Other Srl']);
    }

    protected function tearDown(): void
    {
        $this->engine->close();
    }

    /** @return array<mixed> */
    protected function openReturn(string $customer = 'C1', int $quantity = 1): array
    {
        return $this->engine->call(self::OPERATOR, 'case.create', [
            'kind' => 'return',
            'channel' => 'b2c',
            'customer_id' => $customer,
            'lines' => [['sku' => 'KETTLE-1', 'quantity' => $quantity, 'reason_code' => 'DOA']],
        ]);
    }
}
