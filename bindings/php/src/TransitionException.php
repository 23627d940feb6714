<?php

declare(strict_types=1);

namespace Rma;

/**
 * The workflow does not allow this move, from this state or past its guards (4); getReason()
 * says which ("not_in_state", a guard's name).
 */
class TransitionException extends RmaException
{
}
