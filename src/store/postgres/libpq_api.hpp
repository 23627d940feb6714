// store/postgres/libpq_api.hpp — libpq, loaded when a process first opens a PostgreSQL location.
//
// Why not linked: libpq brings libssl, libcrypto, Kerberos, LDAP and GnuTLS with it, about twenty
// shared libraries that every process linking librma would map and relocate at start. A PHP
// request on an SQLite file paid 5.5 MB of resident memory and 0.7 ms for them (benchmarks/open).
// So librma opens libpq.so.5 (Debian libpq5) with dlopen the first time a server is named; a
// machine without it gets Status::storage naming `path`, and SQLite users never load it.
//
// Every libpq function the backend calls goes through pq(): a direct call fails to link, since
// nothing links libpq itself (the declarations come from libpq-fe.h).
#pragma once

#include <libpq-fe.h>

namespace rma::store::pg {

struct LibPq {
  decltype(&::PQclear) clear;
  decltype(&::PQcmdTuples) cmdTuples;
  decltype(&::PQconnectdb) connectdb;
  decltype(&::PQerrorMessage) errorMessage;
  decltype(&::PQescapeIdentifier) escapeIdentifier;
  decltype(&::PQexec) exec;
  decltype(&::PQexecPrepared) execPrepared;
  decltype(&::PQgetResult) getResult;
  decltype(&::PQenterPipelineMode) enterPipelineMode;
  decltype(&::PQexitPipelineMode) exitPipelineMode;
  decltype(&::PQpipelineSync) pipelineSync;
  decltype(&::PQpipelineStatus) pipelineStatus;
  decltype(&::PQfinish) finish;
  decltype(&::PQfreemem) freemem;
  decltype(&::PQgetisnull) getisnull;
  decltype(&::PQgetlength) getlength;
  decltype(&::PQgetvalue) getvalue;
  decltype(&::PQntuples) ntuples;
  decltype(&::PQprepare) prepare;
  decltype(&::PQputCopyData) putCopyData;
  decltype(&::PQputCopyEnd) putCopyEnd;
  decltype(&::PQresultErrorField) resultErrorField;
  decltype(&::PQresultErrorMessage) resultErrorMessage;
  decltype(&::PQresultStatus) resultStatus;
  decltype(&::PQsendPrepare) sendPrepare;
  decltype(&::PQsendQuery) sendQuery;
  decltype(&::PQsendQueryPrepared) sendQueryPrepared;
  decltype(&::PQstatus) status;
  decltype(&::PQtransactionStatus) transactionStatus;
  decltype(&::PQunescapeBytea) unescapeBytea;
};

// The loaded library (once per process, thread-safe). Throws Error(storage, "path") when
// libpq.so.5 or one of its functions cannot be found.
const LibPq& pq();

}  // namespace rma::store::pg
