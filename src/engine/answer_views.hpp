// engine/answer_views.hpp — the C++ values an engine hands to an actor, in that actor's view.
//
// The allow-lists are those of domain/views.cpp. A case, a party or a product goes through its
// JSON document (encode, keep the allowed members, decode), so the allow-list is literally the
// same; the smaller values without a decoder are copied member by member from the same lists,
// and tests/unit/test_views.cpp checks that each copy encodes to the filtered document. Staff
// get every value unchanged.
#pragma once

#include <optional>
#include <vector>

#include "rma/engine.hpp"

namespace rma {

Case seen_by(const Actor& by, Case c);
// The case as its claimant sees it, whoever asks (Engine::customer_view).
Case claimant_view(const Case& c);
SplitResult seen_by(const Actor& by, SplitResult result);
CasePage seen_by(const Actor& by, CasePage page);
std::vector<SoldUnit> seen_by(const Actor& by, std::vector<SoldUnit> units);
SalesDocument seen_by(const Actor& by, SalesDocument document);
PurchaseDocument seen_by(const Actor& by, PurchaseDocument document);
Customer seen_by(const Actor& by, Customer customer);
Supplier seen_by(const Actor& by, Supplier supplier);
Product seen_by(const Actor& by, Product product);
WarrantyVerdict seen_by(const Actor& by, WarrantyVerdict verdict);
Eligibility seen_by(const Actor& by, Eligibility eligibility);
std::vector<TransitionOption> seen_by(const Actor& by, std::vector<TransitionOption> options);
CaseSla seen_by(const Actor& by, CaseSla sla);
// An event as a subscription made for `by` receives it; none when it must not receive it.
std::optional<Event> event_seen_by(const Actor& by, const Event& event);

}  // namespace rma
