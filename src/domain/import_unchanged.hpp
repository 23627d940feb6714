// domain/import_unchanged.hpp — whether an imported record equals the stored one, member by
// member, so that importing the same feed again writes nothing and builds nothing.
//
// Every member of each record is compared. A member added to one of these structs must be added
// here too: tests/unit/test_import_unchanged.cpp fails while a member of a record's JSON rendering
// is not changed by one of its edits, and import_unchanged.cpp's size checks stop the build when
// a member changes a struct's size (one that fits in padding does not).
#pragma once

#include "rma/party.hpp"
#include "rma/product.hpp"
#include "rma/sales.hpp"

namespace rma::domain {

bool same_record(const Customer& a, const Customer& b);
bool same_record(const Supplier& a, const Supplier& b);
bool same_record(const Product& a, const Product& b);
bool same_record(const SalesDocument& a, const SalesDocument& b);
bool same_record(const PurchaseDocument& a, const PurchaseDocument& b);

}  // namespace rma::domain
