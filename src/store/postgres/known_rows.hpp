// store/postgres/known_rows.hpp — what the PostgreSQL store knows of its schema without asking,
// as long as no other connection commits.
//
// Every writer holds the schema's writer lock and counts its commit in the `commits` row, which
// begin() reads under the lock. While that count is the one this store left at its own last
// commit, nothing changed but what this store wrote itself, so values it read or wrote before
// still hold: the largest ids and sequence numbers, the hash chain's head, RMA number counters,
// customers, sales documents, a case's history and its listed SLA due times. Answering from them saves a command its look-ups, and
// knowing the next id lets an insert go out without waiting for RETURNING (Connection::send).
//
// The store forgets everything when the count moved (another engine committed), when a command
// rolls back (it may have written what is now undone) and after a lost connection; it uses what
// it knows only inside a transaction, where the writer lock was taken after the count was read.
// It is the same rule by which the engine keeps its case cache exact (Store::changed_by_others).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rma/event.hpp"
#include "rma/party.hpp"
#include "rma/sales.hpp"
#include "store/audit_chain.hpp"

namespace rma::store::pg {

struct KnownRows {
  // The largest id or sequence number of a table ("events", "cases", "notes", "outbox").
  std::unordered_map<std::string, std::int64_t> last_id;
  // The last event's seq and hash and the last checkpoint's seq (store/audit_chain.hpp).
  ChainHead chain;
  // number_sequences: year -> last number handed out.
  std::unordered_map<std::int32_t, std::int64_t> last_number;
  // Customers and sales documents (with every line) by id; nullopt: there is none.
  std::unordered_map<std::string, std::optional<Customer>> customers;
  std::unordered_map<std::string, std::optional<SalesDocument>> sales_documents;
  // A case's whole history (as case_events returns it), and the due times its row lists.
  std::unordered_map<std::int64_t, std::vector<Event>> events;
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> sla_due;

  void forget() {
    last_id.clear();
    chain.forget();
    last_number.clear();
    customers.clear();
    sales_documents.clear();
    events.clear();
    sla_due.clear();
  }

  // Keeps the per-case and per-customer maps to a bounded size: past it, they start again empty
  // (what is not known is read, as without them).
  void bound() {
    constexpr std::size_t kMaxEntries = 4096;
    constexpr std::size_t kMaxHistories = 256;  // a history holds its events' payloads
    if (customers.size() > kMaxEntries) customers.clear();
    if (sales_documents.size() > kMaxHistories) sales_documents.clear();
    if (events.size() > kMaxHistories) events.clear();
    if (sla_due.size() > kMaxEntries) sla_due.clear();
  }
};

}  // namespace rma::store::pg
