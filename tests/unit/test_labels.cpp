// Return labels: every barcode decodes back to its exact payload with independent decoders
// (zbarimg for QR, dmtxread for DataMatrix, Ghostscript to rasterise the PDF), the texts' limits
// at their boundaries, and who may print what.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

#include "domain/label_content.hpp"
#include "domain/label_texts.hpp"
#include "engine/label_render.hpp"
#include "engine_fixture.hpp"
#include "rma/label.hpp"

using rma::LabelFormat;
using rma::LabelPage;
using rma::LabelRequest;
using rma::LabelSymbology;
using rma::Status;
using rma_test::EngineFixture;
using rma_test::field_of;
using rma_test::status_of;

namespace {

std::string temp_path(const std::string& suffix) {
  static int counter = 0;
  return "/tmp/rma-label-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + suffix;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// What `command` prints on stdout, with trailing newlines removed.
std::string output_of(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// The barcode a PNG holds, read by a decoder that shares no code with libzint.
std::string decoded_png(const std::string& png, LabelSymbology symbology) {
  const std::string path = temp_path(".png");
  write_file(path, png);
  const std::string text = symbology == LabelSymbology::qr ? output_of("zbarimg --raw -q " + path + " 2>/dev/null")
                                                           : output_of("dmtxread -N1 " + path + " 2>/dev/null");
  std::remove(path.c_str());
  return text;
}

// The PDF rasterised by Ghostscript at 300 dpi, then decoded.
std::string decoded_pdf(const std::string& pdf, LabelSymbology symbology) {
  const std::string in = temp_path(".pdf");
  const std::string out = temp_path(".png");
  write_file(in, pdf);
  output_of("gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pnggray -r300 -sOutputFile=" + out + " " + in);
  std::string png;
  {
    std::ifstream f(out, std::ios::binary);
    png.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  }
  std::remove(in.c_str());
  std::remove(out.c_str());
  return decoded_png(png, symbology);
}

rma::Options label_options() {
  rma::Options o = rma_test::test_options();
  o.labels.return_name = "Magazzino Resi Calypso";
  o.labels.return_address.line1 = "Via dell'Industria 12";
  o.labels.return_address.postal_code = "20121";
  o.labels.return_address.city = "Milano";
  o.labels.return_address.country = "IT";
  return o;
}

struct LabelFixture : EngineFixture {
  rma::Case c;
  LabelFixture() : EngineFixture(":memory:", label_options()) {
    rma::Customer customer = engine.get_customer(op, "C1");
    rma::Address home;
    home.kind = "shipping";
    home.line1 = "ul. Świętokrzyska 5";
    home.postal_code = "00-001";
    home.city = "Łódź";
    home.country = "PL";
    customer.addresses = {home};
    customer.language = "pl";
    engine.upsert_customer(op, customer);
    c = engine.create_case(op, two_line_draft());
  }
  LabelRequest request(LabelFormat format, LabelSymbology symbology = LabelSymbology::qr) const {
    LabelRequest r;
    r.case_id = c.id;
    r.format = format;
    r.symbology = symbology;
    return r;
  }
};

rma::Case case_with_lines(std::size_t n) {
  rma::Case c;
  c.number = "RMA-2026-000042-K";
  for (std::size_t i = 0; i < n; ++i) {
    rma::CaseLine line;
    line.line_no = static_cast<std::int32_t>(i + 1);
    line.sku = "SKU-" + std::to_string(i + 1);
    line.qty_requested = 2;
    c.lines.push_back(line);
  }
  return c;
}

}  // namespace

TEST_CASE("labels: the QR of a PNG label decodes to the RMA number with its check character") {
  LabelFixture f;
  const rma::RenderedLabel label = f.engine.render_label(f.op, f.request(LabelFormat::png));
  CHECK(label.payload == f.c.number);
  CHECK(label.media_type == "image/png");
  CHECK(label.content.compare(1, 3, "PNG") == 0);
  CHECK(decoded_png(label.content, LabelSymbology::qr) == f.c.number);
}

TEST_CASE("labels: the DataMatrix of a PNG label decodes to the same payload") {
  LabelFixture f;
  const rma::RenderedLabel label = f.engine.render_label(f.op, f.request(LabelFormat::png, LabelSymbology::datamatrix));
  CHECK(decoded_png(label.content, LabelSymbology::datamatrix) == f.c.number);
}

TEST_CASE("labels: a line's label encodes <number>/<line_no> and lists that line only") {
  LabelFixture f;
  LabelRequest r = f.request(LabelFormat::png);
  r.line_no = 2;
  const rma::RenderedLabel label = f.engine.render_label(f.op, r);
  CHECK(label.payload == f.c.number + "/2");
  CHECK(decoded_png(label.content, LabelSymbology::qr) == f.c.number + "/2");
  r.symbology = LabelSymbology::datamatrix;
  CHECK(decoded_png(f.engine.render_label(f.op, r).content, LabelSymbology::datamatrix) == f.c.number + "/2");
  r.line_no = 3;
  CHECK(status_of([&] { f.engine.render_label(f.op, r); }) == Status::not_found);
  CHECK(field_of([&] { f.engine.render_label(f.op, r); }) == "line_no");
}

TEST_CASE("labels: PDF labels and A4 sheets decode after rasterising, in both symbologies") {
  LabelFixture f;
  for (const LabelSymbology s : {LabelSymbology::qr, LabelSymbology::datamatrix}) {
    for (const LabelPage page : {LabelPage::label, LabelPage::a4}) {
      CAPTURE(rma::label_symbology_name(s));
      CAPTURE(rma::label_page_name(page));
      LabelRequest r = f.request(LabelFormat::pdf, s);
      r.page = page;
      const rma::RenderedLabel label = f.engine.render_label(f.op, r);
      CHECK(label.content.compare(0, 5, "%PDF-") == 0);
      CHECK(decoded_pdf(label.content, s) == f.c.number);
    }
  }
}

TEST_CASE("labels: A4 PNG keeps the barcode on the dot grid and decodes") {
  LabelFixture f;
  LabelRequest r = f.request(LabelFormat::png, LabelSymbology::datamatrix);
  r.page = LabelPage::a4;
  r.dpi = 150;
  CHECK(decoded_png(f.engine.render_label(f.op, r).content, LabelSymbology::datamatrix) == f.c.number);
  r.symbology = LabelSymbology::qr;
  CHECK(decoded_png(f.engine.render_label(f.op, r).content, LabelSymbology::qr) == f.c.number);
}

TEST_CASE("labels: SVG is sized in millimetres' points and carries the drawn modules") {
  LabelFixture f;
  const rma::RenderedLabel label = f.engine.render_label(f.op, f.request(LabelFormat::svg));
  CHECK(label.media_type == "image/svg+xml");
  CHECK(label.content.find("<svg") != std::string::npos);
  CHECK(label.content.find("width=\"283.46") != std::string::npos);  // 100 mm
  CHECK(label.content.find("height=\"425.19") != std::string::npos);  // 150 mm
}

TEST_CASE("labels: ZPL draws QR with ^BQ and DataMatrix with ^BX over the exact payload") {
  LabelFixture f;
  const std::string qr = f.engine.render_label(f.op, f.request(LabelFormat::zpl)).content;
  CHECK(qr.compare(0, 3, "^XA") == 0);
  CHECK(qr.find("^CI28") != std::string::npos);
  CHECK(qr.find("^PW799") != std::string::npos);  // 100 mm at 203 dpi
  CHECK(qr.find("^BQN,2,") != std::string::npos);
  CHECK(qr.find("^FDQA," + f.c.number + "^FS") != std::string::npos);
  CHECK(qr.find("\u0141\u00f3d\u017a") != std::string::npos);  // Łódź, as UTF-8 under ^CI28
  const std::string dm = f.engine.render_label(f.op, f.request(LabelFormat::zpl, LabelSymbology::datamatrix)).content;
  CHECK(dm.find("^BXN,") != std::string::npos);
  CHECK(dm.find(",200^FD" + f.c.number + "^FS") != std::string::npos);
  LabelRequest a4 = f.request(LabelFormat::zpl);
  a4.page = LabelPage::a4;
  CHECK(status_of([&] { f.engine.render_label(f.op, a4); }) == Status::invalid_argument);
  CHECK(field_of([&] { f.engine.render_label(f.op, a4); }) == "page");
}

TEST_CASE("labels: ZPL escapes ^, ~ and _ in texts through ^FH") {
  rma::domain::LabelContent content;
  content.number = "RMA-2026-000042-K";
  content.payload = content.number;
  content.return_lines = {"A^B~C_D"};
  LabelRequest r;
  r.format = LabelFormat::zpl;
  const std::string zpl = rma::render_label_file(content, r);
  CHECK(zpl.find("A_5EB_7EC_5FD") != std::string::npos);
  CHECK(zpl.find("A^B") == std::string::npos);
}

TEST_CASE("labels: dpi is 100..600") {
  LabelFixture f;
  LabelRequest r = f.request(LabelFormat::zpl);
  for (const std::int32_t dpi : {99, 601}) {
    r.dpi = dpi;
    CHECK(status_of([&] { f.engine.render_label(f.op, r); }) == Status::out_of_range);
    CHECK(field_of([&] { f.engine.render_label(f.op, r); }) == "dpi");
  }
  for (const std::int32_t dpi : {100, 600}) {
    r.dpi = dpi;
    CHECK(status_of([&] { f.engine.render_label(f.op, r); }) == Status::ok);
  }
  r.format = LabelFormat::png;
  r.dpi = 100;
  CHECK(decoded_png(f.engine.render_label(f.op, r).content, LabelSymbology::qr) == f.c.number);
}

TEST_CASE("labels: a case label lists 8 lines, then how many more") {
  const rma::domain::LabelTexts texts = rma::domain::label_texts("en");
  const rma::LabelOptions options;
  const auto eight = rma::domain::label_content(case_with_lines(8), nullptr, options, std::nullopt, texts);
  CHECK(eight.items.size() == 8);
  CHECK(eight.items.back() == "SKU-8 \u00d7 2");
  const auto nine = rma::domain::label_content(case_with_lines(9), nullptr, options, std::nullopt, texts);
  REQUIRE(nine.items.size() == 9);
  CHECK(nine.items[7] == "SKU-8 \u00d7 2");
  CHECK(nine.items[8] == "+1 more line");
}

TEST_CASE("labels: a printed text holds 80 characters, counted as characters, not bytes") {
  const rma::domain::LabelTexts texts = rma::domain::label_texts("en");
  rma::LabelOptions options;
  std::string eighty;
  for (int i = 0; i < 80; ++i) eighty += "\u0142";  // ł: two bytes each
  options.return_address.line1 = eighty;
  CHECK_NOTHROW(rma::domain::check_label_options(options));
  options.return_address.line1 = eighty + "x";
  CHECK(status_of([&] { rma::domain::check_label_options(options); }) == Status::too_large);
  CHECK(field_of([&] { rma::domain::check_label_options(options); }) == "labels.return_address.line1");

  rma::Case c = case_with_lines(1);
  c.lines[0].sku = std::string(80, 'S');
  CHECK_NOTHROW(rma::domain::label_content(c, nullptr, rma::LabelOptions(), std::nullopt, texts));
  c.lines[0].sku = std::string(81, 'S');
  CHECK(field_of([&] { rma::domain::label_content(c, nullptr, rma::LabelOptions(), std::nullopt, texts); }) ==
        "lines[0].sku");

  rma::Customer sender;
  sender.name = "Rossi";
  rma::Address a;
  a.city = std::string(81, 'c');
  sender.addresses = {a};
  CHECK(field_of([&] { rma::domain::label_content(case_with_lines(1), &sender, rma::LabelOptions(), std::nullopt, texts); }) ==
        "customer.addresses[0].city");
}

TEST_CASE("labels: the return address must be valid UTF-8, checked when the engine opens") {
  rma::Options o = label_options();
  o.labels.return_address.city = "Mil\xC3\x28no";
  try {
    rma::Engine::open(":memory:", o);
    FAIL("opened");
  } catch (const rma::Error& e) {
    CHECK(e.status() == Status::invalid_utf8);
    CHECK(e.field() == "labels.return_address.city");
  }
}

TEST_CASE("labels: staff and the case's customer may print it; others may not, and learn nothing") {
  LabelFixture f;
  CHECK(f.engine.render_label(f.customer, f.request(LabelFormat::zpl)).payload == f.c.number);
  const rma::Actor other{rma::Role::customer, "C2"};
  CHECK(status_of([&] { f.engine.render_label(other, f.request(LabelFormat::zpl)); }) == Status::not_found);
  f.add_suppliers();
  const rma::Actor supplier{rma::Role::supplier, "S1"};
  CHECK(status_of([&] { f.engine.render_label(supplier, f.request(LabelFormat::zpl)); }) ==
        Status::permission_denied);
  LabelRequest missing = f.request(LabelFormat::zpl);
  missing.case_id = 999999;
  CHECK(status_of([&] { f.engine.render_label(f.op, missing); }) == Status::not_found);
}

TEST_CASE("labels: texts in the customer's language, or the one asked for, from the catalogs") {
  LabelFixture f;
  const rma::RenderedLabel polish = f.engine.render_label(f.customer, f.request(LabelFormat::zpl));
  CHECK(polish.language == "pl");
  CHECK(polish.content.find("Zwrot do") != std::string::npos);
  LabelRequest r = f.request(LabelFormat::zpl);
  r.language = "de-AT";
  const rma::RenderedLabel german = f.engine.render_label(f.customer, r);
  CHECK(german.language == "de");
  CHECK(german.content.find("R\u00fccksendung an") != std::string::npos);
  r.language = "german";
  CHECK(status_of([&] { f.engine.render_label(f.customer, r); }) == Status::unknown_value);
  CHECK(field_of([&] { f.engine.render_label(f.customer, r); }) == "language");
  // Polish plural forms: 2 to 4 "few", 5 and more "many".
  const auto pl = rma::domain::label_texts("pl");
  CHECK(pl.more_lines(1) == "+1 pozycja wi\u0119cej");
  CHECK(pl.more_lines(3) == "+3 pozycje wi\u0119cej");
  CHECK(pl.more_lines(5) == "+5 pozycji wi\u0119cej");
}

TEST_CASE("labels: the label shows the sender and the configured return address") {
  LabelFixture f;
  const std::string zpl = f.engine.render_label(f.customer, f.request(LabelFormat::zpl)).content;
  CHECK(zpl.find("Magazzino Resi Calypso") != std::string::npos);
  CHECK(zpl.find("20121 Milano") != std::string::npos);
  CHECK(zpl.find("Rossi S.r.l.") != std::string::npos);
  CHECK(zpl.find("PHONE-1 \u00d7 1") != std::string::npos);
}
