#include "store/postgres/pg_store.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "rma/error.hpp"
#include "rma/money.hpp"
#include "store/case_query_sql.hpp"
#include "store/column_text.hpp"
#include "store/postgres/case_query.hpp"
#include "store/postgres/chain.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/failure.hpp"
#include "store/postgres/known_rows.hpp"
#include "store/postgres/report_reads.hpp"
#include "store/postgres/rows.hpp"
#include "store/postgres/schema.hpp"
#include "store/postgres/unit_lookups.hpp"
#include "store/rows_read.hpp"
#include "store/sla_due_keys.hpp"
#include "store/valued_event.hpp"

namespace rma::store {
namespace {

using pg::Connection;
using pg::Params;
using pg::Result;

class PgStore final : public Store {
 public:
  PgStore(const std::string& location, const Options& options)
      : db_(location,
            [timeout = options.busy_timeout_ms](Connection& c) {
              // A lock (the writer lock above all) not granted within the busy timeout fails the
              // command as busy, as SQLite's busy timeout does.
              c.run("SELECT set_config('lock_timeout', ?, false)", Params().add(std::to_string(timeout) + "ms"));
            }),
        queries_(db_, options.limits.max_counted_total),
        units_(db_),
        chain_(db_, known_, options) {
    pg::migrate(db_);
    seen_commits_ = commits();
  }

  std::optional<Error> failure_of(const std::exception& failure) const noexcept override {
    return pg::pg_failure(failure);
  }

  // One writer at a time: the lock is held until COMMIT or ROLLBACK, so sequence numbers taken
  // under it (events, outbox, ids, RMA numbers) are in commit order and never interleave.
  // One round trip: BEGIN, the lock, and the commit counter that the engine's changed_by_others()
  // right after asks for (a command's round trips are what it costs on a server), as prepared
  // statements in one pipeline, so the server does not parse and plan them for every command.
  void begin() override {
    static const std::vector<std::string> kBegin = {
        "BEGIN",
        "SELECT pg_advisory_xact_lock(" + std::to_string(pg::kLockClass) + ", hashtext(current_schema()))",
        "SELECT n FROM commits WHERE id = 1"};
    const std::vector<Result> r = first_statement([&] { return db_.run_all(kBegin); });
    counted_at_begin_ = r.back().int64(0, 0);
    // Another engine committed since this one last looked: what this store knew may be stale.
    if (*counted_at_begin_ != seen_commits_ || others_committed_) known_.forget();
  }

  // Counting commits lets other engines tell, with one primary-key read, that they must follow.
  // The count and COMMIT go in one round trip, with the writes still queued (Connection::send).
  void commit() override {
    chain_.before_commit();
    static const std::vector<std::string> kCommit = {"UPDATE commits SET n = n + 1 WHERE id = 1 RETURNING n",
                                                     "COMMIT"};
    const std::vector<Result> r = db_.run_all(kCommit);
    const std::int64_t n = r.front().int64(0, 0);
    if (n != seen_commits_ + 1) {
      others_committed_ = true;  // others committed since we last looked
      known_.forget();
    }
    seen_commits_ = n;
    counted_at_begin_.reset();
    known_.bound();
  }

  void rollback() noexcept override {
    counted_at_begin_.reset();
    known_.forget();  // the command may have written what is now undone
    db_.discard();
    try {
      if (db_.in_transaction()) db_.exec("ROLLBACK");
    } catch (...) {
      // A lost connection rolled the transaction back already.
    }
  }

  StoreCopyReport copy_to(const std::string&, const StoreCopyOptions&) override {
    throw Error(Status::invalid_argument, "to",
                "a PostgreSQL store is not the source of a copy: move it with pg_dump and pg_restore "
                "(docs/postgresql.md, Backups)");
  }

  std::string cache_path(const std::string&) const override { return std::string(); }

  bool changed_by_others() override {
    const bool reconnected = db_.reconnected();
    // Inside a transaction the count read with the writer lock is current: nobody commits then.
    const std::int64_t n = counted_at_begin_ ? *counted_at_begin_ : first_statement([&] { return commits(); });
    const bool changed = reconnected || others_committed_ || n != seen_commits_ || db_.reconnected();
    if (changed) known_.forget();
    seen_commits_ = n;
    others_committed_ = false;
    return changed;
  }

  std::int64_t last_event_seq() override {
    return db_.run("SELECT COALESCE(MAX(seq), 0) FROM events").int64(0, 0);
  }

  std::vector<EventRef> events_after(std::int64_t seq) override {
    Result r = db_.run("SELECT seq, case_id, type FROM events WHERE seq > ? ORDER BY seq", Params().add(seq));
    std::vector<EventRef> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(EventRef{r.int64(i, 0), r.int64(i, 1), r.text(i, 2)});
    return out;
  }

  // --- parties --------------------------------------------------------------------------------

  std::string put_customer(const Customer& c, Timestamp now, const std::string& privacy_key) override {
    known_.customers.erase(c.id);
    Params p;
    p.add(c.id).add(c.name).add(c.tax_id).add(c.email).add(c.tier).add(c.language).add(phones_text(c.phones))
        .add(addresses_text(c.addresses)).add(time_text(now));
    add_key(p, privacy_key);
    Result r = db_.run("INSERT INTO customers (id, name, tax_id, email, tier, language, phones, addresses, updated_at,"
                       " privacy_key) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name=excluded.name,"
                       " tax_id=excluded.tax_id, email=excluded.email, tier=excluded.tier, language=excluded.language,"
                       " phones=excluded.phones, addresses=excluded.addresses, updated_at=excluded.updated_at,"
                       " privacy_key=COALESCE(customers.privacy_key, excluded.privacy_key) RETURNING privacy_key",
                       p);
    return r.null(0, 0) ? std::string() : r.bytes(0, 0);
  }

  // Inside a transaction a customer read once stays as read (known_rows.hpp; put_customer
  // forgets it): a command that creates a case asks for its customer twice, a transition once.
  std::optional<Customer> find_customer(const std::string& id) override {
    if (db_.in_transaction()) {
      auto it = known_.customers.find(id);
      if (it != known_.customers.end()) return it->second;
      std::optional<Customer> c = read_customer(id);
      known_.customers.emplace(id, c);
      return c;
    }
    return read_customer(id);
  }

  std::optional<Customer> read_customer(const std::string& id) {
    Result r = db_.run("SELECT id, name, tax_id, email, tier, language, phones, addresses FROM customers WHERE id = ?",
                       Params().add(id));
    if (r.rows() == 0) return std::nullopt;
    Customer c;
    c.id = r.text(0, 0); c.name = r.text(0, 1); c.tax_id = r.text(0, 2); c.email = r.text(0, 3);
    c.tier = r.text(0, 4); c.language = r.text(0, 5);
    c.phones = phones_from(r.text(0, 6));
    c.addresses = addresses_from(r.text(0, 7));
    return c;
  }

  void put_supplier(const Supplier& x, Timestamp now) override {
    db_.run("INSERT INTO suppliers (id, name, tax_id, email, phones, addresses, updated_at) VALUES (?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET name=excluded.name, tax_id=excluded.tax_id, email=excluded.email,"
            " phones=excluded.phones, addresses=excluded.addresses, updated_at=excluded.updated_at",
            Params().add(x.id).add(x.name).add(x.tax_id).add(x.email).add(phones_text(x.phones))
                .add(addresses_text(x.addresses)).add(time_text(now)));
  }

  std::optional<Supplier> find_supplier(const std::string& id) override {
    Result r = db_.run("SELECT id, name, tax_id, email, phones, addresses FROM suppliers WHERE id = ?",
                       Params().add(id));
    if (r.rows() == 0) return std::nullopt;
    Supplier x;
    x.id = r.text(0, 0); x.name = r.text(0, 1); x.tax_id = r.text(0, 2); x.email = r.text(0, 3);
    x.phones = phones_from(r.text(0, 4));
    x.addresses = addresses_from(r.text(0, 5));
    return x;
  }

  void put_operator(const Operator& o, Timestamp now) override {
    db_.run("INSERT INTO operators (id, name, email, role, team, updated_at) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET name=excluded.name, email=excluded.email, role=excluded.role,"
            " team=excluded.team, updated_at=excluded.updated_at",
            Params().add(o.id).add(o.name).add(o.email).add(std::string(role_name(o.role))).add(o.team)
                .add(time_text(now)));
  }

  std::optional<Operator> find_operator(const std::string& id) override {
    Result r = db_.run("SELECT id, name, email, role, team FROM operators WHERE id = ?", Params().add(id));
    if (r.rows() == 0) return std::nullopt;
    Operator o;
    o.id = r.text(0, 0); o.name = r.text(0, 1); o.email = r.text(0, 2);
    o.role = pg::enum_at<Role>(r, 0, 3, role_from_name);
    o.team = r.text(0, 4);
    return o;
  }

  void put_product(const Product& p, Timestamp now) override {
    db_.run("INSERT INTO products (sku, name, brand, category, supplier_id, serialized, updated_at)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT(sku) DO UPDATE SET name=excluded.name, brand=excluded.brand,"
            " category=excluded.category, supplier_id=excluded.supplier_id, serialized=excluded.serialized,"
            " updated_at=excluded.updated_at",
            Params().add(p.sku).add(p.name).add(p.brand).add(p.category).add(p.supplier_id).add(p.serialized)
                .add(time_text(now)));
  }

  std::optional<Product> find_product(const std::string& sku) override {
    Result r = db_.run("SELECT sku, name, brand, category, supplier_id, serialized FROM products WHERE sku = ?",
                       Params().add(sku));
    if (r.rows() == 0) return std::nullopt;
    count_registry_rows(1);
    return product_at(r, 0);
  }

  // --- documents ------------------------------------------------------------------------------

  // A document read inside a transaction is kept (known_rows.hpp): opening a case asks for its
  // sales line, then for the line's document.
  std::optional<SalesDocument> find_sales_document(const std::string& id) override {
    if (db_.in_transaction()) {
      if (auto it = known_.sales_documents.find(id); it != known_.sales_documents.end()) return it->second;
    }
    return read_sales_document(id);
  }

  // The document with every line, in one round trip; kept when read inside a transaction.
  std::optional<SalesDocument> read_sales_document(const std::string& id) {
    Result r = db_.run(
        "SELECT d.id, d.date, d.delivery_date, d.customer_id, d.channel, d.distance_sale, d.currency,"
        " d.jurisdiction, d.discount, l.line_no, l.sku, l.quantity, l.unit_price, l.vat_rate_bp, l.serials,"
        " l.lot, l.dispatch_document, l.packers, l.discount"
        " FROM sales_documents d LEFT JOIN sales_lines l ON l.document_id = d.id WHERE d.id = ? ORDER BY l.line_no",
        Params().add(id));
    std::optional<SalesDocument> d;
    if (r.rows() > 0) {
      d = pg::sales_document_row(r, 0);
      for (int i = 0; i < r.rows(); ++i) {
        if (!r.null(i, 9)) d->lines.push_back(pg::sales_line_row(r, i, 9));
      }
      count_registry_rows(1 + static_cast<std::int64_t>(d->lines.size()));
    }
    if (db_.in_transaction()) known_.sales_documents[id] = d;
    return d;
  }

  void put_sales_document(const SalesDocument& d, Timestamp now, bool /*replaces*/) override {
    known_.sales_documents.erase(d.id);
    // Removing first whatever `replaces` says: a round trip less matters little beside the
    // lines' own, and a document another engine stored meanwhile is replaced all the same.
    db_.run("DELETE FROM sales_lines WHERE document_id = ?", Params().add(d.id));
    Params p;
    p.add(d.id).add(d.date.to_iso());
    if (d.delivery_date) p.add(d.delivery_date->to_iso()); else p.null();
    p.add(d.customer_id).add(std::string(channel_name(d.channel))).add(d.distance_sale).add(d.currency)
        .add(d.jurisdiction).add(time_text(now)).add(d.discount);
    db_.run("INSERT INTO sales_documents (id, date, delivery_date, customer_id, channel, distance_sale, currency,"
            " jurisdiction, updated_at, discount) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET"
            " date=excluded.date, delivery_date=excluded.delivery_date, customer_id=excluded.customer_id,"
            " channel=excluded.channel, distance_sale=excluded.distance_sale, currency=excluded.currency,"
            " jurisdiction=excluded.jurisdiction, updated_at=excluded.updated_at, discount=excluded.discount",
            p);
    for (const SalesLine& x : d.lines) {
      db_.run("INSERT INTO sales_lines (document_id, line_no, sku, quantity, unit_price, vat_rate_bp, serials, lot,"
              " dispatch_document, packers, discount) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
              Params().add(d.id).add(x.line_no).add(x.sku).add(x.quantity).add(x.unit_price).add(x.vat_rate_bp)
                  .add(join_list(x.serials)).add(x.lot).add(x.dispatch_document).add(join_list(x.packers))
                  .add(x.discount));
    }
    units_.write_sold_serials(d);
  }

  std::optional<PurchaseDocument> find_purchase_document(const std::string& id) override {
    Result r = db_.run("SELECT id, date, supplier_id, currency FROM purchase_documents WHERE id = ?", Params().add(id));
    if (r.rows() == 0) return std::nullopt;
    PurchaseDocument d = pg::purchase_document_row(r, 0);
    Result l = db_.run(
        "SELECT line_no, sku, quantity, unit_cost, serials FROM purchase_lines WHERE document_id = ? ORDER BY line_no",
        Params().add(id));
    for (int i = 0; i < l.rows(); ++i) d.lines.push_back(pg::purchase_line_row(l, i, 0));
    return d;
  }

  void put_purchase_document(const PurchaseDocument& d, Timestamp now) override {
    db_.run("DELETE FROM purchase_lines WHERE document_id = ?", Params().add(d.id));
    db_.run("INSERT INTO purchase_documents (id, date, supplier_id, currency, updated_at) VALUES (?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET date=excluded.date, supplier_id=excluded.supplier_id,"
            " currency=excluded.currency, updated_at=excluded.updated_at",
            Params().add(d.id).add(d.date.to_iso()).add(d.supplier_id).add(d.currency).add(time_text(now)));
    for (const PurchaseLine& x : d.lines) {
      db_.run("INSERT INTO purchase_lines (document_id, line_no, sku, quantity, unit_cost, serials)"
              " VALUES (?,?,?,?,?,?)",
              Params().add(d.id).add(x.line_no).add(x.sku).add(x.quantity).add(x.unit_cost)
                  .add(join_list(x.serials)));
    }
    units_.write_purchased_serials(d);
  }

  void for_each_sales_document(const std::function<void(SalesDocument&&)>& visit) override {
    // One pass over documents and one over lines, both in id order, merged.
    Result docs = db_.run(
        "SELECT id, date, delivery_date, customer_id, channel, distance_sale, currency, jurisdiction, discount"
        " FROM sales_documents ORDER BY id");
    Result lines = db_.run(
        "SELECT line_no, sku, quantity, unit_price, vat_rate_bp, serials, lot, dispatch_document, packers, discount,"
        " document_id FROM sales_lines ORDER BY document_id, line_no");
    int line = 0;
    for (int i = 0; i < docs.rows(); ++i) {
      SalesDocument d = pg::sales_document_row(docs, i);
      while (line < lines.rows() && lines.text(line, 10) < d.id) ++line;
      while (line < lines.rows() && lines.text(line, 10) == d.id) d.lines.push_back(pg::sales_line_row(lines, line++, 0));
      count_registry_rows(static_cast<std::int64_t>(d.lines.size()));
      visit(std::move(d));
    }
  }

  void for_each_purchase_document(const std::function<void(PurchaseDocument&&)>& visit) override {
    Result docs = db_.run("SELECT id, date, supplier_id, currency FROM purchase_documents ORDER BY id");
    Result lines = db_.run(
        "SELECT line_no, sku, quantity, unit_cost, serials, document_id FROM purchase_lines"
        " ORDER BY document_id, line_no");
    int line = 0;
    for (int i = 0; i < docs.rows(); ++i) {
      PurchaseDocument d = pg::purchase_document_row(docs, i);
      while (line < lines.rows() && lines.text(line, 5) < d.id) ++line;
      while (line < lines.rows() && lines.text(line, 5) == d.id) {
        d.lines.push_back(pg::purchase_line_row(lines, line++, 0));
      }
      count_registry_rows(static_cast<std::int64_t>(d.lines.size()));
      visit(std::move(d));
    }
  }

  std::vector<Product> all_products() override {
    Result r = db_.run("SELECT sku, name, brand, category, supplier_id, serialized FROM products");
    std::vector<Product> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(product_at(r, i));
    count_registry_rows(static_cast<std::int64_t>(out.size()));
    return out;
  }

  void put_extended_warranty(const ExtendedWarranty& w) override {
    db_.run("INSERT INTO extended_warranties (serial, contract, start, \"end\", coverage) VALUES (?,?,?,?,?)"
            " ON CONFLICT(serial, contract) DO UPDATE SET start=excluded.start, \"end\"=excluded.\"end\","
            " coverage=excluded.coverage",
            Params().add(w.serial).add(w.contract).add(w.start.to_iso()).add(w.end.to_iso()).add(w.coverage));
  }

  std::vector<ExtendedWarranty> all_extended_warranties() override {
    Result r = db_.run("SELECT serial, contract, start, \"end\", coverage FROM extended_warranties");
    std::vector<ExtendedWarranty> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(ExtendedWarranty{r.text(i, 0), r.text(i, 1), Date::from_iso(r.text(i, 2)),
                                     Date::from_iso(r.text(i, 3)), r.text(i, 4)});
    }
    count_registry_rows(static_cast<std::int64_t>(out.size()));
    return out;
  }

  void put_replacement(const std::string& serial, const std::string& replaced_serial, Date on,
                       std::int64_t case_id) override {
    db_.run("INSERT INTO unit_replacements (serial, replaced_serial, replaced_on, case_id) VALUES (?,?,?,?)"
            " ON CONFLICT(serial) DO UPDATE SET replaced_serial=excluded.replaced_serial,"
            " replaced_on=excluded.replaced_on, case_id=excluded.case_id",
            Params().add(serial).add(replaced_serial).add(on.to_iso()).add(case_id));
  }

  std::vector<Replacement> all_replacements() override {
    Result r = db_.run("SELECT serial, replaced_serial, replaced_on, case_id FROM unit_replacements");
    std::vector<Replacement> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(Replacement{r.text(i, 0), r.text(i, 1), Date::from_iso(r.text(i, 2)), r.int64(i, 3)});
    }
    count_registry_rows(static_cast<std::int64_t>(out.size()));
    return out;
  }

  void put_registration(const std::string& serial, Date on) override {
    db_.run("INSERT INTO unit_registrations (serial, registered_on) VALUES (?,?)"
            " ON CONFLICT(serial) DO UPDATE SET registered_on=excluded.registered_on",
            Params().add(serial).add(on.to_iso()));
  }

  std::vector<std::pair<std::string, Date>> all_registrations() override {
    Result r = db_.run("SELECT serial, registered_on FROM unit_registrations");
    std::vector<std::pair<std::string, Date>> out;
    for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.text(i, 0), Date::from_iso(r.text(i, 1)));
    count_registry_rows(static_cast<std::int64_t>(out.size()));
    return out;
  }

  std::vector<SalesDocument> sales_lines_by_serial(const std::string& serial) override {
    return units_.sales_lines_by_serial(serial);
  }
  std::vector<SalesDocument> sales_lines_by_customer(const std::string& customer_id, const std::string& sku) override {
    return units_.sales_lines_by_customer(customer_id, sku);
  }
  // Inside a transaction the whole document is read (and kept): the document of the line is
  // what the engine asks for next.
  std::optional<SalesDocument> find_sales_line(const std::string& document, std::int32_t line_no) override {
    if (!db_.in_transaction()) return units_.find_sales_line(document, line_no);
    std::optional<SalesDocument> d = find_sales_document(document);
    if (!d) return std::nullopt;
    const auto line = std::find_if(d->lines.begin(), d->lines.end(),
                                   [&](const SalesLine& l) { return l.line_no == line_no; });
    if (line == d->lines.end()) return std::nullopt;
    SalesLine found = *line;
    d->lines.assign(1, std::move(found));
    return d;
  }
  std::vector<PurchaseDocument> purchase_lines_by_serial(const std::string& serial) override {
    return units_.purchase_lines_by_serial(serial);
  }
  std::vector<ExtendedWarranty> extended_warranties_of(const std::string& serial) override {
    return units_.extended_warranties_of(serial);
  }
  std::optional<Replacement> find_replacement(const std::string& serial) override {
    return units_.find_replacement(serial);
  }
  std::optional<Date> find_registration(const std::string& serial) override { return units_.find_registration(serial); }

  std::vector<EarlierReturn> earlier_returns(const std::string& document, std::int32_t line_no,
                                             std::int64_t before_case) override {
    Result r = db_.run(
        // CaseLine::valued_quantity() and domain::claimed_units(), in SQL.
        "SELECT l.case_id, l.line_no,"
        " CASE WHEN l.qty_accepted > 0 THEN l.qty_accepted ELSE l.qty_received END,"
        " c.valuation, GREATEST(l.qty_requested, l.qty_authorized, l.qty_received, l.qty_accepted), l.serial,"
        " c.valuation_seq"
        " FROM case_lines l JOIN cases c ON c.id = l.case_id"
        " WHERE l.sales_document = ? AND l.sales_document <> '' AND l.sales_document_line = ? AND l.case_id < ?"
        " AND c.resolution <> 'reject' AND c.deleted_at IS NULL ORDER BY l.case_id, l.line_no",
        Params().add(document).add(line_no).add(before_case));
    std::vector<EarlierReturn> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(EarlierReturn{r.int64(i, 0), r.int32(i, 1), r.int64(i, 2),
                                  r.null(i, 6) ? pg::json_column_at(r, i, 3, {"cases", "valuation"})
                                               : valuation_at(r.int64(i, 6)),
                                  r.int64(i, 4),
                                  r.text(i, 5)});
    }
    return out;
  }

  std::optional<std::string> get_setting(const std::string& key) override {
    Result r = db_.run("SELECT value FROM settings WHERE key = ?", Params().add(key));
    if (r.rows() == 0) return std::nullopt;
    return r.text(0, 0);
  }

  void put_setting(const std::string& key, const std::string& value, Timestamp now) override {
    db_.run("INSERT INTO settings (key, value, updated_at) VALUES (?,?,?) ON CONFLICT(key) DO UPDATE SET"
            " value=excluded.value, updated_at=excluded.updated_at",
            Params().add(key).add(value).add(time_text(now)));
  }

  // The counter row rolls back with its transaction, and the writer lock orders transactions:
  // RMA numbers stay gap-free per year, across engines.
  // A counter this store knows (known_rows.hpp) is counted on here and written without waiting.
  std::int64_t next_sequence(std::int32_t year) override {
    if (db_.in_transaction()) {
      if (auto it = known_.last_number.find(year); it != known_.last_number.end()) {
        db_.send("UPDATE number_sequences SET last = ? WHERE year = ?", Params().add(++it->second).add(year));
        return it->second;
      }
    }
    const std::int64_t last = db_.run("INSERT INTO number_sequences AS s (year, last) VALUES (?, 1)"
                                      " ON CONFLICT(year) DO UPDATE SET last = s.last + 1 RETURNING last",
                                      Params().add(year))
                                  .int64(0, 0);
    if (db_.in_transaction()) known_.last_number[year] = last;
    return last;
  }

  // --- cases ----------------------------------------------------------------------------------

  // The valuation a case.valued event set (store/valued_event.hpp).
  std::string valuation_at(std::int64_t seq) {
    Result r = db_.run("SELECT data FROM events WHERE seq = ?", Params().add(seq));
    if (r.rows() == 0) {
      throw Error(Status::storage, "cases.valuation_seq",
                  "the case points at event " + std::to_string(seq) + ", which does not exist");
    }
    return valuation_from_valued_event(pg::json_column_at(r, 0, 0, {"events", "data"}), seq);
  }

  void insert_case(Case& c, const std::string& idempotency_key, const std::string& fingerprint,
                   const std::string& privacy_key) override {
    // Ids as SQLite assigns rowids: one more than the largest, under the writer lock.
    c.id = insert_with_next_id(
        "cases", "id",
        "INSERT INTO cases (id, number, kind, category, channel, customer_id, supplier_id,"
        " purchased_elsewhere, priority, assignee, team, status, expected_completion, resolution,"
        " root_cause, custom_fields, split_from, idempotency_key, request_fingerprint, created_at,"
        " updated_at, version, workflow, workflow_version, status_since, decision_locked, valuation, privacy_key)",
        "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?", [&](Params& p) {
          p.add(c.number);
          add_case_fields(p, c);
          if (c.split_from) p.add(*c.split_from); else p.null();
          if (idempotency_key.empty()) { p.null(); p.null(); } else { p.add(idempotency_key).add(fingerprint); }
          p.add(c.created_at.micros).add(c.updated_at.micros).add(c.version).add(c.workflow)
              .add(c.workflow_version).add(c.status_since.micros).add(c.decision_locked);
          pg::add_json_column(p, c.valuation);
          add_key(p, privacy_key);
        });
    for (const CaseLine& line : c.lines) write_line(c.id, line);
    // A new case has no history yet and lists no due times.
    known_.events[c.id].clear();
    known_.sla_due[c.id].clear();
  }

  // Every column, whatever `columns` says: PostgreSQL compares the values itself (a HOT update
  // leaves the indexes of unchanged columns alone), and one statement shape prepares once.
  bool update_case(const Case& c, std::int64_t stored_version, bool lines_changed, bool valuation_changed,
                   std::uint32_t /*columns*/) override {
    Params p;
    p.add(c.id);
    add_case_fields(p, c);
    p.add(c.updated_at.micros).add(c.version).add(stored_version).add(c.workflow).add(c.workflow_version)
        .add(c.status_since.micros).add(c.decision_locked);
    // A changed valuation is written as text; the case.valued event that follows moves it to a
    // pointer (append_event). An unchanged one stays as stored (store/valued_event.hpp).
    if (valuation_changed) pg::add_json_column(p, c.valuation);
    // Sent without waiting: writers are serialized and the engine's cache is exact, so the version
    // matches unless the row was changed outside librma. When it does not, the statement divides
    // by the zero rows it updated, so that the server skips everything queued after it (the
    // COMMIT too), and the command fails where it next waits with the conflict the engine raises
    // for false, and rolls back.
    db_.send(
        std::string("WITH u AS (UPDATE cases SET kind=$2, category=$3, channel=$4, customer_id=$5, supplier_id=$6,"
                    " purchased_elsewhere=$7, priority=$8, assignee=$9, team=$10, status=$11, expected_completion=$12,"
                    " resolution=$13, root_cause=$14, custom_fields=$15, updated_at=$16, version=$17,"
                    " workflow=$19, workflow_version=$20, status_since=$21, decision_locked=$22") +
            (valuation_changed ? ", valuation=$23, valuation_seq=NULL" : "") +
            " WHERE id=$1 AND version=$18 AND deleted_at IS NULL RETURNING 1)"
            " SELECT 1 / (SELECT count(*)::int FROM u)",
        p, [](const pg::PgFailure& e) {
          if (e.sqlstate() == "22012") throw Error(Status::conflict, "version", "the case changed while the command ran");
        });
    if (lines_changed) {
      // Rare (line patches, splits) and small: rewriting is simpler than diffing.
      db_.send("DELETE FROM case_lines WHERE case_id = ?", Params().add(c.id));
      for (const CaseLine& line : c.lines) write_line(c.id, line);
    }
    return true;
  }

  std::optional<Case> load_case(std::int64_t id) override {
    std::optional<AnyCase> any = read_case(id, /*with_deleted=*/false);
    if (!any) return std::nullopt;
    return std::move(any->c);
  }

  std::optional<AnyCase> load_any_case(std::int64_t id) override { return read_case(id, /*with_deleted=*/true); }

  std::optional<AnyCase> read_case(std::int64_t id, bool with_deleted) {
    Result r = db_.run(
        std::string("SELECT id, number, kind, category, channel, customer_id, supplier_id, purchased_elsewhere,"
                    " priority, assignee, team, status, expected_completion, resolution, root_cause, custom_fields,"
                    " split_from, created_at, updated_at, version, workflow, workflow_version, status_since,"
                    " decision_locked, valuation, valuation_seq, deleted_at FROM cases WHERE id = ?") +
            (with_deleted ? "" : " AND deleted_at IS NULL"),
        Params().add(id));
    if (r.rows() == 0) return std::nullopt;
    AnyCase any;
    if (!r.null(0, 26)) any.deleted_at = pg::time_at(r, 0, 26);
    Case& c = any.c;
    c.id = r.int64(0, 0);
    c.number = r.text(0, 1);
    c.kind = pg::enum_at<CaseKind>(r, 0, 2, case_kind_from_name);
    c.category = pg::enum_at<ComplaintCategory>(r, 0, 3, complaint_category_from_name);
    c.channel = pg::enum_at<Channel>(r, 0, 4, channel_from_name);
    c.customer_id = r.text(0, 5);
    c.supplier_id = r.text(0, 6);
    c.purchased_elsewhere = r.boolean(0, 7);
    c.priority = pg::enum_at<Priority>(r, 0, 8, priority_from_name);
    c.assignee = r.text(0, 9);
    c.team = r.text(0, 10);
    c.status = r.text(0, 11);
    if (!r.null(0, 12)) c.expected_completion = Date::from_iso(r.text(0, 12));
    c.resolution = pg::enum_at<Resolution>(r, 0, 13, resolution_from_name);
    c.root_cause = r.text(0, 14);
    c.custom_fields = r.text(0, 15);
    if (!r.null(0, 16)) c.split_from = r.int64(0, 16);
    c.created_at = pg::micros_at(r, 0, 17);
    c.updated_at = pg::micros_at(r, 0, 18);
    c.version = r.int64(0, 19);
    c.workflow = r.text(0, 20);
    c.workflow_version = r.int32(0, 21);
    c.status_since = pg::micros_at(r, 0, 22);
    c.decision_locked = r.boolean(0, 23);
    c.valuation = r.null(0, 25) ? pg::json_column_at(r, 0, 24, {"cases", "valuation"}) : valuation_at(r.int64(0, 25));
    load_lines(c);
    load_notes(c);
    load_attachments(c);
    load_actions(c);
    load_repairs(c);
    return any;
  }

  std::optional<std::int64_t> find_case_id(const std::string& number) override {
    Result r = db_.run("SELECT id FROM cases WHERE number = ? AND deleted_at IS NULL", Params().add(number));
    if (r.rows() == 0) return std::nullopt;
    return r.int64(0, 0);
  }

  std::optional<IdempotentCase> find_idempotent_case(const std::string& key) override {
    Result r = db_.run("SELECT id, request_fingerprint FROM cases WHERE idempotency_key = ?", Params().add(key));
    if (r.rows() == 0) return std::nullopt;
    return IdempotentCase{r.int64(0, 0), r.text(0, 1)};
  }

  std::optional<CaseRow> load_case_row(std::int64_t id) override {
    Result r = db_.run(RMA_CASE_ROW_SELECT " AND id = ?", Params().add(id));
    if (r.rows() == 0) return std::nullopt;
    return pg::case_row(r, 0);
  }

  std::vector<std::int64_t> case_ids() override {
    Result r = db_.run("SELECT id FROM cases WHERE deleted_at IS NULL ORDER BY id");
    std::vector<std::int64_t> ids;
    for (int i = 0; i < r.rows(); ++i) ids.push_back(r.int64(i, 0));
    return ids;
  }

  std::int64_t count_cases() override { return queries_.count_all(); }

  CasePage query_cases(const CaseQuery& query, const CaseScope& scope,
                       const std::vector<std::string>& closed_statuses, Timestamp now) override {
    return queries_.run(query, scope, closed_statuses, now);
  }

  std::vector<std::int64_t> matching_case_ids(const CaseQuery& query, const CaseScope& scope,
                                              const std::vector<std::string>& closed_statuses,
                                              Timestamp now) override {
    return queries_.matching_ids(query, scope, closed_statuses, now);
  }

  // --- reports (store/postgres/report_reads.hpp) ------------------------------------------------

  void for_each_case_fact(const std::function<void(const domain::CaseFact&)>& visit) override {
    reports_.case_facts(visit);
  }
  void for_each_case_valuation(const std::function<void(std::int64_t, std::string&&)>& visit) override {
    reports_.valuations(visit);
  }
  void for_each_case_custom_fields(const std::function<void(std::int64_t, std::string&&)>& visit) override {
    reports_.custom_fields(visit);
  }
  void for_each_case_event(const std::vector<std::string>& types,
                           const std::function<void(Event&&)>& visit) override {
    reports_.case_events(types, visit);
  }
  void for_each_external_note(const std::function<void(std::int64_t, Timestamp, std::string&&)>& visit) override {
    reports_.external_notes(visit);
  }
  void for_each_sold_line(const std::function<void(domain::SoldFact&&)>& visit) override {
    reports_.sold_lines(visit);
  }

  // --- children -------------------------------------------------------------------------------

  void insert_note(std::int64_t case_id, Note& n) override {
    n.id = insert_with_next_id("notes", "id", "INSERT INTO notes (id, case_id, channel, author, body, created_at)",
                               "?,?,?,?,?", [&](Params& p) {
                                 p.add(case_id).add(std::string(visibility_name(n.channel))).add(n.author).add(n.body)
                                     .add(time_text(n.created_at));
                               });
  }

  void insert_attachment(std::int64_t case_id, Attachment& a) override {
    a.id = db_.run("INSERT INTO attachments (id, case_id, file_name, media_type, size_bytes, sha256, uri, visibility,"
                   " added_by, created_at) VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM attachments),"
                   " ?,?,?,?,?,?,?,?,?) RETURNING id",
                   Params().add(case_id).add(a.file_name).add(a.media_type).add(a.size_bytes).add(a.sha256)
                       .add(a.uri).add(std::string(visibility_name(a.visibility))).add(a.added_by)
                       .add(time_text(a.created_at)))
               .int64(0, 0);
  }

  void insert_action(std::int64_t case_id, Action& a) override {
    Params p;
    p.add(case_id).add(a.title).add(a.assignee);
    pg::add_optional_time(p, a.due_at);
    pg::add_optional_time(p, a.done_at);
    p.add(a.done_by).add(a.created_by).add(time_text(a.created_at));
    a.id = db_.run("INSERT INTO actions (id, case_id, title, assignee, due_at, done_at, done_by, created_by,"
                   " created_at) VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM actions), ?,?,?,?,?,?,?,?)"
                   " RETURNING id",
                   p)
               .int64(0, 0);
  }

  void update_action(std::int64_t case_id, const Action& a) override {
    Params p;
    pg::add_optional_time(p, a.done_at);
    p.add(a.done_by).add(a.id).add(case_id);
    db_.run("UPDATE actions SET done_at = ?, done_by = ? WHERE id = ? AND case_id = ?", p);
  }

  void insert_repair(std::int64_t case_id, RepairOperation& r) override {
    r.id = db_.run("INSERT INTO repair_operations (id, case_id, line_no, code, description, labour_class, minutes,"
                   " parts, paid, status, created_by, created_at, updated_by, updated_at)"
                   " VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM repair_operations),"
                   " ?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                   Params().add(case_id).add(r.line_no).add(r.code).add(r.description).add(r.labour_class)
                       .add(static_cast<std::int64_t>(r.minutes)).add(parts_text(r.parts)).add(r.paid)
                       .add(std::string(repair_status_name(r.status))).add(r.created_by)
                       .add(time_text(r.created_at)).add(r.updated_by).add(time_text(r.updated_at)))
               .int64(0, 0);
  }

  void update_repair(std::int64_t case_id, const RepairOperation& r) override {
    db_.run("UPDATE repair_operations SET status = ?, updated_by = ?, updated_at = ? WHERE id = ? AND case_id = ?",
            Params().add(std::string(repair_status_name(r.status))).add(r.updated_by).add(time_text(r.updated_at))
                .add(r.id).add(case_id));
  }

  void delete_case(std::int64_t case_id, Timestamp now) override {
    db_.run("UPDATE cases SET deleted_at = ? WHERE id = ?", Params().add(time_text(now)).add(case_id));
  }

  void count_refusal(const std::string& actor, const std::string& reason, std::int64_t case_id,
                     Timestamp at) override {
    db_.run("INSERT INTO security_log AS s (actor, reason, count, first_at, last_at, last_case_id)"
            " VALUES (?,?,1,?,?,?) ON CONFLICT (actor, reason) DO UPDATE SET count = s.count + 1,"
            " last_at = excluded.last_at, last_case_id = excluded.last_case_id",
            Params().add(actor).add(reason).add(time_text(at)).add(time_text(at)).add(case_id));
  }

  std::vector<SecurityLogEntry> security_log(const std::string& actor, std::int32_t limit) override {
    Result r = actor.empty()
                   ? db_.run("SELECT actor, reason, count, first_at, last_at, last_case_id FROM security_log"
                             " ORDER BY last_at DESC, actor, reason LIMIT ?",
                             Params().add(limit))
                   : db_.run("SELECT actor, reason, count, first_at, last_at, last_case_id FROM security_log"
                             " WHERE actor = ? ORDER BY last_at DESC, reason LIMIT ?",
                             Params().add(actor).add(limit));
    std::vector<SecurityLogEntry> rows;
    for (int i = 0; i < r.rows(); ++i) {
      rows.push_back(SecurityLogEntry{r.text(i, 0), r.text(i, 1), r.int64(i, 2), pg::time_at(r, i, 3),
                                      pg::time_at(r, i, 4), r.int64(i, 5)});
    }
    return rows;
  }

  bool insert_sla_crossing(const SlaCrossingRow& x) override {
    return db_.run("INSERT INTO sla_crossings (case_id, clock, started_at, target_seconds, kind, at)"
                   " VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                   Params().add(x.case_id).add(x.clock).add(time_text(x.started_at)).add(x.target_seconds)
                       .add(x.kind).add(time_text(x.at)))
               .affected() == 1;
  }

  std::vector<SlaCrossingRow> sla_crossings(std::int64_t case_id) override {
    Result r = case_id == 0
                   ? db_.run("SELECT case_id, clock, started_at, target_seconds, kind, at FROM sla_crossings")
                   : db_.run("SELECT case_id, clock, started_at, target_seconds, kind, at FROM sla_crossings"
                             " WHERE case_id = ?",
                             Params().add(case_id));
    std::vector<SlaCrossingRow> rows;
    for (int i = 0; i < r.rows(); ++i) {
      rows.push_back(SlaCrossingRow{r.int64(i, 0), r.text(i, 1), pg::time_at(r, i, 2), r.int64(i, 3), r.text(i, 4),
                                    pg::time_at(r, i, 5)});
    }
    return rows;
  }

  // SLA due times (schemas 11 and 12; store/sqlite/sla_due.cpp does the same and says why), in
  // two round trips whatever the number of clocks: the case row's list of due times (parsed
  // here, so a damaged list is storage naming cases.sla_due), then one statement that deletes the
  // rows no longer wanted, inserts the new ones and rewrites the list when it changed. Rows a
  // command leaves as they were are not written (ON CONFLICT DO NOTHING); the deleted and the
  // inserted rows are disjoint, so the statement's parts never touch one row twice.
  // The list is read only when this store does not know it (known_rows.hpp), and the statement
  // goes out without waiting (Connection::send).
  void put_sla_due(std::int64_t case_id, const std::vector<SlaDueRow>& rows) override {
    const auto known = known_.sla_due.find(case_id);
    std::vector<std::int64_t> stored_times;
    if (known != known_.sla_due.end() && db_.in_transaction()) {
      stored_times = known->second;
    } else {
      Result keys = db_.run("SELECT sla_due FROM cases WHERE id = ?", Params().add(case_id));
      if (keys.rows() == 0) return;
      stored_times = sla_due_times(keys.text(0, 0));
    }
    std::vector<std::pair<std::int64_t, std::string>> wanted;
    for (const SlaDueRow& r : rows) wanted.emplace_back(r.due_at.micros, r.clock);
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    std::vector<std::string> times;
    std::vector<std::string> clocks;
    std::vector<std::int64_t> wanted_times;
    for (const auto& [due_at, clock] : wanted) {
      times.push_back(std::to_string(due_at));
      clocks.push_back(clock);
      wanted_times.push_back(due_at);
    }
    std::vector<std::string> stored;
    for (std::int64_t t : stored_times) stored.push_back(std::to_string(t));
    if (db_.in_transaction()) known_.sla_due[case_id] = wanted_times;
    db_.send("WITH wanted AS (SELECT w.due_at, w.clock FROM unnest($2::bigint[], $3::text[]) AS w(due_at, clock)),"
            " gone AS (DELETE FROM sla_due s WHERE s.due_at = ANY($4::bigint[]) AND s.case_id = $1"
            "   AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.due_at = s.due_at AND w.clock = s.clock)),"
            " listed AS (UPDATE cases SET sla_due = $5 WHERE id = $1 AND sla_due <> $5)"
            " INSERT INTO sla_due (due_at, case_id, clock) SELECT due_at, $1, clock FROM wanted"
            " ON CONFLICT DO NOTHING",
            Params().add(case_id).add(pg::array_text(times)).add(pg::array_text(clocks)).add(pg::array_text(stored))
                .add(sla_due_keys(std::move(wanted_times))));
  }

  void clear_sla_due() override {
    known_.sla_due.clear();
    db_.run("DELETE FROM sla_due");
    db_.run("UPDATE cases SET sla_due = '' WHERE sla_due <> ''");
    db_.run("DELETE FROM settings WHERE key = 'sla_due.incomplete'");
  }

  bool sla_due_incomplete() override {
    return db_.run("SELECT 1 FROM settings WHERE key = 'sla_due.incomplete'").rows() > 0;
  }

  std::vector<SlaDueRow> sla_due_rows(Timestamp now, std::optional<std::int64_t> within_seconds,
                                      std::int32_t limit) override {
    Result r = within_seconds
                   ? db_.run("SELECT case_id, clock, due_at FROM sla_due WHERE due_at > ? AND due_at <= ?"
                             " ORDER BY due_at, case_id, clock LIMIT ?",
                             Params().add(now.micros).add(seconds_after(now, *within_seconds).micros).add(limit))
                   : db_.run("SELECT case_id, clock, due_at FROM sla_due WHERE due_at <= ?"
                             " ORDER BY due_at, case_id, clock LIMIT ?",
                             Params().add(now.micros).add(limit));
    std::vector<SlaDueRow> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(SlaDueRow{r.int64(i, 0), r.text(i, 1), pg::micros_at(r, i, 2)});
    return out;
  }

  void put_workflow(const std::string& id, std::int32_t version, const std::string& definition,
                    Timestamp now) override {
    db_.run("INSERT INTO workflows (id, version, definition, created_at) VALUES (?,?,?,?)",
            Params().add(id).add(version).add(definition).add(time_text(now)));
  }

  std::optional<std::string> find_workflow(const std::string& id, std::int32_t version) override {
    Result r = db_.run("SELECT definition FROM workflows WHERE id = ? AND version = ?", Params().add(id).add(version));
    if (r.rows() == 0) return std::nullopt;
    return r.text(0, 0);
  }

  // --- personal data ----------------------------------------------------------------------------

  std::optional<PrivacyState> case_privacy(std::int64_t case_id) override {
    return privacy_row(db_.run("SELECT privacy_key, erased_at FROM cases WHERE id = ?", Params().add(case_id)));
  }

  std::optional<PrivacyState> customer_privacy(const std::string& customer_id) override {
    return privacy_row(db_.run("SELECT privacy_key, erased_at FROM customers WHERE id = ?", Params().add(customer_id)));
  }

  void put_case_key(std::int64_t case_id, const std::string& key) override {
    Params p;
    add_key(p, key);
    p.add(case_id);
    db_.send("UPDATE cases SET privacy_key = ? WHERE id = ? AND privacy_key IS NULL", p);
  }

  std::vector<std::int64_t> customer_case_ids(const std::string& customer_id) override {
    // cases_by_customer leaves deleted cases out: this rare read scans instead.
    Result r = db_.run("SELECT id FROM cases WHERE customer_id = ? ORDER BY id", Params().add(customer_id));
    std::vector<std::int64_t> ids;
    for (int i = 0; i < r.rows(); ++i) ids.push_back(r.int64(i, 0));
    return ids;
  }

  std::vector<std::int64_t> latest_customer_case_ids(const std::string& customer_id, std::int64_t limit) override {
    Result r = db_.run("SELECT id FROM cases WHERE customer_id = ? AND deleted_at IS NULL"
                       " ORDER BY created_at DESC, id DESC LIMIT ?",
                       Params().add(customer_id).add(limit));
    std::vector<std::int64_t> ids;
    for (int i = 0; i < r.rows(); ++i) ids.push_back(r.int64(i, 0));
    return ids;
  }

  std::vector<Case> latest_customer_fraud_cases(const std::string& customer_id, std::int64_t limit) override {
    // The latest cases first (the same index range as above), then their lines by primary key.
    Result r = db_.run("SELECT c.id, c.created_at, l.line_no, l.sku, l.serial, l.qty_requested, l.purchase_date,"
                       " l.reason_code, l.flags FROM (SELECT id, created_at FROM cases WHERE customer_id = ?"
                       " AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?) c"
                       " LEFT JOIN case_lines l ON l.case_id = c.id ORDER BY c.created_at DESC, c.id DESC, l.line_no",
                       Params().add(customer_id).add(limit));
    std::vector<Case> out;
    for (int i = 0; i < r.rows(); ++i) {
      const std::int64_t id = r.int64(i, 0);
      if (out.empty() || out.back().id != id) {
        out.emplace_back();
        out.back().id = id;
        out.back().customer_id = customer_id;
        out.back().created_at = pg::micros_at(r, i, 1);
      }
      if (r.null(i, 2)) continue;  // a case without lines
      CaseLine l;
      l.line_no = r.int32(i, 2); l.sku = r.text(i, 3); l.serial = r.text(i, 4); l.qty_requested = r.int64(i, 5);
      if (!r.null(i, 6)) l.purchase_date = Date::from_iso(r.text(i, 6));
      l.reason_code = r.text(i, 7);
      l.flags = split_list(r.text(i, 8));
      out.back().lines.push_back(std::move(l));
    }
    return out;
  }

  std::int64_t customer_units_bought(const std::string& customer_id) override {
    Result r = db_.run("SELECT COALESCE(SUM(l.quantity), 0)::BIGINT FROM sales_documents d"
                       " JOIN sales_lines l ON l.document_id = d.id WHERE d.customer_id = ?",
                       Params().add(customer_id));
    return r.rows() > 0 ? r.int64(0, 0) : 0;
  }

  std::vector<OutboxMessage> case_messages(std::int64_t case_id) override {
    Result r = db_.run("SELECT seq, case_id, topic, payload, created_at FROM outbox WHERE case_id = ? ORDER BY seq",
                       Params().add(case_id));
    std::vector<OutboxMessage> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(OutboxMessage{r.int64(i, 0), r.int64(i, 1), r.text(i, 2), r.text(i, 3), pg::time_at(r, i, 4)});
    }
    return out;
  }

  void erase_case(const Case& erased, const std::vector<OutboxMessage>& messages, Timestamp at) override {
    db_.send("UPDATE cases SET custom_fields = ?, privacy_key = NULL, erased_at = ? WHERE id = ?",
             Params().add(erased.custom_fields).add(time_text(at)).add(erased.id));
    for (const CaseLine& l : erased.lines) {
      db_.send("UPDATE case_lines SET defect_description = ? WHERE case_id = ? AND line_no = ?",
               Params().add(l.defect_description).add(erased.id).add(l.line_no));
    }
    for (const Note& n : erased.notes) {
      db_.send("UPDATE notes SET body = ? WHERE id = ? AND case_id = ?", Params().add(n.body).add(n.id).add(erased.id));
    }
    for (const Attachment& a : erased.attachments) {
      db_.send("UPDATE attachments SET file_name = ?, uri = ? WHERE id = ? AND case_id = ?",
               Params().add(a.file_name).add(a.uri).add(a.id).add(erased.id));
    }
    for (const OutboxMessage& m : messages) {
      db_.send("UPDATE outbox SET payload = ? WHERE seq = ? AND case_id = ?",
               Params().add(m.payload).add(m.seq).add(erased.id));
    }
  }

  void erase_customer(const Customer& erased, Timestamp at) override {
    known_.customers.erase(erased.id);
    db_.send(
        "UPDATE customers SET name = ?, tax_id = ?, email = ?, phones = ?, addresses = ?, privacy_key = NULL,"
        " erased_at = ? WHERE id = ?",
        Params().add(erased.name).add(erased.tax_id).add(erased.email).add(phones_text(erased.phones))
            .add(addresses_text(erased.addresses)).add(time_text(at)).add(erased.id));
  }

  // --- events and outbox ----------------------------------------------------------------------

  // seq is one more than the largest, taken under the writer lock: commit order, no gaps.
  void append_event(Event& e) override {
    if (chain_.chained()) {
      chain_.append(e);
    } else {
      e.seq = insert_with_next_id("events", "seq", "INSERT INTO events (seq, case_id, case_number, at, actor, type, data)",
                                  "?,?,?,?,?,?", [&](Params& p) {
                                    p.add(e.case_id).add(std::string(stored_case_number(e))).add(e.at.micros)
                                        .add(e.actor).add(e.type);
                                    pg::add_json_column(p, e.data);
                                  });
    }
    if (points_at_valuation(e)) {
      db_.send("UPDATE cases SET valuation = ?, valuation_seq = ? WHERE id = ?",
               Params().bytes(std::string()).add(e.seq).add(e.case_id));
    }
    if (auto history = known_.events.find(e.case_id); history != known_.events.end()) {
      // case_events gives a case's events its number from the case row.
      if (e.case_number.empty()) {
        known_.events.erase(history);
      } else {
        history->second.push_back(e);
      }
    }
  }

  std::vector<Event> case_events(std::int64_t case_id) override {
    const bool in_transaction = db_.in_transaction();
    if (auto history = known_.events.find(case_id); in_transaction && history != known_.events.end()) {
      return history->second;
    }
    Result r = db_.run(
        "SELECT e.seq, e.case_id, c.number, e.at, e.actor, e.type, e.data FROM events e JOIN cases c ON c.id = e.case_id"
        " WHERE e.case_id = ? ORDER BY e.seq",
        Params().add(case_id));
    std::vector<Event> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(Event{r.int64(i, 0), r.int64(i, 1), r.text(i, 2), pg::micros_at(r, i, 3), r.text(i, 4),
                          r.text(i, 5), pg::json_column_at(r, i, 6, {"events", "data"})});
    }
    if (in_transaction) known_.events[case_id] = out;
    return out;
  }

  std::optional<std::string> case_number_of(std::int64_t case_id) override {
    Result r = db_.run("SELECT number FROM cases WHERE id = ?", Params().add(case_id));
    if (r.rows() == 0) return std::nullopt;
    return r.text(0, 0);
  }

  AuditChain& audit_chain() override { return chain_; }

  std::vector<Event> events_about_no_case(const std::vector<std::string>& types) override {
    Result r = db_.run(
        "SELECT seq, at, actor, type, data FROM events WHERE case_id = 0 AND type = ANY(?::text[]) ORDER BY seq",
        Params().add(pg::array_text(types)));
    std::vector<Event> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(Event{r.int64(i, 0), 0, std::string(), pg::micros_at(r, i, 1), r.text(i, 2), r.text(i, 3),
                          pg::json_column_at(r, i, 4, {"events", "data"})});
    }
    return out;
  }

  void key_customer_event(const std::string& customer_id, std::int64_t seq) override {
    db_.send("INSERT INTO customer_events (customer_id, seq) VALUES (?, ?)", Params().add(customer_id).add(seq));
  }

  std::vector<Event> customer_events(const std::string& customer_id) override {
    Result r = db_.run(
        "SELECT e.seq, e.at, e.actor, e.type, e.data FROM customer_events k JOIN events e ON e.seq = k.seq"
        " WHERE k.customer_id = ? ORDER BY k.seq",
        Params().add(customer_id));
    std::vector<Event> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(Event{r.int64(i, 0), 0, std::string(), pg::micros_at(r, i, 1), r.text(i, 2), r.text(i, 3),
                          pg::json_column_at(r, i, 4, {"events", "data"})});
    }
    return out;
  }

  void append_message(OutboxMessage& m) override {
    m.seq = insert_with_next_id("outbox", "seq", "INSERT INTO outbox (seq, case_id, topic, payload, created_at)",
                                "?,?,?,?", [&](Params& p) {
                                  p.add(m.case_id).add(m.topic).add(m.payload).add(time_text(m.created_at));
                                });
  }

  std::vector<OutboxMessage> pending_messages(std::int32_t limit) override {
    Result r = db_.run(
        "SELECT seq, case_id, topic, payload, created_at FROM outbox WHERE acknowledged_at IS NULL"
        " ORDER BY seq LIMIT ?",
        Params().add(limit));
    std::vector<OutboxMessage> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(OutboxMessage{r.int64(i, 0), r.int64(i, 1), r.text(i, 2), r.text(i, 3), pg::time_at(r, i, 4)});
    }
    return out;
  }

  std::int64_t acknowledge(const std::vector<std::int64_t>& seqs, Timestamp now,
                           std::vector<std::int64_t>& missing) override {
    std::int64_t acknowledged = 0;
    for (std::int64_t seq : seqs) {
      Result found = db_.run("SELECT acknowledged_at IS NULL FROM outbox WHERE seq = ?", Params().add(seq));
      if (found.rows() == 0) {
        missing.push_back(seq);
        continue;
      }
      if (found.text(0, 0) != "t") continue;  // acknowledged before: harmless repeat
      acknowledged += db_.run("UPDATE outbox SET acknowledged_at = ? WHERE seq = ? AND acknowledged_at IS NULL",
                              Params().add(time_text(now)).add(seq))
                          .affected();
    }
    return acknowledged;
  }

 private:
  // The first statement of a command (its BEGIN, or a read's look at the commit counter), run
  // once more on a new connection when the connection turns out lost: lost while idle (a server
  // restart, an idle timeout, a pooler closing it), so nothing of the command was done yet. A
  // connection lost later fails the command (storage, reason connection), which rolls back.
  template <class Statement>
  auto first_statement(Statement&& statement) -> decltype(statement()) {
    try {
      return statement();
    } catch (const pg::PgFailure& e) {
      if (!e.connection_lost()) throw;
      return statement();
    }
  }

  std::int64_t commits() { return db_.run("SELECT n FROM commits WHERE id = 1").int64(0, 0); }

  // A data subject's key is bytea; "" is none (NULL).
  static void add_key(Params& p, const std::string& key) {
    if (key.empty()) {
      p.null();
    } else {
      p.bytes(key);
    }
  }
  static std::optional<PrivacyState> privacy_row(const Result& r) {
    if (r.rows() == 0) return std::nullopt;
    PrivacyState state;
    if (!r.null(0, 0)) state.key = r.bytes(0, 0);
    if (!r.null(0, 1)) state.erased_at = pg::time_at(r, 0, 1);
    return state;
  }

  // Inserts a row of `table` whose id (`id_column`, the first of `insert`'s columns) is one more
  // than the largest, under the writer lock; `add_values` adds the other columns' values, whose
  // placeholders are `placeholders`. When this store knows the largest (known_rows.hpp) the id
  // is a parameter and the insert goes out without waiting; otherwise it is MAX + 1 in SQL,
  // returned, and known from then on.
  template <class AddValues>
  std::int64_t insert_with_next_id(const std::string& table, const std::string& id_column, const std::string& insert,
                                   const std::string& placeholders, AddValues add_values) {
    auto known = known_.last_id.find(table);
    const bool is_known = known != known_.last_id.end() && db_.in_transaction();
    Params p;
    if (is_known) p.add(known->second + 1);
    add_values(p);
    if (is_known) {
      db_.send(insert + " VALUES (?," + placeholders + ")", p);
      return ++known->second;
    }
    const std::int64_t id = db_.run(insert + " VALUES ((SELECT COALESCE(MAX(" + id_column + "), 0) + 1 FROM " + table +
                                        ")," + placeholders + ") RETURNING " + id_column,
                                    p)
                                .int64(0, 0);
    if (db_.in_transaction()) known_.last_id[table] = id;
    return id;
  }

  static Product product_at(const Result& r, int i) {
    return Product{r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.boolean(i, 5)};
  }

  // The mutable case columns, in the order of the INSERT and UPDATE above ($2..$15 there).
  static void add_case_fields(Params& p, const Case& c) {
    p.add(std::string(case_kind_name(c.kind))).add(std::string(complaint_category_name(c.category)))
        .add(std::string(channel_name(c.channel))).add(c.customer_id).add(c.supplier_id).add(c.purchased_elsewhere)
        .add(std::string(priority_name(c.priority))).add(c.assignee).add(c.team).add(c.status);
    if (c.expected_completion) p.add(c.expected_completion->to_iso()); else p.null();
    p.add(std::string(resolution_name(c.resolution))).add(c.root_cause).add(c.custom_fields);
  }

  void write_line(std::int64_t case_id, const CaseLine& l) {
    Params p;
    p.add(case_id).add(l.line_no).add(l.sku).add(l.serial).add(l.lot).add(l.sales_document.document)
        .add(l.sales_document.line).add(l.reason_code).add(l.defect_description).add(l.condition)
        .add(l.qty_requested).add(l.qty_authorized).add(l.qty_received).add(l.qty_accepted).add(l.replacement_serial);
    if (l.purchase_date) p.add(l.purchase_date->to_iso()); else p.null();
    p.add(l.unit_price).add(l.currency).add(l.vat_rate_bp).add(l.dispatch_document).add(join_list(l.packers))
        .add(join_list(l.void_conditions));
    pg::add_optional_bool(p, l.unused);
    pg::add_optional_bool(p, l.original_packaging);
    pg::add_optional_bool(p, l.accessories_complete);
    p.add(l.warranty).add(l.eligibility).add(join_list(l.flags))
        .add(l.claimed_amount ? format_money(*l.claimed_amount) : std::string());
    db_.send("INSERT INTO case_lines (case_id, line_no, sku, serial, lot, sales_document, sales_document_line,"
            " reason_code, defect_description, condition, qty_requested, qty_authorized, qty_received, qty_accepted,"
            " replacement_serial, purchase_date, unit_price, currency, vat_rate_bp, dispatch_document, packers,"
            " void_conditions, unused, original_packaging, accessories_complete, warranty, eligibility, flags,"
            " claimed_amount) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            p);
  }

  void load_lines(Case& c) {
    Result r = db_.run(
        "SELECT line_no, sku, serial, lot, sales_document, sales_document_line, reason_code, defect_description,"
        " condition, qty_requested, qty_authorized, qty_received, qty_accepted, replacement_serial,"
        " purchase_date, unit_price, currency, vat_rate_bp, dispatch_document, packers, void_conditions, unused,"
        " original_packaging, accessories_complete, warranty, eligibility, flags, claimed_amount"
        " FROM case_lines WHERE case_id = ? ORDER BY line_no",
        Params().add(c.id));
    for (int i = 0; i < r.rows(); ++i) {
      CaseLine l;
      l.line_no = r.int32(i, 0); l.sku = r.text(i, 1); l.serial = r.text(i, 2); l.lot = r.text(i, 3);
      l.sales_document.document = r.text(i, 4); l.sales_document.line = r.int32(i, 5);
      l.reason_code = r.text(i, 6); l.defect_description = r.text(i, 7); l.condition = r.text(i, 8);
      l.qty_requested = r.int64(i, 9); l.qty_authorized = r.int64(i, 10); l.qty_received = r.int64(i, 11);
      l.qty_accepted = r.int64(i, 12); l.replacement_serial = r.text(i, 13);
      if (!r.null(i, 14)) l.purchase_date = Date::from_iso(r.text(i, 14));
      l.unit_price = r.int64(i, 15); l.currency = r.text(i, 16); l.vat_rate_bp = r.int32(i, 17);
      l.dispatch_document = r.text(i, 18);
      l.packers = split_list(r.text(i, 19));
      l.void_conditions = split_list(r.text(i, 20));
      l.unused = pg::optional_bool_at(r, i, 21);
      l.original_packaging = pg::optional_bool_at(r, i, 22);
      l.accessories_complete = pg::optional_bool_at(r, i, 23);
      l.warranty = r.text(i, 24); l.eligibility = r.text(i, 25);
      l.flags = split_list(r.text(i, 26));
      const std::string claimed = r.text(i, 27);
      if (!claimed.empty()) l.claimed_amount = parse_money(claimed, "claimed_amount");
      c.lines.push_back(std::move(l));
    }
  }

  void load_notes(Case& c) {
    Result r = db_.run("SELECT id, channel, author, body, created_at FROM notes WHERE case_id = ? ORDER BY id",
                       Params().add(c.id));
    for (int i = 0; i < r.rows(); ++i) {
      c.notes.push_back(Note{r.int64(i, 0), pg::enum_at<Visibility>(r, i, 1, visibility_from_name), r.text(i, 2),
                             r.text(i, 3), pg::time_at(r, i, 4)});
    }
  }

  void load_attachments(Case& c) {
    Result r = db_.run(
        "SELECT id, file_name, media_type, size_bytes, sha256, uri, visibility, added_by, created_at"
        " FROM attachments WHERE case_id = ? ORDER BY id",
        Params().add(c.id));
    for (int i = 0; i < r.rows(); ++i) {
      Attachment a;
      a.id = r.int64(i, 0); a.file_name = r.text(i, 1); a.media_type = r.text(i, 2); a.size_bytes = r.int64(i, 3);
      a.sha256 = r.text(i, 4); a.uri = r.text(i, 5);
      a.visibility = pg::enum_at<Visibility>(r, i, 6, visibility_from_name);
      a.added_by = r.text(i, 7); a.created_at = pg::time_at(r, i, 8);
      c.attachments.push_back(std::move(a));
    }
  }

  void load_actions(Case& c) {
    Result r = db_.run(
        "SELECT id, title, assignee, due_at, done_at, done_by, created_by, created_at FROM actions"
        " WHERE case_id = ? ORDER BY id",
        Params().add(c.id));
    for (int i = 0; i < r.rows(); ++i) {
      Action a;
      a.id = r.int64(i, 0); a.title = r.text(i, 1); a.assignee = r.text(i, 2);
      a.due_at = pg::optional_time_at(r, i, 3); a.done_at = pg::optional_time_at(r, i, 4);
      a.done_by = r.text(i, 5); a.created_by = r.text(i, 6); a.created_at = pg::time_at(r, i, 7);
      c.actions.push_back(std::move(a));
    }
  }

  void load_repairs(Case& c) {
    Result r = db_.run(
        "SELECT id, line_no, code, description, labour_class, minutes, parts, paid, status, created_by, created_at,"
        " updated_by, updated_at FROM repair_operations WHERE case_id = ? ORDER BY id",
        Params().add(c.id));
    for (int i = 0; i < r.rows(); ++i) {
      RepairOperation x;
      x.id = r.int64(i, 0); x.line_no = r.int32(i, 1); x.code = r.text(i, 2); x.description = r.text(i, 3);
      x.labour_class = r.text(i, 4); x.minutes = r.int32(i, 5); x.parts = parts_from(r.text(i, 6));
      x.paid = r.boolean(i, 7);
      x.status = pg::enum_at<RepairStatus>(r, i, 8, repair_status_from_name);
      x.created_by = r.text(i, 9); x.created_at = pg::time_at(r, i, 10);
      x.updated_by = r.text(i, 11); x.updated_at = pg::time_at(r, i, 12);
      c.repairs.push_back(std::move(x));
    }
  }

  Connection db_;
  pg::PgCaseQueries queries_;
  pg::PgUnitLookups units_;
  pg::PgReportReads reports_{db_};
  std::int64_t seen_commits_ = 0;
  std::optional<std::int64_t> counted_at_begin_;  // the commit count read by begin()
  pg::KnownRows known_;
  bool others_committed_ = false;
  pg::PgChain chain_;
};

}  // namespace

std::unique_ptr<Store> open_pg_store(const std::string& location, const Options& options) {
  try {
    return std::make_unique<PgStore>(location, options);
  } catch (const pg::PgFailure& e) {
    throw Error(Status::storage, "path", std::string("cannot open the PostgreSQL database: ") + e.what(),
                e.connection_lost() ? "connection" : (e.sqlstate() == "55P03" ? "busy" : ""));
  }
}

}  // namespace rma::store
