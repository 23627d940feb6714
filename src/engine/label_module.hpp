// engine/label_module.hpp — who may print a return label and what it shows.
//
// Staff may print any case's label; a customer its own case's (a probe of another customer's
// case is not_found, as case.get); a supplier none: the label is the claimant's, and carries the
// customer's address. The case and the customer pass through the asker's view (views.cpp)
// before anything is taken from them.
#pragma once

#include "domain/label_content.hpp"
#include "engine/engine_impl.hpp"
#include "rma/label.hpp"

namespace rma {

domain::LabelContent label_content_for(Engine::Impl& e, const Actor& by, const LabelRequest& request);

}  // namespace rma
