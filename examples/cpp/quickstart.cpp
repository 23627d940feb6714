// quickstart.cpp — the smallest complete librma program: open a case, note it, read its history.
#include <iostream>

#include "rma/rma.hpp"

int main() try {
  rma::Engine engine = rma::Engine::open(":memory:");  // or a file path
  const rma::Actor anna = rma::Actor::parse("operator:anna");

  rma::Customer customer;
  customer.id = "C-1";
  customer.name = "Ada Bianchi";
  engine.upsert_customer(anna, customer);

  rma::CaseDraft draft;
  draft.customer_id = "C-1";
  rma::LineDraft line;
  line.sku = "KB-100";
  line.reason_code = "defective";
  draft.lines.push_back(line);
  const rma::Case opened = engine.create_case(anna, draft);
  engine.add_note(anna, opened.id, {rma::Visibility::external, "Please send the keyboard back."});

  std::cout << "opened " << opened.number << '\n';
  for (const rma::Event& event : engine.history(anna, opened.id)) {
    std::cout << event.seq << ' ' << event.type << '\n';
  }
  return 0;
} catch (const rma::Error& e) {
  std::cerr << rma::status_name(e.status()) << ": " << e.what() << '\n';
  return 1;
}
