// rma/rma.hpp — everything a C++ host needs, in one include.
#pragma once

#include "rma/calendar.hpp"
#include "rma/engine.hpp"
#include "rma/error.hpp"
#include "rma/json_api.hpp"
#include "rma/money.hpp"
#include "rma/privacy.hpp"
#include "rma/public_holidays.hpp"
#include "rma/repair.hpp"
#include "rma/rma_number.hpp"
#include "rma/sla.hpp"
#include "rma/version.hpp"
#include "rma/workflow.hpp"
