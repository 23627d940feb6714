// demo.cpp — one return case through its life, step by step, then its history and what the
// customer sees; then the ERP feed: sample sales files imported, units checked, a repair opened
// from a serial alone and its line checked. Uses only the public C++ API.
//
//   rma_demo DATABASE_FILE      (scripts/demo runs it on a fresh ./rma-demo.db)
//
// Exits non-zero if librma does not behave as the printed story says.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "rma/rma.hpp"

namespace {

void step(const std::string& what) {
  static int number = 0;
  std::cout << '\n' << ++number << ". " << what << '\n';
}

void print_case(const rma::Case& c) {
  std::cout << "   " << c.number << "  " << rma::case_kind_name(c.kind) << " via "
            << rma::channel_name(c.channel) << "  customer " << c.customer_id << "  status "
            << c.status << "  version " << c.version;
  if (c.split_from) std::cout << "  split from case " << *c.split_from;
  std::cout << '\n';
  for (const rma::CaseLine& line : c.lines) {
    std::cout << "   line " << line.line_no << "  " << line.sku;
    if (!line.serial.empty()) std::cout << " serial " << line.serial;
    std::cout << "  requested " << line.qty_requested << ", authorized " << line.qty_authorized
              << ", received " << line.qty_received << ", accepted " << line.qty_accepted << '\n';
  }
}

void print_notes(const rma::Case& c) {
  for (const rma::Note& note : c.notes) {
    std::cout << "   [" << rma::visibility_name(note.channel) << "] " << note.author << ": "
              << note.body << '\n';
  }
}

std::int64_t internal_notes(const rma::Case& c) {
  std::int64_t n = 0;
  for (const rma::Note& note : c.notes) n += note.channel == rma::Visibility::internal;
  return n;
}

// Event data can hold a whole case; the demo shows its start. Cuts on a UTF-8 character boundary.
std::string shorten(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "... (" + std::to_string(text.size()) + " bytes)";
}

// How a person reads a number over the phone: lower case, spaces instead of separators.
std::string as_typed_by_a_person(const std::string& number) {
  std::string typed = " ";
  for (char ch : number) {
    typed += std::isalnum(static_cast<unsigned char>(ch))
                 ? static_cast<char>(std::tolower(static_cast<unsigned char>(ch)))
                 : ' ';
  }
  return typed + ' ';
}

int fail(const std::string& why) {
  std::cerr << "rma_demo: " << why << '\n';
  return 1;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void print_verdict(const std::string& serial, const rma::WarrantyVerdict& v) {
  std::cout << "   " << serial << ": " << (v.covered ? "covered" : "not covered") << " ("
            << rma::coverage_kind_name(v.coverage) << ")";
  if (v.expires) std::cout << " until " << v.expires->to_iso() << ", " << v.days_remaining << " days left";
  if (v.supplier_recoverable && v.supplier_until) std::cout << "; claimable from the supplier until " << v.supplier_until->to_iso();
  if (v.presumption_until) std::cout << "; defects presumed present at delivery until " << v.presumption_until->to_iso();
  std::cout << "\n     policy '" << v.policy << "' (matched by " << v.policy_match << "), sold "
            << (v.sale_date ? v.sale_date->to_iso() : "-") << " on " << (v.document.empty() ? "-" : v.document) << '\n';
  for (const rma::Reason& r : v.reasons) std::cout << "     " << r.code << ": " << r.message << '\n';
}

// The ERP feed and warranty: import the sample files shipped in examples/data, check units,
// open a repair from a serial alone and check its line.
int warranty_part(rma::Engine& engine, const rma::Actor& anna) {
  const std::string data = RMA_DEMO_DATA_DIR;
  step("Import the ERP's customers, suppliers, products, sales and purchases (examples/data)");
  const std::pair<rma::ImportKind, const char*> files[] = {
      {rma::ImportKind::customers, "customers.csv"},
      {rma::ImportKind::suppliers, "suppliers.csv"},
      {rma::ImportKind::products, "products.csv"},
      {rma::ImportKind::sales_documents, "sales_documents.csv"},
      {rma::ImportKind::purchase_documents, "purchase_documents.csv"}};
  for (const auto& [kind, file] : files) {
    const rma::ImportReport r = engine.import_run(anna, kind, rma::ImportFormat::csv, read_file(data + "/" + file));
    std::cout << "   " << file << ": " << r.rows_read << " rows, " << r.records_written << " written, "
              << r.records_unchanged << " unchanged, " << r.rows_rejected << " rejected\n";
    if (!r.committed) return fail(std::string("the sample file ") + file + " did not import");
  }

  step("Check a few units by serial");
  for (const char* serial : {"VTX12A0001", "LQ7-55-000871", "NOT-SOLD-HERE"}) {
    print_verdict(serial, engine.check_warranty(anna, serial));
  }

  step("Open a repair from a serial alone: the sale fills in the rest");
  rma::CaseDraft repair;
  repair.kind = rma::CaseKind::repair;
  rma::LineDraft line;
  line.serial = "VTX12A0001";
  line.reason_code = "defective";
  line.defect_description = "Does not charge";
  repair.lines = {line};
  rma::Case r = engine.create_case(anna, repair);
  const rma::CaseLine& l = r.lines.at(0);
  std::cout << "   " << r.number << " for customer " << r.customer_id << ": " << l.sku << " serial " << l.serial
            << ", sold on " << (l.purchase_date ? l.purchase_date->to_iso() : "-") << " by "
            << l.sales_document.document << '/' << l.sales_document.line << " at " << l.unit_price << ' ' << l.currency
            << " + VAT " << l.vat_rate_bp / 100 << "%, packed by " << (l.packers.empty() ? "-" : l.packers.front())
            << '\n';
  if (r.customer_id.empty() || l.sku.empty()) return fail("the sale did not fill in the case line");

  step("Check the line: the verdict and the eligibility are stored with it");
  r = engine.check_case_line(anna, r.id, 1, r.version);
  std::cout << "   warranty:    " << r.lines[0].warranty.substr(0, 140) << "...\n";
  std::cout << "   eligibility: " << r.lines[0].eligibility.substr(0, 140) << "...\n";
  if (r.lines[0].warranty.empty()) return fail("the verdict was not stored");

  step("Service history of VTX12A0001");
  for (const rma::ServiceRecord& rec : engine.unit_history(anna, "VTX12A0001")) {
    std::cout << "   " << rec.at.to_iso() << "  " << rec.case_number << "  " << rec.type << '\n';
  }
  return 0;
}

int run(const std::string& path) {
  rma::Engine engine = rma::Engine::open(path);
  const rma::Actor anna = rma::Actor::parse("operator:anna");
  const rma::Actor customer_actor = rma::Actor::parse("customer:C-1001");
  std::cout << "librma " << rma::version_string() << " on " << path << '\n';

  step("Register the customer and the products (usually mirrored from the ERP)");
  rma::Customer customer;
  customer.id = "C-1001";
  customer.name = "Rossi Elettronica S.r.l.";
  customer.tax_id = "IT01234567890";
  customer.email = "resi@rossi-elettronica.example";
  customer.tier = "gold";
  customer.language = "it";
  customer.addresses.push_back({"shipping", "Via Roma 1", "", "Milano", "20121", "MI", "IT"});
  engine.upsert_customer(anna, customer);
  std::cout << "   customer " << customer.id << " " << customer.name << " (" << customer.tier
            << ")\n";

  rma::Product machine;
  machine.sku = "CM-900";
  machine.name = "Espresso machine CM-900";
  machine.brand = "Brava";
  machine.category = "coffee machines";
  machine.serialized = true;
  engine.upsert_product(anna, machine);
  rma::Product filter;
  filter.sku = "FLT-10";
  filter.name = "Water filter cartridge";
  filter.brand = "Brava";
  filter.category = "accessories";
  engine.upsert_product(anna, filter);
  std::cout << "   products " << machine.sku << " (serialized), " << filter.sku << '\n';

  step("Open a return: a machine with a faulty pump and three filters ordered by mistake");
  rma::CaseDraft draft;
  draft.kind = rma::CaseKind::return_;
  draft.channel = rma::Channel::b2b;
  draft.customer_id = customer.id;
  draft.assignee = "anna";
  draft.team = "returns";
  rma::LineDraft machine_line;
  machine_line.sku = machine.sku;
  machine_line.serial = "SN-4711-0042";
  machine_line.sales_document = {"INV-2026-0815", 1};
  machine_line.reason_code = "defective";
  machine_line.defect_description = "Pump stops after ten seconds";
  machine_line.quantity = 1;
  rma::LineDraft filter_line;
  filter_line.sku = filter.sku;
  filter_line.sales_document = {"INV-2026-0815", 2};
  filter_line.reason_code = "wrong_order";
  filter_line.quantity = 3;
  draft.lines = {machine_line, filter_line};
  rma::Case c = engine.create_case(anna, draft);
  print_case(c);

  step("Add an internal and an external note");
  c = engine.add_note(anna, c.id,
                      {rma::Visibility::internal,
                       "Gold customer: swap the machine at once if the pump is confirmed faulty."},
                      c.version);
  c = engine.add_note(anna, c.id,
                      {rma::Visibility::external,
                       "Please ship the machine in its original box; the filters can travel with it."},
                      c.version);
  print_notes(c);

  step("Attach the customer's photo of the rating plate");
  rma::AttachmentDraft photo;
  photo.file_name = "rating-plate.jpg";
  photo.media_type = "image/jpeg";
  photo.size_bytes = 182734;
  photo.sha256 = "9f2c4e1a7b3d5f6e8a0c1b2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f";
  photo.uri = "https://files.example/returns/C-1001/rating-plate.jpg";
  photo.visibility = rma::Visibility::external;
  c = engine.add_attachment(anna, c.id, photo, c.version);
  std::cout << "   " << c.attachments.back().file_name << " (" << c.attachments.back().size_bytes
            << " bytes, sha256 " << c.attachments.back().sha256.substr(0, 12) << "...)\n";

  step("Plan an action: inspect the pump within two days");
  rma::ActionDraft inspect;
  inspect.title = "Inspect the pump";
  inspect.assignee = "marco";
  inspect.due_at = rma::Timestamp{rma::system_now().micros + 2LL * 24 * 3600 * 1000000};
  c = engine.add_action(anna, c.id, inspect, c.version);
  const rma::Action action = c.actions.back();
  std::cout << "   action " << action.id << " \"" << action.title << "\" for " << action.assignee
            << ", due " << action.due_at->to_iso() << '\n';

  step("What anna may do now (the buttons a host would show)");
  for (const rma::TransitionOption& o : engine.case_transitions(anna, c.id)) {
    std::cout << "   " << o.name << " -> " << o.to << (o.available ? "" : "  (unavailable: ");
    for (const rma::Denial& d : o.denials) std::cout << d.code << ": " << d.message << "; ";
    std::cout << (o.available ? "" : ")") << '\n';
  }

  step("Authorize the machine and one filter: the other two need a decision");
  rma::CasePatch authorize;
  authorize.lines.push_back({});
  authorize.lines.back().line_no = 1;
  authorize.lines.back().qty_authorized = 1;
  authorize.lines.push_back({});
  authorize.lines.back().line_no = 2;
  authorize.lines.back().qty_authorized = 1;
  c = engine.update_case(anna, c.id, authorize, c.version);
  c = engine.transition_case(anna, c.id, "authorize", c.version);
  print_case(c);

  step("Receive what was authorized and record the machine's condition");
  rma::CasePatch receive;
  receive.lines.push_back({});
  receive.lines.back().line_no = 1;
  receive.lines.back().qty_received = 1;
  receive.lines.back().condition = "pump seized, housing intact";
  receive.lines.push_back({});
  receive.lines.back().line_no = 2;
  receive.lines.back().qty_received = 1;
  c = engine.update_case(anna, c.id, receive, c.version);
  c = engine.transition_case(anna, c.id, "receive", c.version);
  print_case(c);

  step("Marco completes the inspection");
  c = engine.complete_action(rma::Actor::parse("operator:marco"), c.id, action.id, c.version);
  std::cout << "   action " << action.id << " done at " << c.actions.back().done_at->to_iso()
            << " by " << c.actions.back().done_by << '\n';

  step("Split the two unauthorized filters off to a case of their own");
  rma::SplitRequest split;
  split.lines.push_back({2, 2});
  const rma::SplitResult parts = engine.split_case(anna, c.id, split, c.version);
  c = parts.original;
  print_case(parts.original);
  print_case(parts.created);
  if (parts.created.split_from != c.id) return fail("the new case does not point back to the original");

  step("History of " + c.number);
  for (const rma::Event& event : engine.history(anna, c.id)) {
    std::cout << "   #" << event.seq << "  " << event.at.to_iso() << "  " << event.actor << "  "
              << event.type << "\n        " << shorten(event.data, 300) << '\n';
  }

  step("What the customer sees of " + c.number);
  const rma::Case seen = engine.customer_view(customer_actor, c.id);
  print_notes(seen);
  std::cout << "   " << seen.attachments.size() << " attachment(s); internal notes: staff see "
            << internal_notes(c) << ", the customer " << internal_notes(seen) << '\n';
  if (internal_notes(c) == 0 || internal_notes(seen) != 0) {
    return fail("the customer view should drop the internal note");
  }

  step("Find the case from a number typed by a person");
  const std::string typed = as_typed_by_a_person(c.number);
  const std::optional<rma::ParsedNumber> parsed =
      rma::parse_rma_number(engine.options().number_format, typed);
  if (!parsed || parsed->canonical != c.number) return fail("the typed number did not parse back");
  const rma::Case found = engine.get_case_by_number(anna, typed);
  std::cout << "   \"" << typed << "\" -> " << parsed->canonical << " (year " << parsed->year
            << ", sequence " << parsed->sequence << ") -> case " << found.id << '\n';
  if (found.id != c.id) return fail("the typed number found another case");
  return warranty_part(engine, anna);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: rma_demo DATABASE_FILE\n";
    return 2;
  }
  try {
    return run(argv[1]);
  } catch (const rma::Error& e) {
    std::cerr << "rma_demo: " << rma::status_name(e.status()) << ": " << e.what() << '\n';
    return 1;
  }
}
