// host.cpp — a C++ host: links rma::core, opens a case and finds it again by its number.
//   host_cpp DATABASE_FILE
#include <iostream>

#include <rma/rma.hpp>

int main(int argc, char** argv) try {
  if (argc != 2) {
    std::cerr << "usage: host_cpp DATABASE_FILE\n";
    return 2;
  }
  if (rma::version_number() != RMA_VERSION_NUMBER) {
    std::cerr << "compiled against librma " << RMA_VERSION_NUMBER << ", running "
              << rma::version_number() << '\n';
    return 1;
  }
  rma::Engine engine = rma::Engine::open(argv[1]);
  const rma::Actor clerk = rma::Actor::parse("operator:host");

  rma::Customer customer;
  customer.id = "H-1";
  customer.name = "Host Customer";
  engine.upsert_customer(clerk, customer);

  rma::CaseDraft draft;
  draft.customer_id = customer.id;
  rma::LineDraft line;
  line.sku = "HOST-SKU";
  draft.lines.push_back(line);
  const rma::Case opened = engine.create_case(clerk, draft);
  const rma::Case found = engine.get_case_by_number(clerk, opened.number);
  if (found.id != opened.id) {
    std::cerr << "case " << opened.number << " not found by its number\n";
    return 1;
  }
  std::cout << "host_cpp: librma " << rma::version_string() << ", opened " << opened.number << '\n';
  return 0;
} catch (const rma::Error& e) {
  std::cerr << "host_cpp: " << rma::status_name(e.status()) << ": " << e.what() << '\n';
  return 1;
}
