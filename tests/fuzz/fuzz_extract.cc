// Fuzz target: the extractor, with the real lexicon (KHABAR_DATA_DIR, else the source tree). The input
// is decoded as an article text; half the inputs also get a publication date so relative dates are
// resolved. Checked: mentions sorted by begin, disjoint, 0 <= begin < end <= size, Mention::text equal
// to the span it claims, an entity and a rule on each; roles point at a mention; event triggers and
// figures inside the text and equal to their spans; resolved dates valid.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "khabar/extract/document.h"
#include "khabar/extract/extractor.h"
#include "khabar/ontology/lexicon.h"

namespace ex = khabar::extract;
using khabar::fuzz::Show;

namespace {

const ex::Extractor* g_extractor = nullptr;

std::string Span(const std::u32string& text, std::uint32_t begin, std::uint32_t end) {
  return ex::EncodeUtf8(std::u32string_view(text).substr(begin, end - begin));
}

void CheckSpan(const std::u32string& text, std::uint32_t begin, std::uint32_t end, const std::string& claimed,
               const char* what) {
  auto where = [&] {
    return std::string(what) + " [" + std::to_string(begin) + "," + std::to_string(end) + ") '" + claimed + "' in " +
           Show(ex::EncodeUtf8(text));
  };
  KHABAR_FUZZ_CHECK(begin < end && end <= text.size(), "span out of range: " + where());
  KHABAR_FUZZ_CHECK(Span(text, begin, end) == claimed, "text differs from its span: " + where());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::filesystem::path data = KHABAR_SOURCE_DIR;
  if (const char* env = std::getenv("KHABAR_DATA_DIR"); env && *env) data = env;
  static khabar::ontology::Lexicon lexicon;
  if (khabar::Status s = khabar::ontology::Lexicon::LoadDirectory(data / "ontology" / "lexicon", &lexicon); !s.ok()) {
    std::fprintf(stderr, "fuzz_extract: lexicon: %s\n", s.ToString().c_str());
    std::exit(1);
  }
  static std::unique_ptr<ex::Extractor> extractor;
  if (khabar::Status s = ex::Extractor::Create(lexicon, &extractor); !s.ok()) {
    std::fprintf(stderr, "fuzz_extract: %s\n", s.ToString().c_str());
    std::exit(1);
  }
  g_extractor = extractor.get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ex::Document doc;
  doc.path = doc.file_name = doc.id = "fuzz.txt";
  doc.text = ex::DecodeUtf8(std::string_view(reinterpret_cast<const char*>(data), size), nullptr);
  if (size > 0 && (data[0] & 1)) doc.published = ex::Date{2023, 9, 20};
  const std::u32string text = doc.text;
  ex::ArticleResult r = g_extractor->Extract(std::move(doc));
  KHABAR_FUZZ_CHECK(r.document.text == text, "the extractor changed the article text");

  std::uint32_t prev_end = 0;
  for (const ex::Mention& m : r.mentions) {
    CheckSpan(text, m.begin, m.end, m.text, "mention");
    KHABAR_FUZZ_CHECK(prev_end <= m.begin,
                      "mentions overlap or are out of order at '" + m.text + "' in " + Show(ex::EncodeUtf8(text)));
    prev_end = m.end;
    KHABAR_FUZZ_CHECK(!m.entity.empty() && !m.rule.empty(), "mention without entity or rule: '" + m.text + "'");
  }
  for (const ex::Role& role : r.roles) {
    KHABAR_FUZZ_CHECK(role.person < r.mentions.size(), "role points past the mentions");
  }
  std::uint32_t prev_begin = 0;
  for (const ex::Event& e : r.events) {
    CheckSpan(text, e.begin, e.end, e.trigger_text, "event trigger");
    KHABAR_FUZZ_CHECK(prev_begin <= e.begin, "events not sorted by trigger");
    prev_begin = e.begin;
    if (e.date) KHABAR_FUZZ_CHECK(e.date->Valid(), "invalid event date");
    if (e.date_to) KHABAR_FUZZ_CHECK(e.date_to->Valid(), "invalid event end date");
    for (const ex::Figure& f : e.figures) CheckSpan(text, f.begin, f.end, f.text, "figure");
  }
  return 0;
}
