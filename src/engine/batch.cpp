// engine/batch.cpp — the commands of Engine::batch. Each calls the command body its Engine
// namesake runs, without a frame of its own: Engine::batch's one write frame (engine.cpp) holds
// the lock and the transaction for all of them. Answers are seen as the batch's actor may see them.
#include "engine/answer_views.hpp"
#include "engine/engine_impl.hpp"
#include "rma/engine.hpp"

namespace rma {

Customer Batch::upsert_customer(const Customer& x) { return seen_by(by_, impl_.parties.upsert_customer(by_, x)); }
Supplier Batch::upsert_supplier(const Supplier& x) { return seen_by(by_, impl_.parties.upsert_supplier(by_, x)); }
Operator Batch::upsert_operator(const Operator& x) { return impl_.parties.upsert_operator(by_, x); }
Product Batch::upsert_product(const Product& x) { return seen_by(by_, impl_.parties.upsert_product(by_, x)); }
Case Batch::create_case(const CaseDraft& d) { return seen_by(by_, impl_.create_case(by_, d)); }
Case Batch::update_case(std::int64_t id, const CasePatch& p, ExpectedVersion e) { return seen_by(by_, impl_.update_case(by_, id, p, e)); }
Case Batch::add_note(std::int64_t id, const NoteDraft& n, ExpectedVersion e) { return seen_by(by_, impl_.add_note(by_, id, n, e)); }
Case Batch::add_attachment(std::int64_t id, const AttachmentDraft& a, ExpectedVersion e) {
  return seen_by(by_, impl_.add_attachment(by_, id, a, e));
}
Case Batch::add_action(std::int64_t id, const ActionDraft& a, ExpectedVersion e) { return seen_by(by_, impl_.add_action(by_, id, a, e)); }
Case Batch::complete_action(std::int64_t id, std::int64_t action_id, ExpectedVersion e) {
  return seen_by(by_, impl_.complete_action(by_, id, action_id, e));
}
SplitResult Batch::split_case(std::int64_t id, const SplitRequest& request, ExpectedVersion e) {
  return seen_by(by_, impl_.split_case(by_, id, request, e));
}
void Batch::add_extended_warranty(const ExtendedWarranty& w) { impl_.warranty.add_extended_warranty(by_, w); }
void Batch::register_unit(const std::string& serial, Date on) { impl_.warranty.register_unit(by_, serial, on); }
Case Batch::check_case_line(std::int64_t id, std::int32_t line_no, ExpectedVersion e) {
  return seen_by(by_, impl_.warranty.check_case_line(by_, id, line_no, e));
}
Case Batch::transition_case(std::int64_t id, const std::string& transition, ExpectedVersion e) {
  return seen_by(by_, impl_.workflow.transition(by_, id, transition, e));
}
Case Batch::reopen_case(std::int64_t id, const std::string& state, const std::string& reason, ExpectedVersion e) {
  return seen_by(by_, impl_.reopen_case(by_, id, state, reason, e));
}
void Batch::delete_case(std::int64_t id, const std::string& reason) { impl_.delete_case(by_, id, reason); }
Case Batch::add_repair(std::int64_t id, const RepairOperationDraft& repair, ExpectedVersion e) {
  return seen_by(by_, impl_.add_repair(by_, id, repair, e));
}
Case Batch::set_repair_status(std::int64_t id, std::int64_t repair_id, RepairStatus status, ExpectedVersion e) {
  return seen_by(by_, impl_.set_repair_status(by_, id, repair_id, status, e));
}

}  // namespace rma
