<?php

declare(strict_types=1);

namespace Rma\Tests;

use Rma\ConflictException;
use Rma\Engine;
use Rma\InternalException;
use Rma\Library;
use Rma\NotFoundException;
use Rma\PermissionDeniedException;
use Rma\RmaException;
use Rma\Status;
use Rma\StorageException;
use Rma\TransitionException;
use Rma\ValidationException;

/** Each status family has its exception, carrying librma's code, message, field and reason. */
final class ErrorsTest extends EngineTestCase
{
    public function testNotFound(): void
    {
        $e = $this->failure(fn () => $this->engine->call(self::OPERATOR, 'case.get', ['case_id' => 99]));
        $this->assertInstanceOf(NotFoundException::class, $e);
        $this->assertSame(Status::NOT_FOUND, $e->getCode());
        $this->assertSame('not_found', $e->getStatusName());
        $this->assertSame('case_id', $e->getField());
        $this->assertStringContainsString('99', $e->getMessage());
    }

    public function testAnotherCustomersCaseIsNotFoundForAProbe(): void
    {
        $case = $this->openReturn('C1');
        $e = $this->failure(fn () => $this->engine->call('customer:C2', 'case.get', ['case_id' => $case['id']]));
        $this->assertInstanceOf(NotFoundException::class, $e);
    }

    public function testValidationNamesTheField(): void
    {
        $e = $this->failure(fn () => $this->engine->call(self::OPERATOR, 'case.create', [
            'kind' => 'return', 'channel' => 'b2c', 'customer_id' => 'C1',
            'lines' => [['sku' => 'KETTLE-1', 'quantity' => 0, 'reason_code' => 'DOA']]]));
        $this->assertInstanceOf(ValidationException::class, $e);
        $this->assertSame(Status::OUT_OF_RANGE, $e->getCode());
        $this->assertSame('lines[0].quantity', $e->getField());

        $e = $this->failure(fn () => $this->engine->call(self::OPERATOR, 'case.create', ['kind' => 'return']));
        $this->assertSame(Status::MISSING_FIELD, $e->getCode());

        $e = $this->failure(fn () => $this->engine->call(self::OPERATOR, 'case.get', ['case_id' => 'one']));
        $this->assertSame(Status::WRONG_TYPE, $e->getCode());
        $this->assertSame('case_id', $e->getField());

        $e = $this->failure(fn () => $this->engine->call(self::OPERATOR, 'case.get', [1, 2]));
        $this->assertSame(Status::WRONG_TYPE, $e->getCode(), 'a PHP list is a JSON array, not a request');

        $e = $this->failure(fn () => $this->engine->call(self::OPERATOR, 'case.fly', []));
        $this->assertSame(Status::UNKNOWN_VALUE, $e->getCode());
    }

    public function testBadPhpInputIsRefusedBeforeLibrmaSeesIt(): void
    {
        $e = $this->failure(fn () => $this->engine->call(self::OPERATOR, 'case.get', ['number' => "RMA\xff"]));
        $this->assertInstanceOf(ValidationException::class, $e);
        $this->assertSame(Status::INVALID_UTF8, $e->getCode());
        $this->assertSame('request', $e->getField());

        $e = $this->failure(fn () => $this->engine->call("operator:anna\0admin:root", 'engine.stats'));
        $this->assertSame(Status::INVALID_ARGUMENT, $e->getCode());
        $this->assertSame('actor', $e->getField());

        $e = $this->failure(fn () => $this->engine->call(self::OPERATOR, "engine.stats\xc3"));
        $this->assertSame(Status::INVALID_UTF8, $e->getCode());
        $this->assertSame('op', $e->getField());

        $e = $this->failure(fn () => $this->engine->call('anna', 'engine.stats'));
        $this->assertSame(Status::INVALID_ARGUMENT, $e->getCode(), 'an actor without a role');
    }

    public function testConflictOnAStaleVersion(): void
    {
        $case = $this->openReturn();
        $this->engine->call(self::OPERATOR, 'case.add_note', ['case_id' => $case['id'], 'channel' => 'internal', 'body' => 'first']);
        $e = $this->failure(fn () => $this->engine->call(self::OPERATOR, 'case.add_note',
            ['case_id' => $case['id'], 'version' => $case['version'], 'channel' => 'internal', 'body' => 'late']));
        $this->assertInstanceOf(ConflictException::class, $e);
        $this->assertSame(Status::CONFLICT, $e->getCode());
        $this->assertSame('version', $e->getField());
    }

    public function testTransitionCarriesItsReason(): void
    {
        $case = $this->openReturn();
        $e = $this->failure(fn () => $this->engine->call(self::OPERATOR, 'case.transition',
            ['case_id' => $case['id'], 'transition' => 'close']));
        $this->assertInstanceOf(TransitionException::class, $e);
        $this->assertSame('not_in_state', $e->getReason());
    }

    public function testPermissionCarriesItsReason(): void
    {
        $e = $this->failure(fn () => $this->engine->call('customer:C1', 'workflow.configure', ['workflows' => []]));
        $this->assertInstanceOf(PermissionDeniedException::class, $e);
        $this->assertSame(Status::PERMISSION_DENIED, $e->getCode());
        $this->assertNotSame('', $e->getReason());
    }

    public function testStorage(): void
    {
        $e = $this->failure(fn () => new Engine('/nonexistent-folder/for/rma.db'));
        $this->assertInstanceOf(StorageException::class, $e);
    }

    public function testEveryCodeHasItsFamily(): void
    {
        $families = [
            ValidationException::class => [1, 6, 7, 8, 9, 10, 11, 12],
            NotFoundException::class => [2],
            ConflictException::class => [3, 13],
            TransitionException::class => [4],
            PermissionDeniedException::class => [5],
            StorageException::class => [14],
            InternalException::class => [15, 16, 17, -1],
        ];
        foreach ($families as $class => $codes) {
            foreach ($codes as $code) {
                $e = RmaException::fromStatus($code, 'text', 'field', 'why');
                $this->assertInstanceOf($class, $e, "status $code");
                $this->assertSame([$code, 'text', 'field', 'why'], [$e->getCode(), $e->getMessage(), $e->getField(), $e->getReason()]);
            }
        }
    }

    /** Status holds rma.h's numbers and rma_status_name's names. */
    public function testStatusMatchesTheHeader(): void
    {
        $header = (string)file_get_contents((string)getenv('RMA_HEADER'));
        preg_match_all('/^#define RMA_(OK|E_\w+) (\d+)/m', $header, $m, PREG_SET_ORDER);
        $this->assertCount(17, $m);
        $ffi = Library::load();
        foreach ($m as [, $name, $code]) {
            $constant = \Rma\Status::class . '::' . preg_replace('/^E_/', '', $name);
            $this->assertSame((int)$code, constant($constant), $name);
            $this->assertSame($ffi->rma_status_name((int)$code), Status::name((int)$code));
        }
        $this->assertSame('unknown', Status::name(99));
    }

    private function failure(callable $call): RmaException
    {
        try {
            $call();
        } catch (RmaException $e) {
            return $e;
        }
        $this->fail('no exception');
    }
}
