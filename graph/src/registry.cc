#include "khabar/graph/registry.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>

#include "khabar/graph/hash.h"

namespace khabar::graph {

namespace fs = std::filesystem;
using extract::ArticleResult;

// ---------------------------------------------------------------------------------------------------
// Hashing

void Hasher::Update(std::string_view bytes) {
  for (unsigned char c : bytes) {
    a_ = (a_ ^ c) * 0x100000001b3ull;
    b_ = (b_ ^ static_cast<unsigned char>(c + 0x5b)) * 0x100000001b3ull;
  }
}

void Hasher::UpdateField(std::string_view bytes) {
  std::string len = std::to_string(bytes.size()) + ":";
  Update(len);
  Update(bytes);
}

namespace {}  // namespace

std::string Hasher::Hex() const {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(Mix64(a_)),
                static_cast<unsigned long long>(Mix64(b_ ^ Mix64(a_))));
  return buf;
}

std::string ContentHash(const extract::Document& doc) {
  Hasher h;
  h.UpdateField(doc.id);
  h.UpdateField(doc.file_name);
  h.UpdateField(doc.outlet);
  h.UpdateField(doc.published ? doc.published->ToString() : std::string());
  h.UpdateField(extract::EncodeUtf8(doc.text));
  return h.Hex();
}

// ---------------------------------------------------------------------------------------------------
// The line format (docs/registry.md): records of TAB-separated fields; in a field, backslash, TAB, LF and
// CR are written \\ \t \n \r.

namespace {

constexpr std::string_view kMagic = "khabar-registry";

void Esc(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '\\':
        *out += "\\\\";
        break;
      case '\t':
        *out += "\\t";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      default:
        out->push_back(c);
    }
  }
}

// Writes a record: its tag, then each field escaped, TAB-separated, then a newline.
class Record {
 public:
  Record(std::string* out, std::string_view tag) : out_(out) { *out_ += tag; }
  Record& F(std::string_view s) {
    out_->push_back('\t');
    Esc(s, out_);
    return *this;
  }
  Record& N(std::int64_t n) {
    out_->push_back('\t');
    *out_ += std::to_string(n);
    return *this;
  }
  ~Record() { out_->push_back('\n'); }
  Record(const Record&) = delete;
  Record& operator=(const Record&) = delete;

 private:
  std::string* out_;
};

std::string DateField(const std::optional<extract::Date>& d) {
  if (!d) return {};
  return std::to_string(d->year) + "," + std::to_string(d->month) + "," + std::to_string(d->day);
}

}  // namespace

std::string FormatArticle(const ArticleResult& r, std::string_view hash) {
  std::string out;
  const auto& doc = r.document;
  Record(&out, "article")
      .F(doc.id)
      .F(hash)
      .F(doc.file_name)
      .F(doc.path)
      .N(static_cast<std::int64_t>(doc.text.size()))
      .F(doc.outlet)
      .F(DateField(doc.published));
  for (const auto& m : r.mentions) {
    Record(&out, "mention")
        .N(m.begin)
        .N(m.end)
        .F(m.text)
        .F(m.entity)
        .F(vocab::Name(m.type))
        .F(m.subtype)
        .N(m.nominal ? 1 : 0)
        .F(m.rule)
        .F(m.pass)
        .F(m.en)
        .F(m.of);
  }
  for (const auto& role : r.roles) {
    Record(&out, "role").N(static_cast<std::int64_t>(role.person)).F(role.role_text).F(role.of);
  }
  for (const auto& ev : r.events) {
    Record(&out, "event")
        .F(vocab::Name(ev.type))
        .N(ev.begin)
        .N(ev.end)
        .F(ev.trigger_text)
        .F(ev.place)
        .F(ev.time_text)
        .F(DateField(ev.date))
        .F(DateField(ev.date_to))
        .F(ev.source);
    for (const auto& a : ev.agents) Record(&out, "agent").F(a);
    for (const auto& p : ev.patients) Record(&out, "patient").F(p);
    for (const auto& f : ev.figures) {
      Record(&out, "figure")
          .F(vocab::Name(f.kind))
          .N(f.value)
          .F(vocab::Name(f.qualifier))
          .N(f.begin)
          .N(f.end)
          .F(f.text);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Writing

struct SegmentWriter::File {
  std::FILE* f = nullptr;
  ~File() {
    if (f) std::fclose(f);
  }
};

Status SegmentWriter::Open(const fs::path& path, std::string_view fingerprint, std::unique_ptr<SegmentWriter>* out) {
  std::unique_ptr<SegmentWriter> w(new SegmentWriter());
  w->path_ = path;
  w->tmp_ = path;
  w->tmp_ += ".tmp-" + std::to_string(::getpid());
  w->file_ = std::make_unique<File>();
  w->file_->f = std::fopen(w->tmp_.c_str(), "wb");
  if (!w->file_->f) return Status::IoError(w->tmp_.string() + ": cannot create: " + std::strerror(errno));
  std::string head;
  Record(&head, kMagic).N(kRegistryVersion);
  Record(&head, "fingerprint").F(fingerprint);
  if (std::fwrite(head.data(), 1, head.size(), w->file_->f) != head.size()) {
    return Status::IoError(w->tmp_.string() + ": write failed: " + std::strerror(errno));
  }
  *out = std::move(w);
  return Status::Ok();
}

SegmentWriter::~SegmentWriter() {
  if (!committed_) {
    file_.reset();
    std::error_code ec;
    fs::remove(tmp_, ec);
  }
}

Status SegmentWriter::Add(const ArticleResult& result, std::string_view hash) {
  std::string rec = FormatArticle(result, hash);
  if (std::fwrite(rec.data(), 1, rec.size(), file_->f) != rec.size()) {
    return Status::IoError(tmp_.string() + ": write failed: " + std::strerror(errno));
  }
  ++articles_;
  return Status::Ok();
}

Status SegmentWriter::Remove(std::string_view id) {
  std::string rec;
  Record(&rec, "removed").F(id);
  if (std::fwrite(rec.data(), 1, rec.size(), file_->f) != rec.size()) {
    return Status::IoError(tmp_.string() + ": write failed: " + std::strerror(errno));
  }
  ++removed_;
  return Status::Ok();
}

Status SegmentWriter::Commit() {
  std::string end;
  Record(&end, "end").N(static_cast<std::int64_t>(articles_)).N(static_cast<std::int64_t>(removed_));
  std::FILE* f = file_->f;
  if (std::fwrite(end.data(), 1, end.size(), f) != end.size() || std::fflush(f) != 0 || ::fsync(fileno(f)) != 0) {
    return Status::IoError(tmp_.string() + ": write failed: " + std::strerror(errno));
  }
  file_->f = nullptr;
  if (std::fclose(f) != 0) return Status::IoError(tmp_.string() + ": write failed: " + std::strerror(errno));
  std::error_code ec;
  fs::rename(tmp_, path_, ec);
  if (ec) return Status::IoError(path_.string() + ": cannot rename the new segment into place: " + ec.message());
  committed_ = true;
  // The rename itself must reach the disk: sync the directory.
  fs::path dir = path_.parent_path().empty() ? fs::path(".") : path_.parent_path();
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------------
// Reading

namespace {

// Reads a segment line by line, keeping the line number and the byte offset of each line.
class LineReader {
 public:
  LineReader(std::istream* in, const fs::path& file, std::size_t line, std::uint64_t offset)
      : in_(in), file_(file.string()), next_line_(line), next_offset_(offset) {}
  // The next line, split into fields (views into an internal buffer, valid until the next call).
  bool Next() {
    if (!std::getline(*in_, buf_)) return false;
    line_ = next_line_++;
    offset_ = next_offset_;
    next_offset_ += buf_.size() + 1;
    fields_.clear();
    std::size_t start = 0;
    for (;;) {
      std::size_t tab = buf_.find('\t', start);
      fields_.emplace_back(std::string_view(buf_).substr(start, tab == std::string::npos ? tab : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    return true;
  }
  const std::vector<std::string_view>& fields() const { return fields_; }
  std::string_view tag() const { return fields_.front(); }
  std::size_t line() const { return line_; }
  std::uint64_t offset() const { return offset_; }
  bool eof() const { return in_->eof(); }
  Status Error(const std::string& why) const {
    return Status::ParseError(file_ + ":" + std::to_string(line_) + ": " + why);
  }
  // Checks the field count of the current record.
  Status Want(std::size_t n) const {
    if (fields_.size() == n + 1) return Status::Ok();
    return Error("a '" + std::string(tag()) + "' record has " + std::to_string(n) + " fields, this one has " +
                 std::to_string(fields_.size() - 1));
  }
  Status Str(std::size_t i, std::string* out) const {
    out->clear();
    std::string_view s = fields_[i];
    for (std::size_t k = 0; k < s.size(); ++k) {
      if (s[k] != '\\') {
        out->push_back(s[k]);
        continue;
      }
      char c = k + 1 < s.size() ? s[++k] : '\0';
      switch (c) {
        case '\\':
          out->push_back('\\');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        default:
          return Error("bad escape in field " + std::to_string(i));
      }
    }
    return Status::Ok();
  }
  template <class T>
  Status Num(std::size_t i, T* out) const {
    std::string_view s = fields_[i];
    auto res = std::from_chars(s.data(), s.data() + s.size(), *out);
    if (res.ec != std::errc() || res.ptr != s.data() + s.size()) {
      return Error("field " + std::to_string(i) + " is not a number: '" + std::string(s) + "'");
    }
    return Status::Ok();
  }
  Status DateAt(std::size_t i, std::optional<extract::Date>* out) const {
    out->reset();
    if (fields_[i].empty()) return Status::Ok();
    extract::Date d;
    int n = 0;
    std::string s(fields_[i]);
    char rest = 0;
    if (std::sscanf(s.c_str(), "%d,%d,%d%n%c", &d.year, &d.month, &d.day, &n, &rest) != 3 ||
        static_cast<std::size_t>(n) != s.size()) {
      return Error("field " + std::to_string(i) + " is not a date (Y,M,D): '" + s + "'");
    }
    *out = d;
    return Status::Ok();
  }

 private:
  std::istream* in_;
  std::string file_;
  std::string buf_;
  std::vector<std::string_view> fields_;
  std::size_t line_ = 0, next_line_;
  std::uint64_t offset_ = 0, next_offset_;
};

// Parses the records of one article; the reader is on its "article" line. Stops at the next line that
// is not part of the article (left as the reader's current line), or at the end of the file (*more =
// false).
Status ParseArticle(LineReader* in, ArticleResult* out, std::string* hash, bool* more) {
  *out = ArticleResult{};
  auto& doc = out->document;
  KHABAR_RETURN_IF_ERROR(in->Want(7));
  KHABAR_RETURN_IF_ERROR(in->Str(1, &doc.id));
  KHABAR_RETURN_IF_ERROR(in->Str(2, hash));
  KHABAR_RETURN_IF_ERROR(in->Str(3, &doc.file_name));
  KHABAR_RETURN_IF_ERROR(in->Str(4, &doc.path));
  std::size_t chars = 0;
  KHABAR_RETURN_IF_ERROR(in->Num(5, &chars));
  if (chars > (std::size_t{1} << 32)) return in->Error("an article of " + std::to_string(chars) + " code points");
  doc.text.assign(chars, U'\0');
  KHABAR_RETURN_IF_ERROR(in->Str(6, &doc.outlet));
  KHABAR_RETURN_IF_ERROR(in->DateAt(7, &doc.published));
  if (doc.id.empty()) return in->Error("an article without an id");
  std::string s;
  *more = false;
  while (in->Next()) {
    std::string_view tag = in->tag();
    if (tag == "mention") {
      KHABAR_RETURN_IF_ERROR(in->Want(11));
      extract::Mention m;
      KHABAR_RETURN_IF_ERROR(in->Num(1, &m.begin));
      KHABAR_RETURN_IF_ERROR(in->Num(2, &m.end));
      KHABAR_RETURN_IF_ERROR(in->Str(3, &m.text));
      KHABAR_RETURN_IF_ERROR(in->Str(4, &m.entity));
      KHABAR_RETURN_IF_ERROR(in->Str(5, &s));
      auto type = vocab::ParseEntityType(s);
      if (!type) return in->Error("unknown entity type '" + s + "'");
      m.type = *type;
      KHABAR_RETURN_IF_ERROR(in->Str(6, &m.subtype));
      int nominal = 0;
      KHABAR_RETURN_IF_ERROR(in->Num(7, &nominal));
      if (nominal != 0 && nominal != 1) return in->Error("nominal must be 0 or 1");
      m.nominal = nominal == 1;
      KHABAR_RETURN_IF_ERROR(in->Str(8, &m.rule));
      KHABAR_RETURN_IF_ERROR(in->Str(9, &m.pass));
      KHABAR_RETURN_IF_ERROR(in->Str(10, &m.en));
      KHABAR_RETURN_IF_ERROR(in->Str(11, &m.of));
      if (m.begin > m.end || m.end > chars) return in->Error("a mention outside its article");
      if (m.entity.empty()) return in->Error("a mention without an entity");
      out->mentions.push_back(std::move(m));
    } else if (tag == "role") {
      KHABAR_RETURN_IF_ERROR(in->Want(3));
      extract::Role role;
      KHABAR_RETURN_IF_ERROR(in->Num(1, &role.person));
      if (role.person >= out->mentions.size())
        return in->Error("a role of mention " + std::to_string(role.person) + ", of " +
                         std::to_string(out->mentions.size()));
      KHABAR_RETURN_IF_ERROR(in->Str(2, &role.role_text));
      KHABAR_RETURN_IF_ERROR(in->Str(3, &role.of));
      out->roles.push_back(std::move(role));
    } else if (tag == "event") {
      KHABAR_RETURN_IF_ERROR(in->Want(9));
      extract::Event ev;
      KHABAR_RETURN_IF_ERROR(in->Str(1, &s));
      auto type = vocab::ParseEventType(s);
      if (!type) return in->Error("unknown event type '" + s + "'");
      ev.type = *type;
      KHABAR_RETURN_IF_ERROR(in->Num(2, &ev.begin));
      KHABAR_RETURN_IF_ERROR(in->Num(3, &ev.end));
      if (ev.begin > ev.end || ev.end > chars) return in->Error("an event trigger outside its article");
      KHABAR_RETURN_IF_ERROR(in->Str(4, &ev.trigger_text));
      KHABAR_RETURN_IF_ERROR(in->Str(5, &ev.place));
      KHABAR_RETURN_IF_ERROR(in->Str(6, &ev.time_text));
      KHABAR_RETURN_IF_ERROR(in->DateAt(7, &ev.date));
      KHABAR_RETURN_IF_ERROR(in->DateAt(8, &ev.date_to));
      KHABAR_RETURN_IF_ERROR(in->Str(9, &ev.source));
      out->events.push_back(std::move(ev));
    } else if (tag == "agent" || tag == "patient" || tag == "figure") {
      if (out->events.empty()) return in->Error("a '" + std::string(tag) + "' record before any event");
      extract::Event& ev = out->events.back();
      if (tag == "figure") {
        KHABAR_RETURN_IF_ERROR(in->Want(6));
        extract::Figure f;
        KHABAR_RETURN_IF_ERROR(in->Str(1, &s));
        auto kind = vocab::ParseFigureKind(s);
        if (!kind) return in->Error("unknown figure kind '" + s + "'");
        f.kind = *kind;
        KHABAR_RETURN_IF_ERROR(in->Num(2, &f.value));
        KHABAR_RETURN_IF_ERROR(in->Str(3, &s));
        auto q = std::find(vocab::kQualifierNames.begin(), vocab::kQualifierNames.end(), s);
        if (q == vocab::kQualifierNames.end()) return in->Error("unknown qualifier '" + s + "'");
        f.qualifier = static_cast<vocab::Qualifier>(q - vocab::kQualifierNames.begin());
        KHABAR_RETURN_IF_ERROR(in->Num(4, &f.begin));
        KHABAR_RETURN_IF_ERROR(in->Num(5, &f.end));
        KHABAR_RETURN_IF_ERROR(in->Str(6, &f.text));
        ev.figures.push_back(std::move(f));
      } else {
        KHABAR_RETURN_IF_ERROR(in->Want(1));
        KHABAR_RETURN_IF_ERROR(in->Str(1, &s));
        if (s.empty()) return in->Error("an empty entity key");
        (tag == "agent" ? ev.agents : ev.patients).push_back(s);
      }
    } else {
      *more = true;
      return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace

struct Registry::Impl {
  // One open stream per segment, opened when an article of it is first loaded.
  std::vector<std::unique_ptr<std::ifstream>> streams;
};

Registry::Registry() : impl_(std::make_unique<Impl>()) {}
Registry::~Registry() = default;

const Registry::Entry* Registry::Find(std::string_view id) const {
  auto it = articles_.find(std::string(id));
  return it == articles_.end() ? nullptr : &it->second;
}

Status Registry::IndexSegment(const fs::path& file, std::map<std::string, Entry>* live) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IoError(file.string() + ": cannot open the registry segment: " + std::strerror(errno));
  LineReader r(&in, file, 1, 0);
  if (!r.Next() || r.tag() != kMagic) {
    return Status::ParseError(file.string() + ":1: not a Khabar registry segment (no 'khabar-registry' line)");
  }
  int version = 0;
  if (r.fields().size() != 2 || !r.Num(1, &version).ok() || version != kRegistryVersion) {
    return r.Error("registry format version '" + std::string(r.fields().size() > 1 ? r.fields()[1] : "") +
                   "', this khabar reads version " + std::to_string(kRegistryVersion));
  }
  Segment seg;
  seg.path = file;
  if (!r.Next() || r.tag() != "fingerprint" || r.fields().size() != 2) return r.Error("no fingerprint line");
  KHABAR_RETURN_IF_ERROR(r.Str(1, &seg.fingerprint));
  const std::size_t index = segments_.size();
  std::size_t articles = 0, removed = 0;
  bool have = r.Next(), ended = false;
  while (have) {
    std::string_view tag = r.tag();
    if (tag == "article") {
      Entry e;
      e.segment = index;
      e.offset = r.offset();
      e.line = r.line();
      ArticleResult res;
      bool more = false;
      KHABAR_RETURN_IF_ERROR(ParseArticle(&r, &res, &e.hash, &more));  // checked in full now, not at merge
      (*live)[res.document.id] = std::move(e);
      ++articles;
      have = more;
    } else if (tag == "removed") {
      KHABAR_RETURN_IF_ERROR(r.Want(1));
      std::string id;
      KHABAR_RETURN_IF_ERROR(r.Str(1, &id));
      live->erase(id);
      ++removed;
      have = r.Next();
    } else if (tag == "end") {
      KHABAR_RETURN_IF_ERROR(r.Want(2));
      std::size_t a = 0, d = 0;
      KHABAR_RETURN_IF_ERROR(r.Num(1, &a));
      KHABAR_RETURN_IF_ERROR(r.Num(2, &d));
      if (a != articles || d != removed) {
        return r.Error("the end line counts " + std::to_string(a) + " articles and " + std::to_string(d) +
                       " removals, the file holds " + std::to_string(articles) + " and " + std::to_string(removed));
      }
      if (r.Next()) return r.Error("a record after the end line");
      ended = true;
      break;
    } else {
      return r.Error("unknown record '" + std::string(tag) + "'");
    }
  }
  if (!ended) {
    return Status::ParseError(file.string() + ": truncated: no end line (the segment was cut or damaged)");
  }
  segments_.push_back(std::move(seg));
  return Status::Ok();
}

Status Registry::AddSource(const fs::path& path) {
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (const auto& e : fs::directory_iterator(path, ec)) {
      if (e.path().extension() == ".kreg") files.push_back(e.path());
    }
    if (ec) return Status::IoError(path.string() + ": cannot list the registry: " + ec.message());
    std::sort(files.begin(), files.end());
  } else if (fs::exists(path, ec)) {
    files.push_back(path);
  } else {
    return Status::NotFound(path.string() + ": no such registry directory or segment file");
  }
  std::map<std::string, Entry> live;
  for (const auto& f : files) KHABAR_RETURN_IF_ERROR(IndexSegment(f, &live));
  for (auto& [id, e] : live) {
    auto it = articles_.find(id);
    if (it == articles_.end()) {
      source_of_[id] = path;
      articles_.emplace(id, std::move(e));
    } else if (it->second.hash != e.hash) {
      return Status::InvalidArgument("article " + id + " is in " + source_of_[id].string() + " and in " +
                                     path.string() + " with different content; give only one of them");
    }
  }
  return Status::Ok();
}

Status Registry::AddNewerSegment(const fs::path& file) {
  // Straight into articles_: its articles replace the ones indexed, its removals erase them.
  return IndexSegment(file, &articles_);
}

Status Registry::Load(const Entry& entry, ArticleResult* out) const {
  auto& streams = impl_->streams;
  if (streams.size() < segments_.size()) streams.resize(segments_.size());
  auto& in = streams[entry.segment];
  const fs::path& file = segments_[entry.segment].path;
  if (!in) {
    in = std::make_unique<std::ifstream>(file, std::ios::binary);
    if (!*in) return Status::IoError(file.string() + ": cannot open the registry segment: " + std::strerror(errno));
  }
  in->clear();
  in->seekg(static_cast<std::streamoff>(entry.offset));
  LineReader r(in.get(), file, entry.line, entry.offset);
  if (!r.Next() || r.tag() != "article") return r.Error("no article record here (the segment changed while read)");
  std::string hash;
  bool more = false;
  return ParseArticle(&r, out, &hash, &more);
}

// ---------------------------------------------------------------------------------------------------
// The directory

Status RegistryDir::Open(const fs::path& dir, std::unique_ptr<RegistryDir>* out) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": cannot create the registry directory: " + ec.message());
  std::unique_ptr<RegistryDir> d(new RegistryDir());
  d->dir_ = dir;
  fs::path lock = dir / "lock";
  d->lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (d->lock_fd_ < 0) return Status::IoError(lock.string() + ": cannot open the lock file: " + std::strerror(errno));
  if (::flock(d->lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    return Status::InvalidArgument(dir.string() + ": the registry is in use by another khabar process");
  }
  // Temporary files of an interrupted build (seg-….kreg.tmp-PID) are never read; clear them.
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().filename().string().find(".kreg.tmp-") != std::string::npos) fs::remove(e.path(), ec);
  }
  *out = std::move(d);
  return Status::Ok();
}

RegistryDir::~RegistryDir() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

fs::path RegistryDir::NextSegmentPath() const {
  unsigned long highest = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind("seg-", 0) != 0 || name.size() < 10 || name.compare(name.size() - 5, 5, ".kreg") != 0) continue;
    unsigned long n = 0;
    auto res = std::from_chars(name.data() + 4, name.data() + name.size() - 5, n);
    if (res.ec == std::errc() && res.ptr == name.data() + name.size() - 5) highest = std::max(highest, n);
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "seg-%06lu.kreg", highest + 1);
  return dir_ / buf;
}

// ---------------------------------------------------------------------------------------------------
// Files written whole, and the IRI history

Status WriteFileAtomically(const fs::path& path, std::string_view content) {
  fs::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::IoError(tmp.string() + ": cannot create: " + std::strerror(errno));
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size() && std::fflush(f) == 0 &&
            ::fsync(fileno(f)) == 0;
  int err = errno;
  ok = std::fclose(f) == 0 && ok;
  std::error_code ec;
  if (!ok) {
    fs::remove(tmp, ec);
    return Status::IoError(path.string() + ": write failed: " + std::strerror(err));
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::IoError(path.string() + ": cannot rename into place: " + ec.message());
  }
  fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

Status UpdateIriHistory(const fs::path& dir, const std::vector<std::pair<std::string, std::string>>& current,
                        const std::function<std::string(std::string_view)>& iri_of, std::size_t* retired) {
  constexpr std::string_view kIrisMagic = "khabar-iris";
  const fs::path file = dir / "iris.tsv";
  std::set<std::pair<std::string, std::string>> pairs(current.begin(), current.end());
  std::set<std::string> live;
  for (const auto& [iri, key] : current) live.insert(iri);
  std::error_code ec;
  if (fs::exists(file, ec)) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Status::IoError(file.string() + ": cannot open: " + std::strerror(errno));
    LineReader r(&in, file, 1, 0);
    int version = 0;
    if (!r.Next() || r.tag() != kIrisMagic || r.fields().size() != 2 || !r.Num(1, &version).ok() || version != 1) {
      return Status::ParseError(file.string() + ":1: not a Khabar IRI history of version 1");
    }
    std::string iri, key;
    while (r.Next()) {
      KHABAR_RETURN_IF_ERROR(r.Want(1));  // "IRI<TAB>key": the tag is the IRI
      KHABAR_RETURN_IF_ERROR(r.Str(0, &iri));
      KHABAR_RETURN_IF_ERROR(r.Str(1, &key));
      if (iri.rfind("https://", 0) != 0 || key.empty()) return r.Error("not an IRI and an entity key");
      pairs.emplace(iri, key);
    }
  }
  std::string history;
  Record(&history, kIrisMagic).N(1);
  std::set<std::string> redirects;
  for (const auto& [iri, key] : pairs) {
    Record(&history, iri).F(key);
    if (live.count(iri)) continue;
    std::string now = iri_of(key);
    if (!now.empty() && now != iri) {
      redirects.insert("<" + iri + "> <http://purl.org/dc/terms/isReplacedBy> <" + now + "> .\n");
    }
  }
  std::string nt;
  for (const auto& line : redirects) nt += line;
  KHABAR_RETURN_IF_ERROR(WriteFileAtomically(file, history));
  KHABAR_RETURN_IF_ERROR(WriteFileAtomically(dir / "redirects.nt", nt));
  if (retired) *retired = redirects.size();
  return Status::Ok();
}

}  // namespace khabar::graph
