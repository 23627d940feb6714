#include "engine/label_module.hpp"

#include <optional>

#include "domain/label_texts.hpp"
#include "engine/answer_views.hpp"

namespace rma {

domain::LabelContent label_content_for(Engine::Impl& e, const Actor& by, const LabelRequest& request) {
  if (by.role == Role::supplier) e.require_staff(by, "print a customer's return label", request.case_id);
  const Case c = seen_by(by, e.visible_case(by, request.case_id));
  std::optional<Customer> customer;
  if (!c.customer_id.empty()) {
    // load_for has checked that a customer asker is this case's customer.
    customer = seen_by(by, e.parties.customer(by, c.customer_id));
  }
  const std::string language = domain::label_language(request.language, customer ? customer->language : "");
  return domain::label_content(c, customer ? &*customer : nullptr, e.options.labels, request.line_no,
                               domain::label_texts(language));
}

}  // namespace rma
