#include "store/postgres/libpq_api.hpp"

#include <dlfcn.h>

#include <string>

#include "rma/error.hpp"

namespace rma::store::pg {
namespace {

template <class F>
void resolve(void* library, const char* name, F& slot) {
  void* symbol = dlsym(library, name);
  if (!symbol) {
    throw Error(Status::storage, "path", std::string("the PostgreSQL client library has no ") + name);
  }
  slot = reinterpret_cast<F>(symbol);
}

LibPq load() {
  // The library stays loaded for the life of the process: connections may outlive any one store.
  void* library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char* why = dlerror();
    throw Error(Status::storage, "path",
                std::string("a PostgreSQL location needs the client library libpq.so.5 (Debian: libpq5): ") +
                    (why ? why : "not found"));
  }
  LibPq api{};
  resolve(library, "PQclear", api.clear);
  resolve(library, "PQcmdTuples", api.cmdTuples);
  resolve(library, "PQconnectdb", api.connectdb);
  resolve(library, "PQerrorMessage", api.errorMessage);
  resolve(library, "PQescapeIdentifier", api.escapeIdentifier);
  resolve(library, "PQexec", api.exec);
  resolve(library, "PQexecPrepared", api.execPrepared);
  resolve(library, "PQgetResult", api.getResult);
  resolve(library, "PQenterPipelineMode", api.enterPipelineMode);
  resolve(library, "PQexitPipelineMode", api.exitPipelineMode);
  resolve(library, "PQpipelineSync", api.pipelineSync);
  resolve(library, "PQpipelineStatus", api.pipelineStatus);
  resolve(library, "PQfinish", api.finish);
  resolve(library, "PQfreemem", api.freemem);
  resolve(library, "PQgetisnull", api.getisnull);
  resolve(library, "PQgetlength", api.getlength);
  resolve(library, "PQgetvalue", api.getvalue);
  resolve(library, "PQntuples", api.ntuples);
  resolve(library, "PQprepare", api.prepare);
  resolve(library, "PQputCopyData", api.putCopyData);
  resolve(library, "PQputCopyEnd", api.putCopyEnd);
  resolve(library, "PQresultErrorField", api.resultErrorField);
  resolve(library, "PQresultErrorMessage", api.resultErrorMessage);
  resolve(library, "PQresultStatus", api.resultStatus);
  resolve(library, "PQsendPrepare", api.sendPrepare);
  resolve(library, "PQsendQuery", api.sendQuery);
  resolve(library, "PQsendQueryPrepared", api.sendQueryPrepared);
  resolve(library, "PQstatus", api.status);
  resolve(library, "PQtransactionStatus", api.transactionStatus);
  resolve(library, "PQunescapeBytea", api.unescapeBytea);
  return api;
}

}  // namespace

const LibPq& pq() {
  static const LibPq api = load();  // a failed load throws, and the next call tries again
  return api;
}

}  // namespace rma::store::pg
