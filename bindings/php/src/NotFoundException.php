<?php

declare(strict_types=1);

namespace Rma;

/**
 * The case, party, action, message or subscription does not exist (2).
 */
class NotFoundException extends RmaException
{
}
