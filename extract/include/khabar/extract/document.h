// Articles as read from disk, and the corpus manifest.
//
// A Document's text is a sequence of Unicode code points: every offset Khabar writes (nif:beginIndex,
// nif:endIndex) indexes it. For a .txt file it is the whole file as decoded (newlines included, a
// leading BOM not counted); for NITF XML it is the headline and the body paragraphs, one per line, in
// document order (docs/input.md).
//
// Thread safety: values; the readers are reentrant and may run on several threads at once.
#ifndef KHABAR_EXTRACT_DOCUMENT_H_
#define KHABAR_EXTRACT_DOCUMENT_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "khabar/ontology/status.h"

namespace khabar::extract {

struct Date {
  int year = 0, month = 0, day = 0;
  // "YYYY-MM-DD".
  std::string ToString() const;
  // Parses "YYYY-MM-DD", "YYYYMMDD" and "YYYYMMDDT…" (NITF's norm attribute); nullopt otherwise.
  static std::optional<Date> Parse(std::string_view s);
  bool Valid() const;
  // Days since 1970-01-01 (proleptic Gregorian), and back.
  long DaysSinceEpoch() const;
  static Date FromDays(long days);
  int Weekday() const;  // 0 = Sunday … 6 = Saturday
  friend bool operator==(const Date&, const Date&) = default;
};

// A problem found in one input, reported and then lived with (the run goes on).
struct Diagnostic {
  enum class Severity { kNote, kWarning, kError };
  Severity severity = Severity::kWarning;
  std::string file;        // path as given
  std::size_t line = 0;    // 1-based, 0 when unknown
  std::size_t column = 0;  // 1-based, in code points, 0 when unknown
  std::string message;
  // "file:line:column: warning: message".
  std::string ToString() const;
};

struct Document {
  std::string path;                     // as given on the command line (joined with the directory walked)
  std::string file_name;                // base name: the article's kh:sourceFile
  std::string id;                       // stable article id: path relative to the input root, '/'-separated
  std::u32string text;                  // the article text, code points
  std::string outlet;                   // from the manifest or NITF, may be empty
  std::optional<Date> published;        // from the manifest or NITF; never guessed
  std::vector<Diagnostic> diagnostics;  // recoverable problems met while reading
};

// Publication metadata for articles, read from a corpus manifest (the format of
// corpus/karabakh-2023/manifest.xml: <corpus><article file="…" outlet="…" published="YYYY-MM-DD"/>).
class Manifest {
 public:
  struct Entry {
    std::string outlet;
    std::optional<Date> published;
  };
  // Loads a manifest; file paths inside are relative to the manifest's directory. A date that is not
  // exactly YYYY-MM-DD of a real day, and an article listed twice (the last entry wins), are warnings
  // (diagnostics()), not errors. An entry whose file does not exist still applies, by base name, to an
  // article elsewhere with that name when no other entry has it (Lookup).
  [[nodiscard]] static Status Load(const std::filesystem::path& file, Manifest* out);
  // The entry for an article path, matched by canonical path, else by base name when only one entry
  // has that base name; nullptr when none.
  const Entry* Lookup(const std::filesystem::path& article) const;
  std::size_t size() const { return by_path_.size(); }
  // Problems met while loading that did not stop it (an outlet that is not valid UTF-8, replaced).
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::unordered_map<std::string, Entry> by_path_;
  // Base name -> how many entries have it, and the entry of the first one.
  std::unordered_map<std::string, std::pair<std::size_t, const Entry*>> by_name_;
};

// The size limit of an article's text by default (issue 14): 4 MiB of UTF-8.
inline constexpr std::size_t kDefaultMaxArticleBytes = std::size_t{4} << 20;

struct ReadOptions {
  // An article whose text is longer (in bytes of UTF-8) is cut by LimitArticleSize; 0: no limit.
  std::size_t max_article_bytes = kDefaultMaxArticleBytes;
};

// Reads one article (.txt as UTF-8, UTF-8 with BOM or UTF-16 with BOM; .xml as NITF). Invalid UTF-8
// sequences are replaced by U+FFFD and reported as a warning with their position (in the text, and in
// the file name, id and outlet, which the graph writes too); a file that is not
// text at all (NUL bytes), empty, unreadable or malformed XML gives an error status naming the reason,
// and the caller skips it. `id` becomes Document::id. A text over options.max_article_bytes is cut
// (LimitArticleSize), with a warning.
[[nodiscard]] Status ReadArticle(const std::filesystem::path& path, std::string_view id, const Manifest* manifest,
                                 Document* out, const ReadOptions& options);
// The same with the default options (a limit of kDefaultMaxArticleBytes).
[[nodiscard]] Status ReadArticle(const std::filesystem::path& path, std::string_view id, const Manifest* manifest,
                                 Document* out);

// If doc->text is longer than `max_bytes` bytes of UTF-8 (0: no limit), cuts it after the last line break
// or sentence end (. ! ? ؟) that keeps it within the limit (failing one, after the last space; failing that,
// at the limit), and adds a warning to doc->diagnostics naming the file, its size and the limit. Offsets
// into the text kept are unchanged. Returns whether it cut.
bool LimitArticleSize(Document* doc, std::size_t max_bytes = kDefaultMaxArticleBytes);

// Decodes UTF-8 bytes (after a BOM check) to code points; invalid sequences become U+FFFD (one per
// maximal invalid subpart, as Unicode recommends) and their byte offsets are appended to `bad`.
std::u32string DecodeUtf8(std::string_view bytes, std::vector<std::size_t>* bad);
std::string EncodeUtf8(std::u32string_view text);
void AppendUtf8(char32_t c, std::string* out);

}  // namespace khabar::extract

#endif  // KHABAR_EXTRACT_DOCUMENT_H_
