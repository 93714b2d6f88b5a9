#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <pugixml.hpp>

#include "document_internal.h"
#include "keys.h"
#include "khabar/extract/document.h"

namespace khabar::extract {
namespace {

constexpr std::size_t kMaxArticleBytes = 256u << 20;  // larger files are refused, not read

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

Status ReadFileBytes(const std::filesystem::path& path, std::string* out) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec) return Status::IoError(path.string() + ": " + ec.message());
  if (std::filesystem::is_directory(status)) return Status::InvalidArgument(path.string() + ": is a directory");
  if (!std::filesystem::is_regular_file(status)) return Status::InvalidArgument(path.string() + ": not a regular file");
  // read(2) into the string itself, sized from fstat: no stdio buffer per article.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(path.string() + ": cannot open for reading: " + std::strerror(errno));
  struct Close {
    int fd;
    ~Close() { ::close(fd); }
  } close_fd{fd};
  struct stat st {};
  std::size_t chunk = 1 << 16;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    chunk = std::min<std::size_t>(static_cast<std::size_t>(st.st_size), kMaxArticleBytes) + 1;
  }
  std::string data;
  std::size_t used = 0;
  bool too_big = false, failed = false;
  for (;;) {
    data.resize(used + chunk);
    ssize_t n = ::read(fd, data.data() + used, chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      failed = n < 0;
      break;
    }
    used += static_cast<std::size_t>(n);
    if (used > kMaxArticleBytes) {
      too_big = true;
      break;
    }
    // The next read (usually the one that returns 0) fits in what is allocated, if anything is left.
    chunk = data.capacity() > used ? data.capacity() - used : std::size_t{1} << 16;
  }
  data.resize(used);
  if (failed) return Status::IoError(path.string() + ": read error");
  if (too_big) return Status::InvalidArgument(path.string() + ": larger than 256 MiB, not an article");
  *out = std::move(data);
  return Status::Ok();
}

std::string Utf16ToUtf8(std::string_view bytes, bool big_endian, std::size_t* bad) {
  std::u32string cps;
  auto unit = [&](std::size_t i) -> char16_t {
    auto b0 = static_cast<unsigned char>(bytes[i]), b1 = static_cast<unsigned char>(bytes[i + 1]);
    return static_cast<char16_t>(big_endian ? (b0 << 8 | b1) : (b1 << 8 | b0));
  };
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char16_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      char16_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        cps.push_back(0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (v - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      ++*bad;
      cps.push_back(0xFFFD);
    } else {
      cps.push_back(u);
    }
  }
  if (bytes.size() % 2 != 0) ++*bad;
  return EncodeUtf8(cps);
}

// An attribute value or a name as written into the graph: valid UTF-8, each invalid sequence replaced
// by U+FFFD (as in the article text), their number added to *bad.
std::string ToValidUtf8(std::string_view s, std::size_t* bad) {
  std::vector<std::size_t> where;
  std::u32string cps = DecodeUtf8(s, &where);
  if (where.empty()) return std::string(s);
  *bad += where.size();
  return EncodeUtf8(cps);
}

// The text below `root`, in document order. A walk along first-child / next-sibling / parent links,
// not recursion: a paragraph of 100,000 nested <b> overflowed the stack (SIGSEGV, the whole run lost).
// pugixml's parser and XPath are iterative too, so markup depth costs time and memory, never stack.
void CollectText(pugi::xml_node root, std::string* out) {
  pugi::xml_node c = root.first_child();
  while (c) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out->append(c.value());
    } else if (c.type() == pugi::node_element && c.first_child()) {
      c = c.first_child();
      continue;
    }
    while (c != root && !c.next_sibling()) c = c.parent();
    if (c == root) break;
    c = c.next_sibling();
  }
}

void AppendBlock(pugi::xml_node node, std::string* out) {
  std::string text;
  CollectText(node, &text);
  // Collapse the XML's own line breaks inside a paragraph to spaces: offsets are into our text.
  std::replace(text.begin(), text.end(), '\n', ' ');
  auto b = text.find_first_not_of(" \t\r");
  if (b == std::string::npos) return;
  auto e = text.find_last_not_of(" \t\r");
  out->append(text, b, e - b + 1);
  out->push_back('\n');
}

Status ParseNitf(const std::string& bytes, const std::string& path, Document* doc, std::string* text) {
  pugi::xml_document xml;
  // parse_default does not expand DTD entities and never reads external ones: XXE and "billion laughs"
  // payloads stay inert text.
  pugi::xml_parse_result r = xml.load_buffer(bytes.data(), bytes.size(), pugi::parse_default);
  if (!r) {
    std::size_t line =
        1 + static_cast<std::size_t>(std::count(
                bytes.begin(),
                bytes.begin() + std::min<std::ptrdiff_t>(r.offset, static_cast<std::ptrdiff_t>(bytes.size())), '\n'));
    return Status::ParseError(path + ":" + std::to_string(line) + ": malformed XML: " + r.description());
  }
  pugi::xml_node nitf = xml.child("nitf");
  if (!nitf) {
    // Not NITF: take the text of every <p> (or, failing that, of the root) so nothing is lost.
    pugi::xml_node root = xml.document_element();
    if (!root) return Status::ParseError(path + ": XML without a root element");
    auto ps = root.select_nodes("//p");
    if (ps.empty()) {
      AppendBlock(root, text);
    } else {
      for (auto& p : ps) AppendBlock(p.node(), text);
    }
    doc->diagnostics.push_back(
        {Diagnostic::Severity::kNote, path, 0, 0,
         "XML is not NITF (root <" + std::string(root.name()) + ">): read the text of its paragraphs"});
    return Status::Ok();
  }
  pugi::xml_node head = nitf.child("head");
  pugi::xml_node body = nitf.child("body");
  if (auto date = head.child("docdata").child("date.issue"); date) {
    doc->published = Date::Parse(date.attribute("norm").value());
  }
  if (auto pub = head.child("pubdata"); pub && pub.attribute("name")) doc->outlet = pub.attribute("name").value();
  if (doc->outlet.empty()) {
    if (auto cr = head.child("docdata").child("doc.copyright"); cr) doc->outlet = cr.attribute("holder").value();
  }
  std::size_t bad = 0;
  doc->outlet = ToValidUtf8(doc->outlet, &bad);
  if (bad > 0) {
    doc->diagnostics.push_back({Diagnostic::Severity::kWarning, path, 0, 0,
                                "the outlet name (pubdata/@name) is not valid UTF-8: " + std::to_string(bad) +
                                    " invalid sequence(s) replaced by U+FFFD"});
  }
  for (pugi::xml_node hl : body.child("body.head").child("hedline").children()) {
    if (hl.type() == pugi::node_element) AppendBlock(hl, text);
  }
  for (auto& p : body.child("body.content").select_nodes(".//p")) AppendBlock(p.node(), text);
  return Status::Ok();
}

}  // namespace

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool Date::Valid() const {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  if (day > kDays[month - 1]) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

std::optional<Date> Date::Parse(std::string_view s) {
  Date d;
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-' && IsDigits(s.substr(0, 4)) && IsDigits(s.substr(5, 2)) &&
      IsDigits(s.substr(8, 2))) {
    d = {ToInt(s.substr(0, 4)), ToInt(s.substr(5, 2)), ToInt(s.substr(8, 2))};
  } else if (s.size() >= 8 && IsDigits(s.substr(0, 8)) && (s.size() == 8 || s[8] == 'T')) {
    d = {ToInt(s.substr(0, 4)), ToInt(s.substr(4, 2)), ToInt(s.substr(6, 2))};
  } else {
    return std::nullopt;
  }
  if (!d.Valid()) return std::nullopt;
  return d;
}

// Howard Hinnant's days_from_civil / civil_from_days.
long Date::DaysSinceEpoch() const {
  int y = year - (month <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::FromDays(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp + (mp < 10 ? 3 : -9);
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int Date::Weekday() const {
  long z = DaysSinceEpoch();
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

std::string Diagnostic::ToString() const {
  // Appended piece by piece: GCC 12 at -O3 reports a false -Wrestrict overlap in the inlined
  // `s += ":" + std::to_string(line)` (a temporary built from a literal), which broke Release builds.
  std::string s = file;
  if (line > 0) {
    s.push_back(':');
    s.append(std::to_string(line));
    if (column > 0) {
      s.push_back(':');
      s.append(std::to_string(column));
    }
  }
  switch (severity) {
    case Severity::kNote:
      s.append(": note: ");
      break;
    case Severity::kWarning:
      s.append(": warning: ");
      break;
    case Severity::kError:
      s.append(": error: ");
      break;
  }
  s.append(message);
  return s;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (char32_t c : text) AppendUtf8(c, &out);
  return out;
}

std::u32string DecodeUtf8(std::string_view s, std::vector<std::size_t>* bad) {
  std::u32string out;
  out.reserve(s.size() / 2);
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < n) {
    unsigned char b = byte(i);
    if (b < 0x80) {
      out.push_back(b);
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte (Unicode Table 3-7)
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
      cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      cp = b & 0x0F;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;  // no surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      cp = b & 0x07;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    }
    if (len == 0) {
      if (bad) bad->push_back(i);
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    std::size_t k = 1;
    for (; k < len; ++k) {
      if (i + k >= n) break;
      unsigned char c = byte(i + k);
      unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
      if (c < l || c > h) break;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (k < len) {  // maximal invalid subpart: replace it with one U+FFFD
      if (bad) bad->push_back(i);
      out.push_back(0xFFFD);
      i += k;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

Status Manifest::Load(const std::filesystem::path& file, Manifest* out) {
  std::string bytes;
  KHABAR_RETURN_IF_ERROR(ReadFileBytes(file, &bytes));
  pugi::xml_document xml;
  pugi::xml_parse_result r = xml.load_buffer(bytes.data(), bytes.size(), pugi::parse_default);
  if (!r) return Status::ParseError(file.string() + ": malformed XML: " + r.description());
  pugi::xml_node corpus = xml.child("corpus");
  if (!corpus) return Status::ParseError(file.string() + ": root element must be <corpus>");
  Manifest m;
  // The manifest's directory made canonical once, not every entry's path (several system calls each: 30 s
  // for a million entries); an entry's own path is only normalised.
  std::filesystem::path base = file.parent_path();
  {
    std::error_code ec;
    std::filesystem::path canon = std::filesystem::weakly_canonical(base.empty() ? "." : base, ec);
    if (!ec) base = canon;
  }
  for (pugi::xml_node a : corpus.children("article")) {
    std::string rel = a.attribute("file").value();
    if (rel.empty()) {
      return Status::ParseError(file.string() + ": <article> without a file attribute");
    }
    Entry e;
    std::size_t bad = 0;
    e.outlet = ToValidUtf8(a.attribute("outlet").value(), &bad);
    if (bad > 0) {
      std::string msg = "article ";
      msg += ToValidUtf8(rel, &bad);
      msg += ": the outlet is not valid UTF-8: invalid sequence(s) replaced by U+FFFD";
      m.diagnostics_.push_back({Diagnostic::Severity::kWarning, file.string(), 0, 0, std::move(msg)});
    }
    if (e.outlet == "unknown") e.outlet.clear();
    std::string pub = a.attribute("published").value();
    if (!pub.empty()) {
      // Exactly YYYY-MM-DD (2023-09-20garbage is no date), a real day. A bad date is reported and the
      // article kept without one: one typo must not stop the build of the whole corpus.
      if (pub.size() == 10) e.published = Date::Parse(pub);
      if (!e.published) {
        std::string msg = "article ";
        msg += ToValidUtf8(rel, &bad);
        msg += ": published date '";
        msg += ToValidUtf8(pub, &bad);
        msg += "' is not a date YYYY-MM-DD: the article has no publication date";
        m.diagnostics_.push_back({Diagnostic::Severity::kWarning, file.string(), 0, 0, std::move(msg)});
      }
    }
    std::string key = (base / rel).lexically_normal().string();
    auto [it, fresh] = m.by_path_.try_emplace(std::move(key));
    if (!fresh) {
      std::string msg = "article ";
      msg += ToValidUtf8(rel, &bad);
      msg += ": listed more than once; the last entry is used";
      m.diagnostics_.push_back({Diagnostic::Severity::kWarning, file.string(), 0, 0, std::move(msg)});
    } else {
      auto& name = m.by_name_[std::filesystem::path(rel).filename().string()];
      ++name.first;
      name.second = &it->second;  // a node's value: stable while the map grows
    }
    it->second = std::move(e);
  }
  *out = std::move(m);
  return Status::Ok();
}

const Manifest::Entry* Manifest::Lookup(const std::filesystem::path& article) const {
  std::error_code ec;
  std::string key = std::filesystem::weakly_canonical(article, ec).string();
  if (!ec) {
    if (auto it = by_path_.find(key); it != by_path_.end()) return &it->second;
  }
  auto it = by_name_.find(article.filename().string());
  if (it != by_name_.end() && it->second.first == 1) return it->second.second;
  return nullptr;
}

Status ReadArticle(const std::filesystem::path& path, std::string_view id, const Manifest* manifest, Document* out) {
  return ReadArticle(path, id, manifest, out, ReadOptions{});
}

Status ReadArticle(const std::filesystem::path& path, std::string_view id, const Manifest* manifest, Document* out,
                   const ReadOptions& options) {
  std::string bytes;
  KHABAR_RETURN_IF_ERROR(ReadFileBytes(path, &bytes));
  KHABAR_RETURN_IF_ERROR(DecodeArticle(bytes, path, id, manifest, out));
  LimitArticleSize(out, options.max_article_bytes);
  return Status::Ok();
}

bool LimitArticleSize(Document* doc, std::size_t max_bytes) {
  auto utf8_size = [](char32_t c) -> std::size_t { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; };
  std::size_t size = 0, fit = 0;  // fit: code points within the limit
  for (char32_t c : doc->text) {
    if (size + utf8_size(c) <= max_bytes) ++fit;
    size += utf8_size(c);
  }
  if (max_bytes == 0 || size <= max_bytes) return false;
  // The last line break or sentence end within the limit, else the last space, else the limit.
  std::size_t cut = 0, space = 0;
  for (std::size_t i = fit; i > 0 && cut == 0; --i) {
    char32_t c = doc->text[i - 1];
    if (c == U'\n' || c == U'.' || c == U'!' || c == U'?' || c == kArabicQuestion) cut = i;
    if (space == 0 && (c == U' ' || c == U'\t')) space = i;
  }
  if (cut == 0) cut = space != 0 ? space : fit;
  doc->text.resize(cut);
  doc->diagnostics.push_back({Diagnostic::Severity::kWarning, doc->path, 0, 0,
                              "article of " + std::to_string(size) + " bytes is over the size limit of " +
                                  std::to_string(max_bytes) + " bytes; cut to its first " + std::to_string(cut) +
                                  " characters"});
  return true;
}

Status DecodeArticle(std::string_view bytes, const std::filesystem::path& path, std::string_view id,
                     const Manifest* manifest, Document* out) {
  Document doc;
  doc.path = path.string();
  std::size_t bad_name = 0;
  doc.file_name = ToValidUtf8(path.filename().string(), &bad_name);
  doc.id = ToValidUtf8(id, &bad_name);
  if (bytes.empty()) return Status::InvalidArgument(doc.path + ": empty file");
  if (bad_name > 0) {
    // The name becomes kh:sourceFile, kh:sourcePath and the article IRI: RDF needs valid UTF-8.
    doc.diagnostics.push_back({Diagnostic::Severity::kWarning, doc.path, 0, 0,
                               "the file name is not valid UTF-8: " + std::to_string(bad_name) +
                                   " invalid sequence(s) replaced by U+FFFD in the graph"});
  }

  std::string utf8;
  std::string_view view = bytes;
  if (view.size() >= 2 && ((view[0] == '\xFF' && view[1] == '\xFE') || (view[0] == '\xFE' && view[1] == '\xFF'))) {
    std::size_t bad = 0;
    utf8 = Utf16ToUtf8(view.substr(2), view[0] == '\xFE', &bad);
    doc.diagnostics.push_back({Diagnostic::Severity::kNote, doc.path, 0, 0, "decoded as UTF-16 (byte-order mark)"});
    if (bad > 0) {
      doc.diagnostics.push_back({Diagnostic::Severity::kWarning, doc.path, 0, 0,
                                 std::to_string(bad) + " invalid UTF-16 code unit(s) replaced by U+FFFD"});
    }
    view = utf8;
  } else if (view.size() >= 3 && view.substr(0, 3) == "\xEF\xBB\xBF") {
    view.remove_prefix(3);  // a UTF-8 BOM is not part of the text: offsets start after it
  }
  if (view.empty()) return Status::InvalidArgument(doc.path + ": empty file (only a byte-order mark)");
  if (view.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument(doc.path + ": binary file (contains NUL bytes), not an article");
  }

  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string text_utf8;
  if (ext == ".xml" || ext == ".nitf") {
    KHABAR_RETURN_IF_ERROR(ParseNitf(std::string(view), doc.path, &doc, &text_utf8));
    if (text_utf8.empty()) {  // no headline, no body, or only empty paragraphs: as an empty .txt
      return Status::InvalidArgument(doc.path + ": empty article (XML without headline or paragraph text)");
    }
    view = text_utf8;
  }
  std::vector<std::size_t> bad;
  doc.text = DecodeUtf8(view, &bad);
  if (!bad.empty()) {
    // Position of the first bad byte as line/column (code points) for the message.
    std::size_t line = 1, col = 1;
    std::u32string prefix = DecodeUtf8(view.substr(0, bad.front()), nullptr);
    for (char32_t c : prefix) {
      if (c == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    doc.diagnostics.push_back({Diagnostic::Severity::kWarning, doc.path, line, col,
                               std::to_string(bad.size()) +
                                   " invalid UTF-8 sequence(s) replaced by U+FFFD (first at byte " +
                                   std::to_string(bad.front()) + ")"});
    if (bad.size() * 4 > doc.text.size() + 16) {
      return Status::InvalidArgument(doc.path + ": not UTF-8 text (" + std::to_string(bad.size()) +
                                     " invalid sequences)");
    }
  }
  if (manifest != nullptr) {
    if (const Manifest::Entry* e = manifest->Lookup(path)) {
      if (!e->outlet.empty()) doc.outlet = e->outlet;
      if (e->published) doc.published = e->published;
    }
  }
  *out = std::move(doc);
  return Status::Ok();
}

}  // namespace khabar::extract
