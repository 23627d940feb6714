<?php

declare(strict_types=1);

namespace Rma\Tests;

use Rma\Engine;
use Rma\Library;
use Rma\ValidationException;

final class EngineTest extends EngineTestCase
{
    public function testArraysGoInAndComeOut(): void
    {
        $case = $this->openReturn(quantity: 2);
        $this->assertMatchesRegularExpression('/^RMA-\d{4}-\d{6}-\d$/', $case['number']);
        $this->assertSame('requested', $case['status']);
        $this->assertSame(2, $case['lines'][0]['qty_requested']);

        $got = $this->engine->call(self::OPERATOR, 'case.get', ['number' => strtolower($case['number'])]);
        $this->assertSame($case['id'], $got['id']);
    }

    public function testAnEmptyArrayIsTheEmptyRequest(): void
    {
        $config = $this->engine->call(self::OPERATOR, 'workflow.config');
        $this->assertNotEmpty($config['workflows']);
        $this->assertSame($config, $this->engine->call(self::OPERATOR, 'workflow.config', []));
        $this->assertSame($config, $this->engine->call(self::OPERATOR, 'workflow.config', new \stdClass()));
    }

    public function testAFileStoreKeepsCasesAcrossEngines(): void
    {
        $path = tempnam(sys_get_temp_dir(), 'rma-php-');
        unlink($path);
        try {
            $first = new Engine($path);
            $first->call(self::OPERATOR, 'customer.upsert', ['id' => 'C9', 'name' => 'Kept']);
            $first->close();
            $second = new Engine($path, ['busy_timeout_ms' => 1000]);
            $this->assertSame('Kept', $second->call(self::OPERATOR, 'customer.get', ['id' => 'C9'])['name']);
            $second->close();
        } finally {
            foreach (['', '-wal', '-shm'] as $suffix) {
                @unlink($path . $suffix);
            }
        }
    }

    public function testAClosedEngineRefusesCalls(): void
    {
        $this->engine->close();
        $this->engine->close();  // twice is harmless
        try {
            $this->engine->call(self::OPERATOR, 'engine.stats');
            $this->fail('a closed engine answered');
        } catch (ValidationException $e) {
            $this->assertSame('engine', $e->getField());
        }
    }

    public function testVersionAndAbi(): void
    {
        $this->assertMatchesRegularExpression('/^\d+\.\d+\.\d+$/', $this->engine->version());
        $this->assertSame(Library::ABI_VERSION, Library::load()->rma_abi_version());
    }

    public function testImportReportsProgressAndCanBeCancelled(): void
    {
        $rows = "id,name\n";
        for ($i = 0; $i < 25; ++$i) {
            $rows .= "K$i,Customer $i\n";
        }
        $request = ['kind' => 'customers', 'format' => 'csv', 'content' => $rows, 'progress_every' => 10];
        $seen = [];
        $report = $this->engine->import(self::OPERATOR, $request, function (int $done, int $total) use (&$seen): void {
            $seen[] = [$done, $total];
        });
        $this->assertTrue($report['committed']);
        $this->assertSame(25, $report['records_written']);
        $this->assertSame([[10, 25], [20, 25], [25, 25]], $seen);

        try {
            $this->engine->import(self::OPERATOR, ['content' => str_replace('K', 'X', $rows)] + $request,
                fn (int $done, int $total): bool => false);
            $this->fail('a cancelled import succeeded');
        } catch (ValidationException $e) {
            $this->assertSame('progress', $e->getField());
        }
        $this->expectException(\Rma\NotFoundException::class);  // the cancelled import wrote nothing
        $this->engine->call(self::OPERATOR, 'customer.get', ['id' => 'X0']);
    }

    /** Every answer is freed with rma_free: thousands of calls leave the process's memory flat. */
    public function testAnswersAreFreed(): void
    {
        $case = $this->openReturn();
        $get = fn () => $this->engine->call(self::OPERATOR, 'case.get', ['case_id' => $case['id']]);
        $fail = function (): void {
            try {
                $this->engine->call(self::OPERATOR, 'case.get', ['case_id' => 999]);
            } catch (\Rma\NotFoundException) {
            }
        };
        for ($i = 0; $i < 500; ++$i) {
            $get();
            $fail();
        }
        $before = self::residentKb();
        for ($i = 0; $i < 5000; ++$i) {
            $get();
            $fail();
        }
        // A case answer is about 1.5 kB: 5,000 of them unfreed would be 7 MB.
        $this->assertLessThan(1024, self::residentKb() - $before, 'memory grew over 5,000 calls');
    }

    private static function residentKb(): int
    {
        preg_match('/^VmRSS:\s+(\d+) kB/m', (string)file_get_contents('/proc/self/status'), $m);
        return (int)$m[1];
    }
}
