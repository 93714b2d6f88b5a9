// Fuzz target: the Turtle / N-Triples escaping of export/writer.h, checked by an independent parser
// (serd). For any valid UTF-8 input (the writer only ever receives valid UTF-8: invalid inputs are
// skipped), the statement
//     <http://example.org/s> <http://example.org/p> "EscapeLiteral(input)" .
// must parse, as Turtle and as N-Triples, to a literal whose value is exactly the input; and
//     <http://example.org/s> <http://example.org/p> <http://example.org/EscapeIri(input)> .
// must parse to that IRI, which equals the input when the input had nothing to escape.
#include <serd/serd.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "khabar/export/writer.h"
#include "khabar/extract/document.h"

using khabar::fuzz::Show;

namespace {

struct Parsed {
  int statements = 0;
  std::string object;
  SerdType object_type = SERD_NOTHING;
  std::string errors;
};

SerdStatus OnStatement(void* handle, SerdStatementFlags, const SerdNode*, const SerdNode*, const SerdNode*,
                       const SerdNode* object, const SerdNode*, const SerdNode*) {
  auto* p = static_cast<Parsed*>(handle);
  ++p->statements;
  p->object.assign(reinterpret_cast<const char*>(object->buf), object->n_bytes);
  p->object_type = object->type;
  return SERD_SUCCESS;
}

SerdStatus OnError(void* handle, const SerdError* e) {
  auto* p = static_cast<Parsed*>(handle);
  char buf[512];
  std::vsnprintf(buf, sizeof buf, e->fmt, *e->args);
  p->errors += buf;
  return SERD_SUCCESS;
}

Parsed Parse(SerdSyntax syntax, const std::string& doc) {
  Parsed p;
  SerdReader* reader = serd_reader_new(syntax, &p, nullptr, nullptr, nullptr, OnStatement, nullptr);
  serd_reader_set_error_sink(reader, OnError, &p);
  SerdStatus st = serd_reader_read_string(reader, reinterpret_cast<const std::uint8_t*>(doc.c_str()));
  serd_reader_free(reader);
  if (st != SERD_SUCCESS && p.errors.empty()) p.errors = reinterpret_cast<const char*>(serd_strerror(st));
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::size_t> bad;
  (void)khabar::extract::DecodeUtf8(in, &bad);
  if (!bad.empty()) return 0;  // the writer's terms are valid UTF-8 (they come from decoded text)

  const std::string s = "<http://example.org/s> <http://example.org/p> ";
  std::string lit = khabar::exporter::EscapeLiteral(in);
  KHABAR_FUZZ_CHECK(lit.find('\n') == std::string::npos && lit.find('\r') == std::string::npos,
                    "a raw line break in a short literal: " + Show(lit));
  for (SerdSyntax syntax : {SERD_TURTLE, SERD_NTRIPLES}) {
    Parsed p = Parse(syntax, s + "\"" + lit + "\" .\n");
    auto where = [&] { return Show(in) + "\n  escaped: " + Show(lit) + "\n  serd: " + p.errors; };
    KHABAR_FUZZ_CHECK(p.errors.empty() && p.statements == 1, "escaped literal rejected: " + where());
    KHABAR_FUZZ_CHECK(p.object_type == SERD_LITERAL && p.object == in,
                      "literal value differs: " + where() + "\n  parsed: " + Show(p.object));
  }

  std::string iri = khabar::exporter::EscapeIri(in);
  Parsed p = Parse(SERD_TURTLE, s + "<http://example.org/" + iri + "> .\n");
  auto where = [&] { return Show(in) + "\n  escaped: " + Show(iri) + "\n  serd: " + p.errors; };
  KHABAR_FUZZ_CHECK(p.errors.empty() && p.statements == 1, "escaped IRI rejected: " + where());
  KHABAR_FUZZ_CHECK(p.object == "http://example.org/" + iri, "IRI changed by parsing: " + where());
  bool plain = std::none_of(in.begin(), in.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || std::string_view("<>\"{}|^`\\").find(ch) != std::string_view::npos;
  });
  if (plain) KHABAR_FUZZ_CHECK(iri == in, "an IRI with nothing to escape was changed: " + where());
  return 0;
}
