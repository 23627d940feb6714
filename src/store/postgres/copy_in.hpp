// store/postgres/copy_in.hpp — rows streamed into one table with COPY … FROM STDIN (text format):
// the rows go to the server in 256 KB messages, with no round trip per row, which is what makes a
// whole database cheap to move (store/postgres/copy_from_sqlite.hpp).
//
// Values are written in the order of the column list the COPY statement named. A failure (a value
// the column refuses, a broken connection) is thrown as PgFailure when the server says so: at the
// latest by finish(). Destroyed before finish(), the COPY is cancelled and the connection stays
// usable for the ROLLBACK that follows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/postgres/connection.hpp"

namespace rma::store::pg {

class CopyIn {
 public:
  CopyIn(Connection& db, const std::string& copy_statement);
  CopyIn(const CopyIn&) = delete;
  CopyIn& operator=(const CopyIn&) = delete;
  ~CopyIn();

  void null();
  void integer(std::int64_t v);
  void text(std::string_view v);
  void bytes(std::string_view v);
  void end_row();
  void finish();

 private:
  void next_field();
  void flush();
  [[noreturn]] void fail(const std::string& what);

  Connection& db_;
  std::string buffer_;
  bool row_open_ = false;
  bool done_ = false;
};

}  // namespace rma::store::pg
