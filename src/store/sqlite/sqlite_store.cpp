#include "store/sqlite/sqlite_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "rma/error.hpp"
#include "rma/money.hpp"
#include "store/case_columns.hpp"
#include "store/column_text.hpp"
#include "store/open.hpp"
#ifdef RMA_WITH_POSTGRESQL
#include "store/postgres/copy_from_sqlite.hpp"
#endif
#include "store/rows_read.hpp"
#include "store/sqlite/case_query.hpp"
#include "store/sqlite/chain.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/report_reads.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/sla_due.hpp"
#include "store/sqlite/statements.hpp"
#include "store/sqlite/unit_lookups.hpp"
#include "store/valued_event.hpp"

namespace rma::store {
namespace {

using nlohmann::json;

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, const Options& options)
      : path_(path),
        db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX),
        queries_(db_, options.limits.max_counted_total),
        chain_(db_, options) {
    db_.setBusyTimeout(options.busy_timeout_ms);
    db_.exec("PRAGMA journal_mode = WAL");
    db_.exec(options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    db_.exec("PRAGMA foreign_keys = ON");
    // 32 MiB of page cache: a large batch then rarely spills pages to the WAL mid-transaction.
    db_.exec("PRAGMA cache_size = -32768");
    migrate(db_);
    data_version_ = db_.execAndGet("PRAGMA data_version").getInt64();
  }

  std::optional<Error> failure_of(const std::exception& failure) const noexcept override {
    return sqlite_failure(failure);
  }

  // The data version is read once per transaction: nobody else commits while it holds the write
  // lock, so changed_by_others() answers from it, and the chain keeps its head while it holds.
  void begin() override {
    run("BEGIN IMMEDIATE");
    version_at_begin_ = data_version();
    chain_.begin(*version_at_begin_);
  }
  void commit() override {
    chain_.before_commit();
    run("COMMIT");
    version_at_begin_.reset();
  }
  void rollback() noexcept override {
    chain_.rollback();
    version_at_begin_.reset();
    try {
      if (!db_.getHandle()) return;
      if (sqlite3_get_autocommit(db_.getHandle()) == 0) db_.exec("ROLLBACK");
    } catch (...) {
      // Nothing more to do: SQLite rolls back an unfinished transaction on its own.
    }
  }

  StoreCopyReport copy_to(const std::string& target, const StoreCopyOptions& options) override {
#ifdef RMA_WITH_POSTGRESQL
    if (names_a_server(target)) return copy_from_sqlite(db_, target, options);
#endif
    throw Error(Status::invalid_argument, "to",
                "an SQLite database is copied to a PostgreSQL location (postgresql://… or a libpq key/value "
                "string) that this build serves; '" + target + "' is not one");
  }

  std::string cache_path(const std::string& name) const override {
    // An in-memory or temporary database has no place of its own on disk.
    if (path_.empty() || path_ == ":memory:" || path_.rfind("file:", 0) == 0) return std::string();
    return path_ + "-" + name;
  }

  bool changed_by_others() override {
    const std::int64_t v = version_at_begin_ ? *version_at_begin_ : data_version();
    bool changed = v != data_version_;
    data_version_ = v;
    return changed;
  }

  std::int64_t last_event_seq() override {
    auto s = stmt("SELECT COALESCE(MAX(seq), 0) FROM events");
    s->executeStep();
    return s->getColumn(0).getInt64();
  }

  std::vector<EventRef> events_after(std::int64_t seq) override {
    auto s = stmt("SELECT seq, case_id, type FROM events WHERE seq > ? ORDER BY seq");
    s->bind(1, seq);
    std::vector<EventRef> out;
    while (s->executeStep()) {
      out.push_back(EventRef{s->getColumn(0).getInt64(), s->getColumn(1).getInt64(), s->getColumn(2).getString()});
    }
    return out;
  }

  // --- parties --------------------------------------------------------------------------------

  std::string put_customer(const Customer& c, Timestamp now, const std::string& privacy_key) override {
    auto s = stmt(
        "INSERT INTO customers (id, name, tax_id, email, tier, language, phones, addresses, updated_at, privacy_key)"
        " VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name=excluded.name,"
        " tax_id=excluded.tax_id, email=excluded.email, tier=excluded.tier, language=excluded.language,"
        " phones=excluded.phones, addresses=excluded.addresses, updated_at=excluded.updated_at,"
        " privacy_key=COALESCE(customers.privacy_key, excluded.privacy_key) RETURNING privacy_key");
    s->bind(1, c.id); s->bind(2, c.name); s->bind(3, c.tax_id); s->bind(4, c.email); s->bind(5, c.tier);
    s->bind(6, c.language); s->bind(7, phones_text(c.phones)); s->bind(8, addresses_text(c.addresses));
    s->bind(9, time_text(now));
    bind_key(*s, 10, privacy_key);
    s->executeStep();
    return key_column(s->getColumn(0));
  }

  std::optional<Customer> find_customer(const std::string& id) override {
    auto s = stmt("SELECT id, name, tax_id, email, tier, language, phones, addresses FROM customers WHERE id = ?");
    s->bind(1, id);
    if (!s->executeStep()) return std::nullopt;
    Customer c;
    c.id = s->getColumn(0).getString(); c.name = s->getColumn(1).getString();
    c.tax_id = s->getColumn(2).getString(); c.email = s->getColumn(3).getString();
    c.tier = s->getColumn(4).getString(); c.language = s->getColumn(5).getString();
    c.phones = phones_from(s->getColumn(6).getString());
    c.addresses = addresses_from(s->getColumn(7).getString());
    return c;
  }

  void put_supplier(const Supplier& x, Timestamp now) override {
    auto s = stmt(
        "INSERT INTO suppliers (id, name, tax_id, email, phones, addresses, updated_at) VALUES (?,?,?,?,?,?,?)"
        " ON CONFLICT(id) DO UPDATE SET name=excluded.name, tax_id=excluded.tax_id, email=excluded.email,"
        " phones=excluded.phones, addresses=excluded.addresses, updated_at=excluded.updated_at");
    s->bind(1, x.id); s->bind(2, x.name); s->bind(3, x.tax_id); s->bind(4, x.email);
    s->bind(5, phones_text(x.phones)); s->bind(6, addresses_text(x.addresses)); s->bind(7, time_text(now));
    s->exec();
  }

  std::optional<Supplier> find_supplier(const std::string& id) override {
    auto s = stmt("SELECT id, name, tax_id, email, phones, addresses FROM suppliers WHERE id = ?");
    s->bind(1, id);
    if (!s->executeStep()) return std::nullopt;
    Supplier x;
    x.id = s->getColumn(0).getString(); x.name = s->getColumn(1).getString();
    x.tax_id = s->getColumn(2).getString(); x.email = s->getColumn(3).getString();
    x.phones = phones_from(s->getColumn(4).getString());
    x.addresses = addresses_from(s->getColumn(5).getString());
    return x;
  }

  void put_operator(const Operator& o, Timestamp now) override {
    auto s = stmt(
        "INSERT INTO operators (id, name, email, role, team, updated_at) VALUES (?,?,?,?,?,?)"
        " ON CONFLICT(id) DO UPDATE SET name=excluded.name, email=excluded.email, role=excluded.role,"
        " team=excluded.team, updated_at=excluded.updated_at");
    s->bind(1, o.id); s->bind(2, o.name); s->bind(3, o.email); s->bind(4, role_name(o.role));
    s->bind(5, o.team); s->bind(6, time_text(now));
    s->exec();
  }

  std::optional<Operator> find_operator(const std::string& id) override {
    auto s = stmt("SELECT id, name, email, role, team FROM operators WHERE id = ?");
    s->bind(1, id);
    if (!s->executeStep()) return std::nullopt;
    Operator o;
    o.id = s->getColumn(0).getString(); o.name = s->getColumn(1).getString();
    o.email = s->getColumn(2).getString(); o.role = enum_column<Role>(s->getColumn(3), role_from_name);
    o.team = s->getColumn(4).getString();
    return o;
  }

  void put_product(const Product& p, Timestamp now) override {
    auto s = stmt(
        "INSERT INTO products (sku, name, brand, category, supplier_id, serialized, updated_at) VALUES (?,?,?,?,?,?,?)"
        " ON CONFLICT(sku) DO UPDATE SET name=excluded.name, brand=excluded.brand, category=excluded.category,"
        " supplier_id=excluded.supplier_id, serialized=excluded.serialized, updated_at=excluded.updated_at");
    s->bind(1, p.sku); s->bind(2, p.name); s->bind(3, p.brand); s->bind(4, p.category);
    s->bind(5, p.supplier_id); s->bind(6, p.serialized ? 1 : 0); s->bind(7, time_text(now));
    s->exec();
  }

  std::optional<Product> find_product(const std::string& sku) override {
    auto s = stmt("SELECT sku, name, brand, category, supplier_id, serialized FROM products WHERE sku = ?");
    s->bind(1, sku);
    if (!s->executeStep()) return std::nullopt;
    Product p;
    p.sku = s->getColumn(0).getString(); p.name = s->getColumn(1).getString();
    p.brand = s->getColumn(2).getString(); p.category = s->getColumn(3).getString();
    p.supplier_id = s->getColumn(4).getString(); p.serialized = s->getColumn(5).getInt() != 0;
    count_registry_rows(1);
    return p;
  }

  // --- documents ------------------------------------------------------------------------------

  std::optional<SalesDocument> find_sales_document(const std::string& id) override {
    auto s = stmt(
        "SELECT id, date, delivery_date, customer_id, channel, distance_sale, currency, jurisdiction, discount"
        " FROM sales_documents WHERE id = ?");
    s->bind(1, id);
    if (!s->executeStep()) return std::nullopt;
    SalesDocument d = sales_document_row(*s);
    s->tryReset();
    auto l = stmt(
        "SELECT line_no, sku, quantity, unit_price, vat_rate_bp, serials, lot, dispatch_document, packers, discount"
        " FROM sales_lines WHERE document_id = ? ORDER BY line_no");
    l->bind(1, id);
    while (l->executeStep()) d.lines.push_back(sales_line_row(*l, 0));
    count_registry_rows(1 + static_cast<std::int64_t>(d.lines.size()));
    return d;
  }

  void put_sales_document(const SalesDocument& d, Timestamp now, bool replaces) override {
    // A new document (the import found none, under the write lock) has no lines or serials to
    // remove: two statements fewer per document of a nightly feed.
    if (replaces) {
      auto del = stmt("DELETE FROM sales_lines WHERE document_id = ?");
      del->bind(1, d.id);
      del->exec();
    }
    auto s = stmt(
        "INSERT INTO sales_documents (id, date, delivery_date, customer_id, channel, distance_sale, currency,"
        " jurisdiction, updated_at, discount) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET"
        " date=excluded.date, delivery_date=excluded.delivery_date, customer_id=excluded.customer_id,"
        " channel=excluded.channel, distance_sale=excluded.distance_sale, currency=excluded.currency,"
        " jurisdiction=excluded.jurisdiction, updated_at=excluded.updated_at, discount=excluded.discount");
    // The document outlives each statement's execution, so its strings are bound without a copy
    // (bindNoCopy); values built here are copied.
    s->bindNoCopy(1, d.id); s->bind(2, d.date.to_iso());
    if (d.delivery_date) s->bind(3, d.delivery_date->to_iso()); else s->bind(3);
    s->bindNoCopy(4, d.customer_id); s->bind(5, channel_name(d.channel)); s->bind(6, d.distance_sale ? 1 : 0);
    s->bindNoCopy(7, d.currency); s->bindNoCopy(8, d.jurisdiction); s->bind(9, time_text(now)); s->bind(10, d.discount);
    s->exec();
    auto l = stmt(
        "INSERT INTO sales_lines (document_id, line_no, sku, quantity, unit_price, vat_rate_bp, serials, lot,"
        " dispatch_document, packers, discount) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    for (const SalesLine& x : d.lines) {
      l->reset();
      l->bindNoCopy(1, d.id); l->bind(2, x.line_no); l->bindNoCopy(3, x.sku); l->bind(4, x.quantity);
      l->bind(5, x.unit_price); l->bind(6, x.vat_rate_bp); l->bind(7, join_list(x.serials)); l->bindNoCopy(8, x.lot);
      l->bindNoCopy(9, x.dispatch_document); l->bind(10, join_list(x.packers)); l->bind(11, x.discount);
      l->exec();
    }
    units_.write_sold_serials(d, replaces);
  }

  std::optional<PurchaseDocument> find_purchase_document(const std::string& id) override {
    auto s = stmt("SELECT id, date, supplier_id, currency FROM purchase_documents WHERE id = ?");
    s->bind(1, id);
    if (!s->executeStep()) return std::nullopt;
    PurchaseDocument d = purchase_document_row(*s);
    s->tryReset();
    auto l = stmt(
        "SELECT line_no, sku, quantity, unit_cost, serials FROM purchase_lines WHERE document_id = ? ORDER BY line_no");
    l->bind(1, id);
    while (l->executeStep()) d.lines.push_back(purchase_line_row(*l, 0));
    return d;
  }

  void put_purchase_document(const PurchaseDocument& d, Timestamp now) override {
    auto del = stmt("DELETE FROM purchase_lines WHERE document_id = ?");
    del->bind(1, d.id);
    del->exec();
    auto s = stmt(
        "INSERT INTO purchase_documents (id, date, supplier_id, currency, updated_at) VALUES (?,?,?,?,?)"
        " ON CONFLICT(id) DO UPDATE SET date=excluded.date, supplier_id=excluded.supplier_id,"
        " currency=excluded.currency, updated_at=excluded.updated_at");
    s->bind(1, d.id); s->bind(2, d.date.to_iso()); s->bind(3, d.supplier_id); s->bind(4, d.currency);
    s->bind(5, time_text(now));
    s->exec();
    auto l = stmt(
        "INSERT INTO purchase_lines (document_id, line_no, sku, quantity, unit_cost, serials) VALUES (?,?,?,?,?,?)");
    for (const PurchaseLine& x : d.lines) {
      l->reset();
      l->bind(1, d.id); l->bind(2, x.line_no); l->bind(3, x.sku); l->bind(4, x.quantity);
      l->bind(5, x.unit_cost); l->bind(6, join_list(x.serials));
      l->exec();
    }
    units_.write_purchased_serials(d);
  }

  void for_each_sales_document(const std::function<void(SalesDocument&&)>& visit) override {
    // One pass over documents and one over lines, both in id order, merged.
    SQLite::Statement docs(db_,
                           "SELECT id, date, delivery_date, customer_id, channel, distance_sale, currency, jurisdiction,"
                           " discount FROM sales_documents ORDER BY id");
    SQLite::Statement lines(db_,
                            "SELECT line_no, sku, quantity, unit_price, vat_rate_bp, serials, lot, dispatch_document,"
                            " packers, discount, document_id FROM sales_lines ORDER BY document_id, line_no");
    bool more_lines = lines.executeStep();
    while (docs.executeStep()) {
      SalesDocument d = sales_document_row(docs);
      while (more_lines && lines.getColumn(10).getString() < d.id) more_lines = lines.executeStep();
      while (more_lines && lines.getColumn(10).getString() == d.id) {
        d.lines.push_back(sales_line_row(lines, 0));
        more_lines = lines.executeStep();
      }
      count_registry_rows(static_cast<std::int64_t>(d.lines.size()));
      visit(std::move(d));
    }
  }

  void for_each_purchase_document(const std::function<void(PurchaseDocument&&)>& visit) override {
    SQLite::Statement docs(db_, "SELECT id, date, supplier_id, currency FROM purchase_documents ORDER BY id");
    SQLite::Statement lines(db_,
                            "SELECT line_no, sku, quantity, unit_cost, serials, document_id FROM purchase_lines"
                            " ORDER BY document_id, line_no");
    bool more_lines = lines.executeStep();
    while (docs.executeStep()) {
      PurchaseDocument d = purchase_document_row(docs);
      while (more_lines && lines.getColumn(5).getString() < d.id) more_lines = lines.executeStep();
      while (more_lines && lines.getColumn(5).getString() == d.id) {
        d.lines.push_back(purchase_line_row(lines, 0));
        more_lines = lines.executeStep();
      }
      count_registry_rows(static_cast<std::int64_t>(d.lines.size()));
      visit(std::move(d));
    }
  }

  std::vector<Product> all_products() override {
    std::vector<Product> out;
    SQLite::Statement s(db_, "SELECT sku, name, brand, category, supplier_id, serialized FROM products");
    while (s.executeStep()) {
      out.push_back(Product{s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                            s.getColumn(3).getString(), s.getColumn(4).getString(), s.getColumn(5).getInt() != 0});
    }
    count_registry_rows(static_cast<std::int64_t>(out.size()));
    return out;
  }

  void put_extended_warranty(const ExtendedWarranty& w) override {
    auto s = stmt(
        "INSERT INTO extended_warranties (serial, contract, start, end, coverage) VALUES (?,?,?,?,?)"
        " ON CONFLICT(serial, contract) DO UPDATE SET start=excluded.start, end=excluded.end,"
        " coverage=excluded.coverage");
    s->bind(1, w.serial); s->bind(2, w.contract); s->bind(3, w.start.to_iso()); s->bind(4, w.end.to_iso());
    s->bind(5, w.coverage);
    s->exec();
  }

  std::vector<ExtendedWarranty> all_extended_warranties() override {
    std::vector<ExtendedWarranty> out;
    SQLite::Statement s(db_, "SELECT serial, contract, start, end, coverage FROM extended_warranties");
    while (s.executeStep()) {
      out.push_back(ExtendedWarranty{s.getColumn(0).getString(), s.getColumn(1).getString(),
                                     Date::from_iso(s.getColumn(2).getString()),
                                     Date::from_iso(s.getColumn(3).getString()), s.getColumn(4).getString()});
    }
    count_registry_rows(static_cast<std::int64_t>(out.size()));
    return out;
  }

  void put_replacement(const std::string& serial, const std::string& replaced_serial, Date on,
                       std::int64_t case_id) override {
    auto s = stmt(
        "INSERT INTO unit_replacements (serial, replaced_serial, replaced_on, case_id) VALUES (?,?,?,?)"
        " ON CONFLICT(serial) DO UPDATE SET replaced_serial=excluded.replaced_serial,"
        " replaced_on=excluded.replaced_on, case_id=excluded.case_id");
    s->bind(1, serial); s->bind(2, replaced_serial); s->bind(3, on.to_iso()); s->bind(4, case_id);
    s->exec();
  }

  std::vector<Replacement> all_replacements() override {
    std::vector<Replacement> out;
    SQLite::Statement s(db_, "SELECT serial, replaced_serial, replaced_on, case_id FROM unit_replacements");
    while (s.executeStep()) {
      out.push_back(Replacement{s.getColumn(0).getString(), s.getColumn(1).getString(),
                                Date::from_iso(s.getColumn(2).getString()), s.getColumn(3).getInt64()});
    }
    count_registry_rows(static_cast<std::int64_t>(out.size()));
    return out;
  }

  void put_registration(const std::string& serial, Date on) override {
    auto s = stmt(
        "INSERT INTO unit_registrations (serial, registered_on) VALUES (?,?)"
        " ON CONFLICT(serial) DO UPDATE SET registered_on=excluded.registered_on");
    s->bind(1, serial); s->bind(2, on.to_iso());
    s->exec();
  }

  std::vector<std::pair<std::string, Date>> all_registrations() override {
    std::vector<std::pair<std::string, Date>> out;
    SQLite::Statement s(db_, "SELECT serial, registered_on FROM unit_registrations");
    while (s.executeStep()) out.emplace_back(s.getColumn(0).getString(), Date::from_iso(s.getColumn(1).getString()));
    count_registry_rows(static_cast<std::int64_t>(out.size()));
    return out;
  }

  std::vector<SalesDocument> sales_lines_by_serial(const std::string& serial) override {
    return units_.sales_lines_by_serial(serial);
  }
  std::vector<SalesDocument> sales_lines_by_customer(const std::string& customer_id, const std::string& sku) override {
    return units_.sales_lines_by_customer(customer_id, sku);
  }
  std::optional<SalesDocument> find_sales_line(const std::string& document, std::int32_t line_no) override {
    return units_.find_sales_line(document, line_no);
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
    auto s = stmt(
        // CaseLine::valued_quantity() and domain::claimed_units(), in SQL.
        "SELECT l.case_id, l.line_no,"
        " CASE WHEN l.qty_accepted > 0 THEN l.qty_accepted ELSE l.qty_received END,"
        " c.valuation, MAX(l.qty_requested, l.qty_authorized, l.qty_received, l.qty_accepted), l.serial,"
        " c.valuation_seq"
        " FROM case_lines l JOIN cases c ON c.id = l.case_id"
        // `<> ''` lets SQLite use the partial index case_lines_by_sales_line: it cannot prove
        // that of a bound parameter, and without the index every earlier line is scanned.
        " WHERE l.sales_document = ? AND l.sales_document <> '' AND l.sales_document_line = ? AND l.case_id < ?"
        " AND c.resolution <> 'reject' AND c.deleted_at IS NULL ORDER BY l.case_id, l.line_no");
    s->bind(1, document); s->bind(2, line_no); s->bind(3, before_case);
    std::vector<EarlierReturn> out;
    std::vector<std::int64_t> pointers;
    while (s->executeStep()) {
      pointers.push_back(s->getColumn(6).isNull() ? 0 : s->getColumn(6).getInt64());
      out.push_back(EarlierReturn{s->getColumn(0).getInt64(), s->getColumn(1).getInt(), s->getColumn(2).getInt64(),
                                  pointers.back() ? std::string() : json_column(s->getColumn(3), {"cases", "valuation"}),
                                  s->getColumn(4).getInt64(), s->getColumn(5).getString()});
    }
    s->reset();
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (pointers[i]) out[i].valuation = valuation_at(pointers[i]);
    }
    return out;
  }

  std::optional<std::string> get_setting(const std::string& key) override {
    auto s = stmt("SELECT value FROM settings WHERE key = ?");
    s->bind(1, key);
    if (!s->executeStep()) return std::nullopt;
    return s->getColumn(0).getString();
  }

  void put_setting(const std::string& key, const std::string& value, Timestamp now) override {
    auto s = stmt(
        "INSERT INTO settings (key, value, updated_at) VALUES (?,?,?) ON CONFLICT(key) DO UPDATE SET"
        " value=excluded.value, updated_at=excluded.updated_at");
    s->bind(1, key); s->bind(2, value); s->bind(3, time_text(now));
    s->exec();
  }

  std::int64_t next_sequence(std::int32_t year) override {
    auto s = stmt(
        "INSERT INTO number_sequences (year, last) VALUES (?, 1)"
        " ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last");
    s->bind(1, year);
    s->executeStep();
    return s->getColumn(0).getInt64();
  }

  // --- cases ----------------------------------------------------------------------------------

  // The valuation a case.valued event set (store/valued_event.hpp).
  std::string valuation_at(std::int64_t seq) {
    auto s = stmt("SELECT data FROM events WHERE seq = ?");
    s->bind(1, seq);
    if (!s->executeStep()) {
      throw Error(Status::storage, "cases.valuation_seq", "the case points at event " + std::to_string(seq) +
                                                               ", which does not exist");
    }
    std::string data = json_column(s->getColumn(0), {"events", "data"});
    s->reset();
    return valuation_from_valued_event(data, seq);
  }

  void insert_case(Case& c, const std::string& idempotency_key, const std::string& fingerprint,
                   const std::string& privacy_key) override {
    auto s = stmt(
        "INSERT INTO cases (number, kind, category, channel, customer_id, supplier_id, purchased_elsewhere,"
        " priority, assignee, team, status, expected_completion, resolution, root_cause, custom_fields,"
        " split_from, idempotency_key, request_fingerprint, created_at, updated_at, version,"
        " workflow, workflow_version, status_since, decision_locked, valuation, privacy_key)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s->bind(1, c.number);
    bind_case_fields(*s, c, 2);
    if (c.split_from) s->bind(16, *c.split_from); else s->bind(16);
    if (idempotency_key.empty()) { s->bind(17); s->bind(18); } else { s->bind(17, idempotency_key); s->bind(18, fingerprint); }
    s->bind(19, c.created_at.micros);
    s->bind(20, c.updated_at.micros);
    s->bind(21, c.version);
    s->bind(22, c.workflow);
    s->bind(23, c.workflow_version);
    s->bind(24, c.status_since.micros);
    s->bind(25, c.decision_locked ? 1 : 0);
    bind_json_column(*s, 26, c.valuation);
    bind_key(*s, 27, privacy_key);
    s->exec();
    c.id = db_.getLastInsertRowid();
    for (const CaseLine& line : c.lines) write_line(c.id, line);
  }

  bool update_case(const Case& c, std::int64_t stored_version, bool lines_changed, bool valuation_changed,
                   std::uint32_t columns) override {
    // A changed valuation is written as text; the case.valued event that follows moves it to a
    // pointer (append_event). An unchanged one stays as stored.
    SQLite::Statement& update = case_update(columns, valuation_changed);
    update.clearBindings();
    int at = 1;
    for (std::uint32_t column = 0; column < static_cast<std::uint32_t>(CaseColumn::count); ++column) {
      if (columns & (1u << column)) bind_case_column(update, at++, static_cast<CaseColumn>(column), c);
    }
    update.bind(at++, c.updated_at.micros);
    update.bind(at++, c.version);
    if (valuation_changed) bind_json_column(update, at++, c.valuation);
    update.bind(at++, c.id);
    update.bind(at++, stored_version);
    const int changed = update.exec();
    update.tryReset();
    if (changed != 1) return false;
    if (lines_changed) {
      // Rare (line patches, splits) and small: rewriting is simpler than diffing.
      auto d = stmt("DELETE FROM case_lines WHERE case_id = ?");
      d->bind(1, c.id);
      d->exec();
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
    auto s = with_deleted
                 ? stmt("SELECT id, number, kind, category, channel, customer_id, supplier_id, purchased_elsewhere,"
                        " priority, assignee, team, status, expected_completion, resolution, root_cause, custom_fields,"
                        " split_from, created_at, updated_at, version, workflow, workflow_version, status_since,"
                        " decision_locked, valuation, valuation_seq, deleted_at FROM cases WHERE id = ?")
                 : stmt("SELECT id, number, kind, category, channel, customer_id, supplier_id, purchased_elsewhere,"
                        " priority, assignee, team, status, expected_completion, resolution, root_cause, custom_fields,"
                        " split_from, created_at, updated_at, version, workflow, workflow_version, status_since,"
                        " decision_locked, valuation, valuation_seq, deleted_at FROM cases WHERE id = ?"
                        " AND deleted_at IS NULL");
    s->bind(1, id);
    if (!s->executeStep()) return std::nullopt;
    AnyCase any;
    if (!s->getColumn(26).isNull()) any.deleted_at = column_time(s->getColumn(26));
    Case& c = any.c;
    c.id = s->getColumn(0).getInt64();
    c.number = s->getColumn(1).getString();
    c.kind = enum_column<CaseKind>(s->getColumn(2), case_kind_from_name);
    c.category = enum_column<ComplaintCategory>(s->getColumn(3), complaint_category_from_name);
    c.channel = enum_column<Channel>(s->getColumn(4), channel_from_name);
    c.customer_id = s->getColumn(5).getString();
    c.supplier_id = s->getColumn(6).getString();
    c.purchased_elsewhere = s->getColumn(7).getInt() != 0;
    c.priority = enum_column<Priority>(s->getColumn(8), priority_from_name);
    c.assignee = s->getColumn(9).getString();
    c.team = s->getColumn(10).getString();
    c.status = s->getColumn(11).getString();
    if (!s->getColumn(12).isNull()) c.expected_completion = Date::from_iso(s->getColumn(12).getString());
    c.resolution = enum_column<Resolution>(s->getColumn(13), resolution_from_name);
    c.root_cause = s->getColumn(14).getString();
    c.custom_fields = s->getColumn(15).getString();
    if (!s->getColumn(16).isNull()) c.split_from = s->getColumn(16).getInt64();
    c.created_at = column_time(s->getColumn(17));
    c.updated_at = column_time(s->getColumn(18));
    c.version = s->getColumn(19).getInt64();
    c.workflow = s->getColumn(20).getString();
    c.workflow_version = s->getColumn(21).getInt();
    c.status_since = column_time(s->getColumn(22));
    c.decision_locked = s->getColumn(23).getInt() != 0;
    const SQLite::Column valuation_seq = s->getColumn(25);
    const std::optional<std::int64_t> pointer =
        valuation_seq.isNull() ? std::nullopt : std::optional<std::int64_t>(valuation_seq.getInt64());
    std::string valuation_text = pointer ? std::string() : json_column(s->getColumn(24), {"cases", "valuation"});
    s->reset();
    c.valuation = pointer ? valuation_at(*pointer) : std::move(valuation_text);
    load_lines(c);
    load_notes(c);
    load_attachments(c);
    load_actions(c);
    load_repairs(c);
    return any;
  }

  std::optional<std::int64_t> find_case_id(const std::string& number) override {
    auto s = stmt("SELECT id FROM cases WHERE number = ? AND deleted_at IS NULL");
    s->bind(1, number);
    if (!s->executeStep()) return std::nullopt;
    return s->getColumn(0).getInt64();
  }

  std::optional<IdempotentCase> find_idempotent_case(const std::string& key) override {
    auto s = stmt("SELECT id, request_fingerprint FROM cases WHERE idempotency_key = ?");
    s->bind(1, key);
    if (!s->executeStep()) return std::nullopt;
    return IdempotentCase{s->getColumn(0).getInt64(), s->getColumn(1).getString()};
  }

  std::optional<CaseRow> load_case_row(std::int64_t id) override {
    auto s = stmt(RMA_CASE_ROW_SELECT " AND id = ?");
    s->bind(1, id);
    if (!s->executeStep()) return std::nullopt;
    return case_row(*s);
  }

  std::vector<std::int64_t> case_ids() override {
    std::vector<std::int64_t> ids;
    auto s = stmt("SELECT id FROM cases WHERE deleted_at IS NULL ORDER BY id");
    while (s->executeStep()) ids.push_back(s->getColumn(0).getInt64());
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

  // --- reports (store/sqlite/report_reads.hpp) --------------------------------------------------

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
    auto s = stmt("INSERT INTO notes (case_id, channel, author, body, created_at) VALUES (?,?,?,?,?)");
    s->bind(1, case_id); s->bind(2, visibility_name(n.channel)); s->bind(3, n.author);
    s->bindNoCopy(4, n.body); s->bind(5, time_text(n.created_at));
    s->exec();
    n.id = db_.getLastInsertRowid();
  }

  void insert_attachment(std::int64_t case_id, Attachment& a) override {
    auto s = stmt(
        "INSERT INTO attachments (case_id, file_name, media_type, size_bytes, sha256, uri, visibility, added_by,"
        " created_at) VALUES (?,?,?,?,?,?,?,?,?)");
    s->bind(1, case_id); s->bind(2, a.file_name); s->bind(3, a.media_type); s->bind(4, a.size_bytes);
    s->bind(5, a.sha256); s->bind(6, a.uri); s->bind(7, visibility_name(a.visibility)); s->bind(8, a.added_by);
    s->bind(9, time_text(a.created_at));
    s->exec();
    a.id = db_.getLastInsertRowid();
  }

  void insert_action(std::int64_t case_id, Action& a) override {
    auto s = stmt(
        "INSERT INTO actions (case_id, title, assignee, due_at, done_at, done_by, created_by, created_at)"
        " VALUES (?,?,?,?,?,?,?,?)");
    s->bind(1, case_id); s->bind(2, a.title); s->bind(3, a.assignee);
    bind_optional_time(*s, 4, a.due_at); bind_optional_time(*s, 5, a.done_at);
    s->bind(6, a.done_by); s->bind(7, a.created_by); s->bind(8, time_text(a.created_at));
    s->exec();
    a.id = db_.getLastInsertRowid();
  }

  void update_action(std::int64_t case_id, const Action& a) override {
    auto s = stmt("UPDATE actions SET done_at = ?, done_by = ? WHERE id = ? AND case_id = ?");
    bind_optional_time(*s, 1, a.done_at);
    s->bind(2, a.done_by); s->bind(3, a.id); s->bind(4, case_id);
    s->exec();
  }

  void insert_repair(std::int64_t case_id, RepairOperation& r) override {
    auto s = stmt(
        "INSERT INTO repair_operations (case_id, line_no, code, description, labour_class, minutes, parts, paid,"
        " status, created_by, created_at, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s->bind(1, case_id); s->bind(2, r.line_no); s->bind(3, r.code); s->bind(4, r.description);
    s->bind(5, r.labour_class); s->bind(6, r.minutes); s->bind(7, parts_text(r.parts)); s->bind(8, r.paid ? 1 : 0);
    s->bind(9, repair_status_name(r.status)); s->bind(10, r.created_by); s->bind(11, time_text(r.created_at));
    s->bind(12, r.updated_by); s->bind(13, time_text(r.updated_at));
    s->exec();
    r.id = db_.getLastInsertRowid();
  }

  void update_repair(std::int64_t case_id, const RepairOperation& r) override {
    auto s = stmt(
        "UPDATE repair_operations SET status = ?, updated_by = ?, updated_at = ? WHERE id = ? AND case_id = ?");
    s->bind(1, repair_status_name(r.status)); s->bind(2, r.updated_by); s->bind(3, time_text(r.updated_at));
    s->bind(4, r.id); s->bind(5, case_id);
    s->exec();
  }

  void delete_case(std::int64_t case_id, Timestamp now) override {
    auto s = stmt("UPDATE cases SET deleted_at = ? WHERE id = ?");
    s->bind(1, time_text(now)); s->bind(2, case_id);
    s->exec();
  }

  void count_refusal(const std::string& actor, const std::string& reason, std::int64_t case_id,
                     Timestamp at) override {
    auto s = stmt(
        "INSERT INTO security_log (actor, reason, count, first_at, last_at, last_case_id) VALUES (?,?,1,?,?,?)"
        " ON CONFLICT (actor, reason) DO UPDATE SET count = count + 1, last_at = excluded.last_at,"
        " last_case_id = excluded.last_case_id");
    s->bind(1, actor); s->bind(2, reason); s->bind(3, time_text(at)); s->bind(4, time_text(at)); s->bind(5, case_id);
    s->exec();
  }

  std::vector<SecurityLogEntry> security_log(const std::string& actor, std::int32_t limit) override {
    auto s = actor.empty()
                 ? stmt("SELECT actor, reason, count, first_at, last_at, last_case_id FROM security_log"
                        " ORDER BY last_at DESC, actor, reason LIMIT ?")
                 : stmt("SELECT actor, reason, count, first_at, last_at, last_case_id FROM security_log"
                        " WHERE actor = ? ORDER BY last_at DESC, reason LIMIT ?");
    int at = 1;
    if (!actor.empty()) s->bind(at++, actor);
    s->bind(at, limit);
    std::vector<SecurityLogEntry> rows;
    while (s->executeStep()) {
      rows.push_back(SecurityLogEntry{s->getColumn(0).getString(), s->getColumn(1).getString(),
                                      s->getColumn(2).getInt64(), column_time(s->getColumn(3)),
                                      column_time(s->getColumn(4)), s->getColumn(5).getInt64()});
    }
    return rows;
  }

  bool insert_sla_crossing(const SlaCrossingRow& x) override {
    auto s = stmt(
        "INSERT INTO sla_crossings (case_id, clock, started_at, target_seconds, kind, at) VALUES (?,?,?,?,?,?)"
        " ON CONFLICT DO NOTHING");
    s->bind(1, x.case_id); s->bind(2, x.clock); s->bind(3, time_text(x.started_at)); s->bind(4, x.target_seconds);
    s->bind(5, x.kind); s->bind(6, time_text(x.at));
    return s->exec() == 1;
  }

  std::vector<SlaCrossingRow> sla_crossings(std::int64_t case_id) override {
    // Two statements, not "?1 = 0 OR case_id = ?1": the OR form cannot use the primary key,
    // and a per-case read runs after every change to a case.
    auto s = case_id == 0
                 ? stmt("SELECT case_id, clock, started_at, target_seconds, kind, at FROM sla_crossings")
                 : stmt("SELECT case_id, clock, started_at, target_seconds, kind, at FROM sla_crossings"
                        " WHERE case_id = ?");
    if (case_id != 0) s->bind(1, case_id);
    std::vector<SlaCrossingRow> rows;
    while (s->executeStep()) {
      rows.push_back(SlaCrossingRow{s->getColumn(0).getInt64(), s->getColumn(1).getString(),
                                    column_time(s->getColumn(2)), s->getColumn(3).getInt64(),
                                    s->getColumn(4).getString(), column_time(s->getColumn(5))});
    }
    return rows;
  }

  void put_sla_due(std::int64_t case_id, const std::vector<SlaDueRow>& rows) override { sla_due_.put(case_id, rows); }
  void clear_sla_due() override { sla_due_.clear(); }
  bool sla_due_incomplete() override { return sla_due_.incomplete(); }
  std::vector<SlaDueRow> sla_due_rows(Timestamp now, std::optional<std::int64_t> within_seconds,
                                      std::int32_t limit) override {
    return sla_due_.rows(now, within_seconds, limit);
  }

  void put_workflow(const std::string& id, std::int32_t version, const std::string& definition,
                    Timestamp now) override {
    auto s = stmt("INSERT INTO workflows (id, version, definition, created_at) VALUES (?,?,?,?)");
    s->bind(1, id); s->bind(2, version); s->bind(3, definition); s->bind(4, time_text(now));
    s->exec();
  }

  std::optional<std::string> find_workflow(const std::string& id, std::int32_t version) override {
    auto s = stmt("SELECT definition FROM workflows WHERE id = ? AND version = ?");
    s->bind(1, id); s->bind(2, version);
    if (!s->executeStep()) return std::nullopt;
    std::string definition = s->getColumn(0).getString();
    s->reset();
    return definition;
  }

  // --- personal data ----------------------------------------------------------------------------

  std::optional<PrivacyState> case_privacy(std::int64_t case_id) override {
    auto s = stmt("SELECT privacy_key, erased_at FROM cases WHERE id = ?");
    s->bind(1, case_id);
    if (!s->executeStep()) return std::nullopt;
    return privacy_row(*s);
  }

  std::optional<PrivacyState> customer_privacy(const std::string& customer_id) override {
    auto s = stmt("SELECT privacy_key, erased_at FROM customers WHERE id = ?");
    s->bind(1, customer_id);
    if (!s->executeStep()) return std::nullopt;
    return privacy_row(*s);
  }

  void put_case_key(std::int64_t case_id, const std::string& key) override {
    auto s = stmt("UPDATE cases SET privacy_key = ? WHERE id = ? AND privacy_key IS NULL");
    bind_key(*s, 1, key);
    s->bind(2, case_id);
    s->exec();
  }

  std::vector<std::int64_t> customer_case_ids(const std::string& customer_id) override {
    // cases_by_customer leaves deleted cases out: this rare read scans instead.
    auto s = stmt("SELECT id FROM cases WHERE customer_id = ? ORDER BY id");
    s->bind(1, customer_id);
    std::vector<std::int64_t> ids;
    while (s->executeStep()) ids.push_back(s->getColumn(0).getInt64());
    return ids;
  }

  std::vector<std::int64_t> latest_customer_case_ids(const std::string& customer_id, std::int64_t limit) override {
    auto s = stmt("SELECT id FROM cases WHERE customer_id = ? AND deleted_at IS NULL ORDER BY created_at DESC, id DESC"
                  " LIMIT ?");
    s->bind(1, customer_id);
    s->bind(2, limit);
    std::vector<std::int64_t> ids;
    while (s->executeStep()) ids.push_back(s->getColumn(0).getInt64());
    return ids;
  }

  std::vector<Case> latest_customer_fraud_cases(const std::string& customer_id, std::int64_t limit) override {
    // The latest cases first (the same index range as above), then their lines by primary key.
    auto s = stmt("SELECT c.id, c.created_at, l.line_no, l.sku, l.serial, l.qty_requested, l.purchase_date,"
                  " l.reason_code, l.flags FROM (SELECT id, created_at FROM cases WHERE customer_id = ?"
                  " AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?) c"
                  " LEFT JOIN case_lines l ON l.case_id = c.id ORDER BY c.created_at DESC, c.id DESC, l.line_no");
    s->bind(1, customer_id);
    s->bind(2, limit);
    std::vector<Case> out;
    while (s->executeStep()) {
      const std::int64_t id = s->getColumn(0).getInt64();
      if (out.empty() || out.back().id != id) {
        out.emplace_back();
        out.back().id = id;
        out.back().customer_id = customer_id;
        out.back().created_at = column_time(s->getColumn(1));
      }
      if (s->getColumn(2).isNull()) continue;  // a case without lines
      CaseLine l;
      l.line_no = s->getColumn(2).getInt(); l.sku = s->getColumn(3).getString();
      l.serial = s->getColumn(4).getString(); l.qty_requested = s->getColumn(5).getInt64();
      if (!s->getColumn(6).isNull()) l.purchase_date = Date::from_iso(s->getColumn(6).getString());
      l.reason_code = s->getColumn(7).getString();
      l.flags = split_list(s->getColumn(8).getString());
      out.back().lines.push_back(std::move(l));
    }
    return out;
  }

  std::int64_t customer_units_bought(const std::string& customer_id) override {
    auto s = stmt("SELECT COALESCE(SUM(l.quantity), 0) FROM sales_documents d"
                  " JOIN sales_lines l ON l.document_id = d.id WHERE d.customer_id = ?");
    s->bind(1, customer_id);
    return s->executeStep() ? s->getColumn(0).getInt64() : 0;
  }

  std::vector<OutboxMessage> case_messages(std::int64_t case_id) override {
    auto s = stmt("SELECT seq, case_id, topic, payload, created_at FROM outbox WHERE case_id = ? ORDER BY seq");
    s->bind(1, case_id);
    std::vector<OutboxMessage> out;
    while (s->executeStep()) {
      out.push_back(OutboxMessage{s->getColumn(0).getInt64(), s->getColumn(1).getInt64(), s->getColumn(2).getString(),
                                  s->getColumn(3).getString(), column_time(s->getColumn(4))});
    }
    return out;
  }

  void erase_case(const Case& erased, const std::vector<OutboxMessage>& messages, Timestamp at) override {
    auto c = stmt("UPDATE cases SET custom_fields = ?, privacy_key = NULL, erased_at = ? WHERE id = ?");
    c->bind(1, erased.custom_fields); c->bind(2, time_text(at)); c->bind(3, erased.id);
    c->exec();
    for (const CaseLine& l : erased.lines) {
      auto s = stmt("UPDATE case_lines SET defect_description = ? WHERE case_id = ? AND line_no = ?");
      s->bind(1, l.defect_description); s->bind(2, erased.id); s->bind(3, l.line_no);
      s->exec();
    }
    for (const Note& n : erased.notes) {
      auto s = stmt("UPDATE notes SET body = ? WHERE id = ? AND case_id = ?");
      s->bind(1, n.body); s->bind(2, n.id); s->bind(3, erased.id);
      s->exec();
    }
    for (const Attachment& a : erased.attachments) {
      auto s = stmt("UPDATE attachments SET file_name = ?, uri = ? WHERE id = ? AND case_id = ?");
      s->bind(1, a.file_name); s->bind(2, a.uri); s->bind(3, a.id); s->bind(4, erased.id);
      s->exec();
    }
    for (const OutboxMessage& m : messages) {
      auto s = stmt("UPDATE outbox SET payload = ? WHERE seq = ? AND case_id = ?");
      s->bind(1, m.payload); s->bind(2, m.seq); s->bind(3, erased.id);
      s->exec();
    }
  }

  void erase_customer(const Customer& erased, Timestamp at) override {
    auto s = stmt(
        "UPDATE customers SET name = ?, tax_id = ?, email = ?, phones = ?, addresses = ?, privacy_key = NULL,"
        " erased_at = ? WHERE id = ?");
    s->bind(1, erased.name); s->bind(2, erased.tax_id); s->bind(3, erased.email);
    s->bind(4, phones_text(erased.phones)); s->bind(5, addresses_text(erased.addresses)); s->bind(6, time_text(at));
    s->bind(7, erased.id);
    s->exec();
  }

  // --- events and outbox ----------------------------------------------------------------------

  void append_event(Event& e) override {
    chain_.append(e);
    if (points_at_valuation(e)) {
      // The case row was written with this valuation as text earlier in the transaction: keep
      // it once, here (store/valued_event.hpp).
      auto p = stmt("UPDATE cases SET valuation = '', valuation_seq = ? WHERE id = ?");
      p->bind(1, e.seq);
      p->bind(2, e.case_id);
      p->exec();
    }
  }

  std::vector<Event> case_events(std::int64_t case_id) override {
    auto s = stmt(
        "SELECT e.seq, e.case_id, c.number, e.at, e.actor, e.type, e.data FROM events e JOIN cases c ON c.id = e.case_id"
        " WHERE e.case_id = ? ORDER BY e.seq");
    s->bind(1, case_id);
    std::vector<Event> out;
    while (s->executeStep()) {
      out.push_back(Event{s->getColumn(0).getInt64(), s->getColumn(1).getInt64(), s->getColumn(2).getString(),
                          column_time(s->getColumn(3)), s->getColumn(4).getString(), s->getColumn(5).getString(),
                          json_column(s->getColumn(6), {"events", "data"})});
    }
    return out;
  }

  std::optional<std::string> case_number_of(std::int64_t case_id) override {
    auto s = stmt("SELECT number FROM cases WHERE id = ?");
    s->bind(1, case_id);
    if (!s->executeStep()) return std::nullopt;
    return s->getColumn(0).getString();
  }

  AuditChain& audit_chain() override { return chain_; }

  std::vector<Event> events_about_no_case(const std::vector<std::string>& types) override {
    std::vector<Event> out;
    if (types.empty()) return out;
    std::string sql = "SELECT seq, at, actor, type, data FROM events WHERE case_id = 0 AND type IN (";
    for (std::size_t i = 0; i < types.size(); ++i) sql += i == 0 ? "?" : ",?";
    SQLite::Statement s(db_, sql + ") ORDER BY seq");
    for (std::size_t i = 0; i < types.size(); ++i) s.bind(static_cast<int>(i + 1), types[i]);
    while (s.executeStep()) {
      out.push_back(Event{s.getColumn(0).getInt64(), 0, std::string(), column_time(s.getColumn(1)),
                          s.getColumn(2).getString(), s.getColumn(3).getString(),
                          json_column(s.getColumn(4), {"events", "data"})});
    }
    return out;
  }

  void key_customer_event(const std::string& customer_id, std::int64_t seq) override {
    auto s = stmt("INSERT INTO customer_events (customer_id, seq) VALUES (?, ?)");
    s->bind(1, customer_id);
    s->bind(2, seq);
    s->exec();
  }

  std::vector<Event> customer_events(const std::string& customer_id) override {
    auto s = stmt(
        "SELECT e.seq, e.at, e.actor, e.type, e.data FROM customer_events k JOIN events e ON e.seq = k.seq"
        " WHERE k.customer_id = ? ORDER BY k.seq");
    s->bind(1, customer_id);
    std::vector<Event> out;
    while (s->executeStep()) {
      out.push_back(Event{s->getColumn(0).getInt64(), 0, std::string(), column_time(s->getColumn(1)),
                          s->getColumn(2).getString(), s->getColumn(3).getString(),
                          json_column(s->getColumn(4), {"events", "data"})});
    }
    return out;
  }

  void append_message(OutboxMessage& m) override {
    auto s = stmt("INSERT INTO outbox (case_id, topic, payload, created_at) VALUES (?,?,?,?)");
    s->bind(1, m.case_id); s->bind(2, m.topic); s->bind(3, m.payload); s->bind(4, time_text(m.created_at));
    s->exec();
    m.seq = db_.getLastInsertRowid();
  }

  std::vector<OutboxMessage> pending_messages(std::int32_t limit) override {
    auto s = stmt(
        "SELECT seq, case_id, topic, payload, created_at FROM outbox WHERE acknowledged_at IS NULL"
        " ORDER BY seq LIMIT ?");
    s->bind(1, limit);
    std::vector<OutboxMessage> out;
    while (s->executeStep()) {
      out.push_back(OutboxMessage{s->getColumn(0).getInt64(), s->getColumn(1).getInt64(), s->getColumn(2).getString(),
                                  s->getColumn(3).getString(), column_time(s->getColumn(4))});
    }
    return out;
  }

  std::int64_t acknowledge(const std::vector<std::int64_t>& seqs, Timestamp now,
                           std::vector<std::int64_t>& missing) override {
    std::int64_t acknowledged = 0;
    auto find = stmt("SELECT acknowledged_at IS NULL FROM outbox WHERE seq = ?");
    auto ack = stmt("UPDATE outbox SET acknowledged_at = ? WHERE seq = ? AND acknowledged_at IS NULL");
    for (std::int64_t seq : seqs) {
      find->reset();
      find->clearBindings();
      find->bind(1, seq);
      if (!find->executeStep()) {
        missing.push_back(seq);
        continue;
      }
      if (find->getColumn(0).getInt() == 0) continue;  // acknowledged before: harmless repeat
      ack->reset();
      ack->clearBindings();
      ack->bind(1, time_text(now));
      ack->bind(2, seq);
      acknowledged += ack->exec();
    }
    return acknowledged;
  }

 private:

  Statements::Ref stmt(const char* sql) { return statements_.get(sql); }

  // Moves when another connection commits (never for this one's own commits).
  std::int64_t data_version() {
    auto s = stmt("PRAGMA data_version");
    s->executeStep();
    return s->getColumn(0).getInt64();
  }

  // A data subject's key is a BLOB; "" is none (NULL).
  static void bind_key(SQLite::Statement& s, int index, const std::string& key) {
    if (key.empty()) {
      s.bind(index);
    } else {
      s.bind(index, key.data(), static_cast<int>(key.size()));
    }
  }
  static std::string key_column(const SQLite::Column& column) {
    if (column.isNull()) return std::string();
    return std::string(static_cast<const char*>(column.getBlob()), static_cast<std::size_t>(column.getBytes()));
  }
  static PrivacyState privacy_row(SQLite::Statement& s) {
    PrivacyState state;
    state.key = key_column(s.getColumn(0));
    if (!s.getColumn(1).isNull()) state.erased_at = column_time(s.getColumn(1));
    return state;
  }

  void run(const char* sql) { stmt(sql)->exec(); }

  // Binds the mutable case columns at first..first+13 in the order of the INSERT/UPDATE above.
  static void bind_case_column(SQLite::Statement& s, int index, CaseColumn column, const Case& c) {
    switch (column) {
      case CaseColumn::kind: s.bind(index, case_kind_name(c.kind)); return;
      case CaseColumn::category: s.bind(index, complaint_category_name(c.category)); return;
      case CaseColumn::channel: s.bind(index, channel_name(c.channel)); return;
      case CaseColumn::customer_id: s.bind(index, c.customer_id); return;
      case CaseColumn::supplier_id: s.bind(index, c.supplier_id); return;
      case CaseColumn::purchased_elsewhere: s.bind(index, c.purchased_elsewhere ? 1 : 0); return;
      case CaseColumn::priority: s.bind(index, priority_name(c.priority)); return;
      case CaseColumn::assignee: s.bind(index, c.assignee); return;
      case CaseColumn::team: s.bind(index, c.team); return;
      case CaseColumn::status: s.bind(index, c.status); return;
      case CaseColumn::expected_completion:
        if (c.expected_completion) s.bind(index, c.expected_completion->to_iso()); else s.bind(index);
        return;
      case CaseColumn::resolution: s.bind(index, resolution_name(c.resolution)); return;
      case CaseColumn::root_cause: s.bind(index, c.root_cause); return;
      case CaseColumn::custom_fields: s.bind(index, c.custom_fields); return;
      case CaseColumn::workflow: s.bind(index, c.workflow); return;
      case CaseColumn::workflow_version: s.bind(index, c.workflow_version); return;
      case CaseColumn::status_since: s.bind(index, c.status_since.micros); return;
      case CaseColumn::decision_locked: s.bind(index, c.decision_locked ? 1 : 0); return;
      case CaseColumn::count: break;
    }
  }

  // kind … custom_fields, the row's columns in the order of insert_case.
  static void bind_case_fields(SQLite::Statement& s, const Case& c, int first) {
    for (std::uint32_t column = 0; column <= static_cast<std::uint32_t>(CaseColumn::custom_fields); ++column) {
      bind_case_column(s, first + static_cast<int>(column), static_cast<CaseColumn>(column), c);
    }
  }

  // The UPDATE of these columns, prepared once per set (commands change a few sets).
  SQLite::Statement& case_update(std::uint32_t columns, bool valuation) {
    const std::uint64_t key = columns | (valuation ? std::uint64_t{1} << 32 : 0);
    auto it = case_updates_.find(key);
    if (it == case_updates_.end()) {
      // Patches of many different field sets must not keep a statement each forever.
      if (case_updates_.size() >= kMaxCaseUpdates) case_updates_.clear();
      it = case_updates_.emplace(key, std::make_unique<SQLite::Statement>(db_, case_update_sql(columns, valuation)))
               .first;
    }
    return *it->second;
  }

  void write_line(std::int64_t case_id, const CaseLine& l) {
    auto s = stmt(
        "INSERT INTO case_lines (case_id, line_no, sku, serial, lot, sales_document, sales_document_line,"
        " reason_code, defect_description, condition, qty_requested, qty_authorized, qty_received, qty_accepted,"
        " replacement_serial, purchase_date, unit_price, currency, vat_rate_bp, dispatch_document, packers,"
        " void_conditions, unused, original_packaging, accessories_complete, warranty, eligibility, flags,"
        " claimed_amount) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s->bind(1, case_id); s->bind(2, l.line_no); s->bind(3, l.sku); s->bind(4, l.serial); s->bind(5, l.lot);
    s->bind(6, l.sales_document.document); s->bind(7, l.sales_document.line); s->bind(8, l.reason_code);
    s->bind(9, l.defect_description); s->bind(10, l.condition); s->bind(11, l.qty_requested);
    s->bind(12, l.qty_authorized); s->bind(13, l.qty_received); s->bind(14, l.qty_accepted);
    s->bind(15, l.replacement_serial);
    if (l.purchase_date) s->bind(16, l.purchase_date->to_iso()); else s->bind(16);
    s->bind(17, l.unit_price); s->bind(18, l.currency); s->bind(19, l.vat_rate_bp);
    s->bind(20, l.dispatch_document); s->bind(21, join_list(l.packers)); s->bind(22, join_list(l.void_conditions));
    bind_optional_bool(*s, 23, l.unused); bind_optional_bool(*s, 24, l.original_packaging);
    bind_optional_bool(*s, 25, l.accessories_complete);
    s->bind(26, l.warranty); s->bind(27, l.eligibility); s->bind(28, join_list(l.flags));
    s->bind(29, l.claimed_amount ? format_money(*l.claimed_amount) : std::string());
    s->exec();
  }

  void load_lines(Case& c) {
    auto s = stmt(
        "SELECT line_no, sku, serial, lot, sales_document, sales_document_line, reason_code, defect_description,"
        " condition, qty_requested, qty_authorized, qty_received, qty_accepted, replacement_serial,"
        " purchase_date, unit_price, currency, vat_rate_bp, dispatch_document, packers, void_conditions, unused,"
        " original_packaging, accessories_complete, warranty, eligibility, flags, claimed_amount"
        " FROM case_lines WHERE case_id = ? ORDER BY line_no");
    s->bind(1, c.id);
    while (s->executeStep()) {
      CaseLine l;
      l.line_no = s->getColumn(0).getInt(); l.sku = s->getColumn(1).getString();
      l.serial = s->getColumn(2).getString(); l.lot = s->getColumn(3).getString();
      l.sales_document.document = s->getColumn(4).getString(); l.sales_document.line = s->getColumn(5).getInt();
      l.reason_code = s->getColumn(6).getString(); l.defect_description = s->getColumn(7).getString();
      l.condition = s->getColumn(8).getString(); l.qty_requested = s->getColumn(9).getInt64();
      l.qty_authorized = s->getColumn(10).getInt64(); l.qty_received = s->getColumn(11).getInt64();
      l.qty_accepted = s->getColumn(12).getInt64(); l.replacement_serial = s->getColumn(13).getString();
      if (!s->getColumn(14).isNull()) l.purchase_date = Date::from_iso(s->getColumn(14).getString());
      l.unit_price = s->getColumn(15).getInt64(); l.currency = s->getColumn(16).getString();
      l.vat_rate_bp = s->getColumn(17).getInt(); l.dispatch_document = s->getColumn(18).getString();
      l.packers = split_list(s->getColumn(19).getString());
      l.void_conditions = split_list(s->getColumn(20).getString());
      l.unused = column_optional_bool(s->getColumn(21));
      l.original_packaging = column_optional_bool(s->getColumn(22));
      l.accessories_complete = column_optional_bool(s->getColumn(23));
      l.warranty = s->getColumn(24).getString(); l.eligibility = s->getColumn(25).getString();
      l.flags = split_list(s->getColumn(26).getString());
      const std::string claimed = s->getColumn(27).getString();
      if (!claimed.empty()) l.claimed_amount = parse_money(claimed, "claimed_amount");
      c.lines.push_back(std::move(l));
    }
  }

  void load_notes(Case& c) {
    auto s = stmt("SELECT id, channel, author, body, created_at FROM notes WHERE case_id = ? ORDER BY id");
    s->bind(1, c.id);
    while (s->executeStep()) {
      c.notes.push_back(Note{s->getColumn(0).getInt64(),
                             enum_column<Visibility>(s->getColumn(1), visibility_from_name),
                             s->getColumn(2).getString(), s->getColumn(3).getString(), column_time(s->getColumn(4))});
    }
  }

  void load_attachments(Case& c) {
    auto s = stmt(
        "SELECT id, file_name, media_type, size_bytes, sha256, uri, visibility, added_by, created_at"
        " FROM attachments WHERE case_id = ? ORDER BY id");
    s->bind(1, c.id);
    while (s->executeStep()) {
      Attachment a;
      a.id = s->getColumn(0).getInt64(); a.file_name = s->getColumn(1).getString();
      a.media_type = s->getColumn(2).getString(); a.size_bytes = s->getColumn(3).getInt64();
      a.sha256 = s->getColumn(4).getString(); a.uri = s->getColumn(5).getString();
      a.visibility = enum_column<Visibility>(s->getColumn(6), visibility_from_name);
      a.added_by = s->getColumn(7).getString(); a.created_at = column_time(s->getColumn(8));
      c.attachments.push_back(std::move(a));
    }
  }

  void load_actions(Case& c) {
    auto s = stmt(
        "SELECT id, title, assignee, due_at, done_at, done_by, created_by, created_at FROM actions"
        " WHERE case_id = ? ORDER BY id");
    s->bind(1, c.id);
    while (s->executeStep()) {
      Action a;
      a.id = s->getColumn(0).getInt64(); a.title = s->getColumn(1).getString();
      a.assignee = s->getColumn(2).getString(); a.due_at = column_optional_time(s->getColumn(3));
      a.done_at = column_optional_time(s->getColumn(4)); a.done_by = s->getColumn(5).getString();
      a.created_by = s->getColumn(6).getString(); a.created_at = column_time(s->getColumn(7));
      c.actions.push_back(std::move(a));
    }
  }

  void load_repairs(Case& c) {
    auto s = stmt(
        "SELECT id, line_no, code, description, labour_class, minutes, parts, paid, status, created_by, created_at,"
        " updated_by, updated_at FROM repair_operations WHERE case_id = ? ORDER BY id");
    s->bind(1, c.id);
    while (s->executeStep()) {
      RepairOperation r;
      r.id = s->getColumn(0).getInt64(); r.line_no = s->getColumn(1).getInt();
      r.code = s->getColumn(2).getString(); r.description = s->getColumn(3).getString();
      r.labour_class = s->getColumn(4).getString(); r.minutes = s->getColumn(5).getInt();
      r.parts = parts_from(s->getColumn(6).getString()); r.paid = s->getColumn(7).getInt() != 0;
      r.status = enum_column<RepairStatus>(s->getColumn(8), repair_status_from_name);
      r.created_by = s->getColumn(9).getString(); r.created_at = column_time(s->getColumn(10));
      r.updated_by = s->getColumn(11).getString(); r.updated_at = column_time(s->getColumn(12));
      c.repairs.push_back(std::move(r));
    }
  }

  std::string path_;
  SQLite::Database db_;
  Statements statements_{db_};
  static constexpr std::size_t kMaxCaseUpdates = 64;
  std::unordered_map<std::uint64_t, std::unique_ptr<SQLite::Statement>> case_updates_;
  SqliteCaseQueries queries_;
  SqliteUnitLookups units_{db_};
  SqliteSlaDue sla_due_{db_};
  SqliteReportReads reports_{db_};
  SqliteChain chain_;
  std::int64_t data_version_ = 0;
  std::optional<std::int64_t> version_at_begin_;  // the data version read by begin()
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path, const Options& options) {
  try {
    return std::make_unique<SqliteStore>(path, options);
  } catch (const SQLite::Exception& e) {
    const bool busy = e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
    throw Error(Status::storage, "path", "cannot open database '" + path + "': " + e.what(), busy ? "busy" : "");
  }
}

}  // namespace rma::store
