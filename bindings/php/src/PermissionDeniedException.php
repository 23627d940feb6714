<?php

declare(strict_types=1);

namespace Rma;

/**
 * The actor's role or ownership forbids the command (5); getReason() says why
 * ("role_not_allowed", "not_own_case", "decision_locked", "admin_only", ...).
 */
class PermissionDeniedException extends RmaException
{
}
