// Quantities bounded by the sale: no case line asks, authorizes, receives or accepts more units
// of a sales line than were sold minus what earlier lines claim; a serial is one unit.
#include <doctest/doctest.h>

#include "domain/returnable_units.hpp"
#include "engine_fixture.hpp"

using namespace rma;
using rma_test::EngineFixture;
using rma_test::status_of;

namespace {

// C2 bought ten cables on INV-2 and two phones (SN-500, SN-501) on INV-5.
const char* const kSales =
    R"({"id":"INV-2","date":"2026-02-20","delivery_date":"2026-02-21","customer_id":"C2","channel":"b2b","distance_sale":false,"lines":[{"sku":"CABLE-2","quantity":10,"unit_price":399,"vat_rate_bp":2200}]})"
    "\n"
    R"({"id":"INV-5","date":"2026-02-20","delivery_date":"2026-02-21","customer_id":"C2","channel":"b2b","distance_sale":false,"lines":[{"sku":"PHONE-1","quantity":2,"unit_price":49900,"vat_rate_bp":2200,"serials":["SN-500","SN-501"]}]})"
    "\n";

struct QuantityFixture : EngineFixture {
  QuantityFixture() {
    REQUIRE(engine.import_run(op, ImportKind::sales_documents, ImportFormat::jsonl, kSales).committed);
  }
  static LineDraft cables(std::int64_t quantity) {
    LineDraft l;
    l.sales_document = {"INV-2", 1};
    l.quantity = quantity;
    l.reason_code = "wrong_order";
    return l;
  }
  static LineDraft phone(const std::string& serial) {
    LineDraft l;
    l.serial = serial;
    l.reason_code = "defective";
    return l;
  }
  Case open(std::vector<LineDraft> lines) {
    CaseDraft d;
    d.channel = Channel::b2b;
    d.lines = std::move(lines);
    return engine.create_case(op, d);
  }
  // The field and status `f` is refused with, checking that it wrote nothing.
  std::pair<Status, std::string> refusal(const std::function<void()>& f) {
    const auto events = event_count();
    const auto cases = engine.stats().cases;
    try {
      f();
    } catch (const Error& e) {
      CHECK(event_count() == events);
      CHECK(engine.stats().cases == cases);
      return {e.status(), e.field()};
    }
    return {Status::ok, std::string()};
  }
};

CasePatch line_patch(std::int32_t line_no, std::optional<std::int64_t> authorized, std::optional<std::int64_t> received,
                     std::optional<std::int64_t> accepted) {
  CasePatch p;
  LinePatch lp;
  lp.line_no = line_no;
  lp.qty_authorized = authorized;
  lp.qty_received = received;
  lp.qty_accepted = accepted;
  p.lines = {lp};
  return p;
}

}  // namespace

TEST_CASE("the rule: the largest quantity a line holds is what it claims; sold minus earlier claims is left") {
  CaseLine l;
  l.qty_requested = 5;
  l.qty_authorized = 3;
  l.qty_received = 4;
  l.qty_accepted = 2;
  CHECK(domain::claimed_units(l) == 5);
  l.qty_received = 7;  // a line that holds more than it asked for still claims all it holds
  CHECK(domain::claimed_units(l) == 7);

  const domain::SoldUnits s{"sales line INV-2/1", 10, 6};
  CHECK(domain::returnable_units(s) == 4);
  CHECK_NOTHROW(domain::check_returnable("lines[0].quantity", 4, s));
  try {
    domain::check_returnable("lines[0].quantity", 5, s);
    FAIL("5 of 4 accepted");
  } catch (const Error& e) {
    CHECK(e.status() == Status::out_of_range);
    CHECK(e.field() == "lines[0].quantity");
    CHECK(std::string(e.what()).find("INV-2/1") != std::string::npos);
  }
  CHECK(domain::returnable_units(domain::SoldUnits{"x", 10, 12}) == 0);  // over-claimed: nothing left, not -2

  domain::QuantityFields fields;
  fields.received = "changes.lines[0].qty_received";
  CaseLine patched;
  patched.qty_requested = 9;  // not named: not checked
  patched.qty_received = 4;
  CHECK_NOTHROW(domain::check_line_returnable(patched, fields, s));
  patched.qty_received = 5;
  CHECK_THROWS_AS(domain::check_line_returnable(patched, fields, s), Error);
}

TEST_CASE("a case asks at most the units sold minus earlier cases' claims: the rest exactly, one more refused") {
  QuantityFixture f;
  const Case first = f.open({QuantityFixture::cables(6)});
  CHECK(f.refusal([&] { f.open({QuantityFixture::cables(5)}); }) ==
        std::make_pair(Status::out_of_range, std::string("lines[0].quantity")));
  const Case rest = f.open({QuantityFixture::cables(4)});  // 6 + 4 = 10 sold
  CHECK(rest.lines[0].qty_requested == 4);
  CHECK(f.refusal([&] { f.open({QuantityFixture::cables(1)}); }) ==
        std::make_pair(Status::out_of_range, std::string("lines[0].quantity")));
  (void)first;
}

TEST_CASE("within one case, its earlier lines on the same sales line count; the line that overflows is named") {
  QuantityFixture f;
  const Case at_limit = f.open({QuantityFixture::cables(6), QuantityFixture::cables(4)});
  CHECK(at_limit.lines.size() == 2);
  QuantityFixture g;
  CHECK(g.refusal([&] { g.open({QuantityFixture::cables(6), QuantityFixture::cables(5)}); }) ==
        std::make_pair(Status::out_of_range, std::string("lines[1].quantity")));
}

TEST_CASE("rejected and deleted cases give their units back; a case un-rejected takes them again") {
  QuantityFixture f;
  Case early = f.open({QuantityFixture::cables(6)});
  CasePatch reject;
  reject.resolution = Resolution::reject;
  early = f.engine.update_case(f.op, early.id, reject, early.version);
  Case later = f.open({QuantityFixture::cables(7)});  // the rejected 6 count for nothing

  // The early case claims its 6 again, and earlier cases own the first units: 4 are left for
  // the later one, whatever it asked for.
  CasePatch refund;
  refund.resolution = Resolution::refund;
  early = f.engine.update_case(f.op, early.id, refund, early.version);
  later = f.engine.update_case(f.op, later.id, line_patch(1, 4, std::nullopt, std::nullopt), later.version);
  CHECK(later.lines[0].qty_authorized == 4);
  const auto version = later.version;
  CHECK(f.refusal([&] { f.engine.update_case(f.op, later.id, line_patch(1, std::nullopt, 5, std::nullopt)); }) ==
        std::make_pair(Status::out_of_range, std::string("changes.lines[0].qty_received")));
  later = f.engine.update_case(f.op, later.id, line_patch(1, std::nullopt, 4, 4));
  CHECK(later.version == version + 1);
  CHECK(f.refusal([&] { f.engine.update_case(f.op, later.id, line_patch(1, 5, std::nullopt, std::nullopt)); }) ==
        std::make_pair(Status::out_of_range, std::string("changes.lines[0].qty_authorized")));
  // The earlier case is not bounded by the later one's claim.
  early = f.engine.update_case(f.op, early.id, line_patch(1, 6, 6, 6));
  CHECK(early.lines[0].qty_accepted == 6);

  // A deleted case gives its units back too.
  QuantityFixture g;
  const Case gone = g.open({QuantityFixture::cables(10)});
  CHECK(g.refusal([&] { g.open({QuantityFixture::cables(1)}); }).first == Status::out_of_range);
  g.engine.delete_case(g.admin, gone.id, "entered twice");
  CHECK(g.open({QuantityFixture::cables(10)}).lines[0].qty_requested == 10);
}

TEST_CASE("a serial is one unit: a second claim on it is refused, another serial of the line is not") {
  QuantityFixture f;
  const Case first = f.open({QuantityFixture::phone("SN-500")});
  CHECK(first.lines[0].sales_document.document == "INV-5");
  auto [status, field] = f.refusal([&] { f.open({QuantityFixture::phone("SN-500")}); });
  CHECK(status == Status::out_of_range);
  CHECK(field == "lines[0].quantity");
  try {
    f.open({QuantityFixture::phone("SN-500")});
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("unit SN-500") != std::string::npos);
  }
  // The same serial twice in one case: the second line is refused.
  QuantityFixture g;
  CHECK(g.refusal([&] { g.open({QuantityFixture::phone("SN-501"), QuantityFixture::phone("SN-501")}); }) ==
        std::make_pair(Status::out_of_range, std::string("lines[1].quantity")));
  // The other unit of the line is still returnable, and then the line is used up.
  const Case second = f.open({QuantityFixture::phone("SN-501")});
  CHECK(second.lines[0].serial == "SN-501");
  LineDraft by_line;
  by_line.sales_document = {"INV-5", 1};
  by_line.serial = "SN-501";
  by_line.reason_code = "defective";
  CHECK(f.refusal([&] { f.open({by_line}); }).first == Status::out_of_range);
}

TEST_CASE("a split moves units and adds none: it is not refused by the bound") {
  QuantityFixture f;
  Case c = f.open({QuantityFixture::cables(10)});
  SplitRequest split;
  split.lines = {SplitLine{1, 4}};
  const SplitResult r = f.engine.split_case(f.op, c.id, split, c.version);
  CHECK(r.original.lines[0].qty_requested == 6);
  CHECK(r.created.lines[0].qty_requested == 4);
  // The split-off case (a later id) can authorize its 4: the original's 6 come before them.
  Case created = f.engine.update_case(f.op, r.created.id, line_patch(1, 4, std::nullopt, std::nullopt));
  CHECK(created.lines[0].qty_authorized == 4);
  CHECK(f.refusal([&] { f.open({QuantityFixture::cables(1)}); }).first == Status::out_of_range);
}
