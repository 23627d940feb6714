<?php

declare(strict_types=1);

namespace Rma\Tests;

use Rma\Outcome;
use Rma\TransitionException;

/** PHP callables as librma's callbacks: event listeners, guards, validators and the clock. */
final class CallbacksTest extends EngineTestCase
{
    public function testListenersReceiveCommittedEventsUntilUnsubscribed(): void
    {
        $all = [];
        $subscription = $this->engine->subscribe(function (array $event) use (&$all): void {
            $all[] = $event['type'];
        });
        $mine = [];
        $this->engine->subscribe(function (array $event) use (&$mine): void {
            $mine[] = $event['case_id'] ?? null;
        }, 'customer:C2');

        $case = $this->openReturn('C1');
        $other = $this->openReturn('C2');
        $this->assertSame(['case.created', 'case.created'], $all);
        $this->assertSame([$other['id']], $mine, 'a customer hears of its own cases only');

        $this->engine->unsubscribe($subscription);
        $this->openReturn('C1');
        $this->assertCount(2, $all);
        $this->assertNotSame($case['id'], $other['id']);

        $this->expectException(\Rma\NotFoundException::class);
        $this->engine->unsubscribe($subscription);
    }

    public function testAListenersExceptionReachesTheCallerAfterTheCommit(): void
    {
        $this->engine->subscribe(function (array $event): void {
            throw new \DomainException("listener failed on {$event['type']}");
        });
        $this->assertRethrown(\DomainException::class, 'listener failed on case.created', fn () => $this->openReturn());
        $stats = $this->engine->call(self::OPERATOR, 'engine.stats');
        $this->assertSame(1, $stats['cases'], 'the case was committed before the listener ran');
    }

    public function testGuardsLetPassOrRefuseWithAMessage(): void
    {
        $seen = [];
        $limit = 2;
        $this->engine->addGuard('stock_ok', function (array $input) use (&$seen, &$limit): bool|string {
            $seen[] = [$input['transition'], $input['actor'], $input['params']];
            $units = $input['case']['lines'][0]['qty_requested'];
            return $units <= $limit ? true : "only $limit units may come back, not $units";
        });
        $this->useGuardOnAuthorize(['guard' => 'stock_ok', 'warehouse' => 'MI']);

        $small = $this->openReturn(quantity: 2);
        $authorized = $this->authorize($small);
        $this->assertSame('authorized', $authorized['status']);
        $this->assertSame([['authorize', self::OPERATOR, ['warehouse' => 'MI']]], $seen);

        $large = $this->openReturn(quantity: 3);
        try {
            $this->authorize($large);
            $this->fail('the guard let 3 units pass');
        } catch (TransitionException $e) {
            $this->assertSame('stock_ok', $e->getReason());
            $this->assertStringContainsString('only 2 units may come back, not 3', $e->getMessage());
        }
    }

    public function testAGuardsExceptionRefusesAndReachesTheCaller(): void
    {
        $this->engine->addGuard('erp_credit', function (array $input): bool {
            throw new \RuntimeException('ERP unreachable');
        });
        $this->useGuardOnAuthorize(['guard' => 'erp_credit']);
        $case = $this->openReturn();
        $this->assertRethrown(\RuntimeException::class, 'ERP unreachable', fn () => $this->authorize($case));
        $this->assertSame('requested', $this->engine->call(self::OPERATOR, 'case.get', ['case_id' => $case['id']])['status']);
    }

    public function testValidatorsJudgeEachLine(): void
    {
        $this->engine->addValidator('receipt', function (array $input): array {
            return $input['case']['lines'][0]['reason_code'] === 'DOA'
                ? ['outcome' => Outcome::FAIL, 'reason' => 'receipt_missing', 'message' => 'Scontrino mancante — ricevuta?']
                : ['outcome' => Outcome::PASS];
        });
        $case = $this->openReturn();
        $eligibility = $this->engine->call(self::OPERATOR, 'case.check_eligibility', ['case_id' => $case['id'], 'line_no' => 1]);
        $this->assertSame('fail', $eligibility['outcome']);
        $mine = array_values(array_filter($eligibility['results'], fn (array $r): bool => $r['validator'] === 'receipt'));
        $this->assertSame(['code' => 'receipt_missing', 'message' => 'Scontrino mancante — ricevuta?'], $mine[0]['reason']);
    }

    public function testAValidatorsWrongAnswerIsReported(): void
    {
        $this->engine->addValidator('broken', fn (array $input): array => ['outcome' => 'maybe']);
        $case = $this->openReturn();
        $this->expectException(\UnexpectedValueException::class);
        $this->engine->call(self::OPERATOR, 'case.check_eligibility', ['case_id' => $case['id'], 'line_no' => 1]);
    }

    public function testTheClockSetsEveryTimestamp(): void
    {
        $this->engine->setClock(fn (): \DateTimeImmutable => new \DateTimeImmutable('2026-03-29T00:59:59.5Z'));
        $this->assertSame('2026-03-29T00:59:59.500000Z', $this->openReturn()['created_at']);
        $this->engine->setClock(fn (): int => 1_000_000 * 86_400);
        $this->assertSame('1970-01-02T00:00:00Z', $this->openReturn()['created_at']);
        $this->engine->setClock(null);
        $this->assertStringStartsWith(gmdate('Y-'), $this->openReturn()['created_at']);
    }

    public function testAClocksExceptionReachesTheCallerAndTheSystemTimeIsUsed(): void
    {
        $this->engine->setClock(function (): int {
            throw new \RuntimeException('clock unplugged');
        });
        $this->assertRethrown(\RuntimeException::class, 'clock unplugged', fn () => $this->openReturn());
        $this->engine->setClock(null);
        $case = $this->engine->call(self::OPERATOR, 'case.get', ['case_id' => 1]);
        $this->assertStringStartsWith(gmdate('Y-'), $case['created_at']);
    }

    /** The callback's own exception, thrown again by the Engine method that ran the command. */
    private function assertRethrown(string $class, string $message, callable $command): void
    {
        try {
            $command();
        } catch (\Throwable $e) {
            $this->assertSame([$class, $message], [get_class($e), $e->getMessage()]);
            return;
        }
        $this->fail('the exception was lost');
    }

    /** @param array<string, mixed> $guard */
    private function useGuardOnAuthorize(array $guard): void
    {
        $config = $this->engine->call(self::OPERATOR, 'workflow.config');
        foreach ($config['workflows'] as &$workflow) {
            foreach ($workflow['transitions'] as &$transition) {
                if ($workflow['id'] === 'consumer_return' && $transition['name'] === 'authorize') {
                    $transition['guards'][] = $guard;
                }
            }
        }
        unset($workflow, $transition);
        $this->engine->call('system:setup', 'workflow.configure', $config);
    }

    /** @param array<mixed> $case @return array<mixed> */
    private function authorize(array $case): array
    {
        return $this->engine->call(self::OPERATOR, 'case.transition', ['case_id' => $case['id'], 'transition' => 'authorize']);
    }
}
