// language.cpp — formatting for a language that needs no engine (rma_format_money).
#include "guard.hpp"
#include "json/utf8.hpp"
#include "rma/language.hpp"

extern "C" {

rma_status rma_format_money(const char* lang, int64_t minor, const char* currency, char** out_text) {
  if (out_text != nullptr) *out_text = nullptr;
  return rma::capi::guard([&] {
    rma::capi::require(lang, "lang");
    rma::capi::require(currency, "currency");
    rma::capi::require(out_text, "out_text");
    if (!rma::detail::is_valid_utf8(lang)) throw rma::Error(rma::Status::invalid_utf8, "lang", "is not valid UTF-8");
    const std::string tag = rma::canonical_language(lang, "lang");
    rma::capi::copy_to_caller(rma::format_money(tag, rma::make_money(minor, currency, "currency")), out_text);
  });
}

}  // extern "C"
