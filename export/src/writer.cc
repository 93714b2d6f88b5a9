#include "khabar/export/writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <numeric>

#include "khabar/ontology/vocab.h"

namespace khabar::exporter {
namespace {

using graph::Term;
using graph::TermId;

// Buffers output and forwards it to the sink in large chunks.
class Buffer {
 public:
  explicit Buffer(Sink* sink) : sink_(sink) { buf_.reserve(kChunk + 4096); }
  void Put(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= kChunk) Flush();
  }
  void Put(char c) { buf_.push_back(c); }
  bool Flush() {
    if (ok_ && !buf_.empty()) ok_ = sink_->Write(buf_);
    buf_.clear();
    return ok_;
  }
  bool ok() const { return ok_; }

 private:
  static constexpr std::size_t kChunk = 1 << 20;
  Sink* sink_;
  std::string buf_;
  bool ok_ = true;
};

bool ValidLocalName(std::string_view s) {
  if (s.empty()) return false;
  auto ok_char = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  };
  if (s.front() == '-') return false;
  return std::all_of(s.begin(), s.end(), ok_char);
}

void AppendHex(std::string* out, char prefix, unsigned v, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\%c%0*X", prefix, digits, v);
  out->append(buf);
}

class TermWriter {
 public:
  TermWriter(const graph::TermStore& terms, bool prefixed) : terms_(terms), prefixed_(prefixed) {
    for (const auto& p : vocab::kPrefixes) prefixes_.push_back(p);
    // Longest namespace first, so khe: wins over khr: for entity IRIs.
    std::sort(prefixes_.begin(), prefixes_.end(), [](const auto& a, const auto& b) { return a.iri.size() > b.iri.size(); });
  }
  std::string Iri(std::string_view iri) const {
    if (prefixed_) {
      if (iri == std::string(vocab::kRdf) + "type") return "a";
      for (const auto& p : prefixes_) {
        if (iri.size() > p.iri.size() && iri.substr(0, p.iri.size()) == p.iri &&
            ValidLocalName(iri.substr(p.iri.size()))) {
          return std::string(p.name) + ":" + std::string(iri.substr(p.iri.size()));
        }
      }
    }
    return "<" + EscapeIri(iri) + ">";
  }
  std::string Write(TermId id, bool predicate = false) const {
    const Term& t = terms_.Get(id);
    if (t.kind == Term::Kind::kIri) {
      if (!predicate && prefixed_ && t.value == std::string(vocab::kRdf) + "type") return "rdf:type";
      return Iri(t.value);
    }
    if (prefixed_ && (t.datatype == std::string(vocab::kXsd) + "integer" ||
                      t.datatype == std::string(vocab::kXsd) + "boolean")) {
      return t.value;  // Turtle's bare integer / boolean
    }
    std::string s = "\"" + EscapeLiteral(t.value) + "\"";
    if (!t.lang.empty()) {
      s += "@" + t.lang;
    } else if (!t.datatype.empty()) {
      s += "^^" + Iri(t.datatype);
    }
    return s;
  }

 private:
  const graph::TermStore& terms_;
  bool prefixed_;
  std::vector<vocab::Prefix> prefixes_;
};

// A total order of terms by their text, computed once: sorting triples by it gives readable,
// deterministic output.
std::vector<std::uint32_t> TermRanks(const graph::TermStore& terms) {
  std::vector<TermId> ids(terms.size());
  std::iota(ids.begin(), ids.end(), 0);
  const std::string rdf_type = std::string(vocab::kRdf) + "type";
  std::sort(ids.begin(), ids.end(), [&](TermId a, TermId b) {
    const Term& x = terms.Get(a);
    const Term& y = terms.Get(b);
    bool xt = x.kind == Term::Kind::kIri && x.value == rdf_type, yt = y.kind == Term::Kind::kIri && y.value == rdf_type;
    if (xt != yt) return xt;  // rdf:type sorts first
    return std::tie(x.kind, x.value, x.lang, x.datatype) < std::tie(y.kind, y.value, y.lang, y.datatype);
  });
  std::vector<std::uint32_t> rank(terms.size());
  for (std::uint32_t r = 0; r < ids.size(); ++r) rank[ids[r]] = r;
  return rank;
}

// The temporary file being written, for the interrupt handler: a fixed buffer, because a signal
// handler may only read memory that is not being allocated or freed.
char g_temp_path[4096];
volatile std::sig_atomic_t g_temp_active = 0;

extern "C" void CleanupAndReraise(int sig) {
  if (g_temp_active) ::unlink(g_temp_path);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

}  // namespace

void InstallInterruptCleanup() {
  std::signal(SIGINT, CleanupAndReraise);
  std::signal(SIGTERM, CleanupAndReraise);
  std::signal(SIGHUP, CleanupAndReraise);
}

bool ParseFormat(std::string_view name, Format* out) {
  if (name == "turtle" || name == "ttl") {
    *out = Format::kTurtle;
  } else if (name == "ntriples" || name == "nt" || name == "n-triples") {
    *out = Format::kNTriples;
  } else {
    return false;
  }
  return true;
}

bool FileSink::Write(std::string_view bytes) {
  return std::fwrite(bytes.data(), 1, bytes.size(), f_) == bytes.size();
}

std::string EscapeLiteral(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          AppendHex(&out, 'u', c, 4);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

std::string EscapeIri(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' ||
        c == '\\') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

Status WriteGraph(const graph::Graph& g, Format format, Sink* sink) {
  const auto& terms = g.terms();
  std::vector<graph::Triple> triples = g.triples();
  std::vector<std::uint32_t> rank = TermRanks(terms);
  std::sort(triples.begin(), triples.end(), [&](const graph::Triple& a, const graph::Triple& b) {
    return std::tie(rank[a.s], rank[a.p], rank[a.o]) < std::tie(rank[b.s], rank[b.p], rank[b.o]);
  });
  Buffer out(sink);
  if (format == Format::kNTriples) {
    TermWriter w(terms, false);
    for (const auto& t : triples) {
      out.Put(w.Write(t.s));
      out.Put(' ');
      out.Put(w.Write(t.p));
      out.Put(' ');
      out.Put(w.Write(t.o));
      out.Put(" .\n");
      if (!out.ok()) break;
    }
  } else {
    TermWriter w(terms, true);
    out.Put("# Generated by khabar. Vocabulary: https://w3id.org/khabar/ontology (docs/ontology.md).\n");
    for (const auto& p : vocab::kPrefixes) {
      out.Put("@prefix ");
      out.Put(p.name);
      out.Put(": <");
      out.Put(p.iri);
      out.Put("> .\n");
    }
    std::size_t i = 0;
    while (i < triples.size() && out.ok()) {
      TermId s = triples[i].s;
      out.Put("\n");
      out.Put(w.Write(s));
      bool first_pred = true;
      while (i < triples.size() && triples[i].s == s) {
        TermId p = triples[i].p;
        out.Put(first_pred ? "\n    " : " ;\n    ");
        first_pred = false;
        out.Put(w.Write(p, true));
        out.Put(" ");
        bool first_obj = true;
        while (i < triples.size() && triples[i].s == s && triples[i].p == p) {
          if (!first_obj) out.Put(" ,\n        ");
          first_obj = false;
          out.Put(w.Write(triples[i].o));
          ++i;
        }
      }
      out.Put(" .\n");
    }
  }
  if (!out.Flush()) return Status::IoError("write failed");
  return Status::Ok();
}

Status WriteGraphFile(const graph::Graph& g, Format format, const std::filesystem::path& path) {
  if (path == "-") {
    FileSink sink(stdout);
    KHABAR_RETURN_IF_ERROR(WriteGraph(g, format, &sink));
    if (std::fflush(stdout) != 0) return Status::IoError("standard output: " + std::string(std::strerror(errno)));
    return Status::Ok();
  }
  std::filesystem::path dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) return Status::IoError(path.string() + ": cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno));
  std::string tmp(name.data());
  if (tmp.size() < sizeof g_temp_path) {
    std::memcpy(g_temp_path, tmp.c_str(), tmp.size() + 1);
    g_temp_active = 1;
  }
  struct Deactivate {
    ~Deactivate() { g_temp_active = 0; }
  } deactivate;
  FILE* f = fdopen(fd, "wb");
  if (f == nullptr) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return Status::IoError(path.string() + ": " + std::strerror(errno));
  }
  FileSink sink(f);
  Status st = WriteGraph(g, format, &sink);
  int err = 0;
  if (std::fflush(f) != 0 && err == 0) err = errno;
  if (st.ok() && err == 0 && ::fsync(fileno(f)) != 0 && errno != EINVAL) err = errno;
  if (std::fclose(f) != 0 && err == 0) err = errno;
  if (!st.ok() || err != 0) {
    ::unlink(tmp.c_str());
    return Status::IoError(path.string() + ": " + (err != 0 ? std::strerror(err) : st.message()) +
                           " (previous file left unchanged)");
  }
  // mkstemp creates 0600; give the result the usual permissions.
  ::chmod(tmp.c_str(), 0644);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return Status::IoError(path.string() + ": cannot rename the temporary file: " + std::strerror(e));
  }
  return Status::Ok();
}

}  // namespace khabar::exporter
