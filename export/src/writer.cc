#include "khabar/export/writer.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <numeric>
#include <thread>
#include <unordered_map>

#include "khabar/ontology/vocab.h"

namespace khabar::exporter {
namespace {

using graph::Term;
using graph::TermId;

// Buffers output and forwards it to the sink in large chunks. Terms are appended to str() directly,
// without a std::string per term (the writer's main cost before: docs/performance.md).
class Buffer {
 public:
  explicit Buffer(Sink* sink) : sink_(sink) { buf_.reserve(kChunk + 65536); }
  void Put(std::string_view s) { buf_.append(s); }
  void Put(char c) { buf_.push_back(c); }
  std::string* str() { return &buf_; }
  // Call between statements: hands full chunks to the sink.
  void MaybeFlush() {
    if (buf_.size() >= kChunk) Flush();
  }
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

// Which bytes need escaping, as tables: the writer tests every byte of every term it writes.
constexpr std::array<bool, 256> kLiteralEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  for (unsigned char c : {'\x7F', '"', '\\'}) t[c] = true;
  return t;
}();
constexpr std::array<bool, 256> kIriEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c <= 0x20; ++c) t[c] = true;
  for (unsigned char c : {'<', '>', '"', '{', '}', '|', '^', '`', '\\'}) t[c] = true;
  return t;
}();
bool LiteralCharNeedsEscape(unsigned char c) { return kLiteralEscape[c]; }
bool IriCharNeedsEscape(unsigned char c) { return kIriEscape[c]; }

// The escapes N-Triples/Turtle literals and JSON strings share: '"', '\\', \n \r \t by name, other control
// characters as \uXXXX (and DEL too when `del` says so); other UTF-8 as it is.
void AppendEscapedChars(std::string* out, std::string_view s, bool del) {
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20 || (del && c == 0x7F)) {
          AppendHex(out, 'u', c, 4);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
}

void AppendEscapedLiteral(std::string* out, std::string_view s) {
  if (std::none_of(s.begin(), s.end(), [](char c) { return LiteralCharNeedsEscape(static_cast<unsigned char>(c)); })) {
    out->append(s);
    return;
  }
  AppendEscapedChars(out, s, true);
}

void AppendEscapedIri(std::string* out, std::string_view s) {
  if (std::none_of(s.begin(), s.end(), [](char c) { return IriCharNeedsEscape(static_cast<unsigned char>(c)); })) {
    out->append(s);
    return;
  }
  for (unsigned char c : s) {
    if (IriCharNeedsEscape(c)) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out->append(buf);
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
}

// The content of a JSON string: '"', '\\' and control characters escaped; other UTF-8 as it is.
void AppendJsonString(std::string* out, std::string_view s) { AppendEscapedChars(out, s, false); }

constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
constexpr std::string_view kXsdInteger = "http://www.w3.org/2001/XMLSchema#integer";
constexpr std::string_view kXsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean";

class TermWriter {
 public:
  TermWriter(const graph::TermStore& terms, bool prefixed) : terms_(terms), prefixed_(prefixed) {
    for (const auto& p : vocab::kPrefixes) prefixes_.push_back(p);
    // Longest namespace first, so khe: wins over khr: for entity IRIs.
    std::sort(prefixes_.begin(), prefixes_.end(),
              [](const auto& a, const auto& b) { return a.iri.size() > b.iri.size(); });
  }
  void AppendIri(std::string* out, std::string_view iri) const {
    if (prefixed_) {
      if (iri == kRdfType) {
        out->push_back('a');
        return;
      }
      for (const auto& p : prefixes_) {
        if (iri.size() > p.iri.size() && iri.substr(0, p.iri.size()) == p.iri &&
            ValidLocalName(iri.substr(p.iri.size()))) {
          out->append(p.name);
          out->push_back(':');
          out->append(iri.substr(p.iri.size()));
          return;
        }
      }
    }
    out->push_back('<');
    AppendEscapedIri(out, iri);
    out->push_back('>');
  }
  void Append(std::string* out, TermId id, bool predicate = false) const {
    const graph::TermView t = terms_.View(id);
    if (t.kind == Term::Kind::kIri) {
      if (!predicate && prefixed_ && t.value == kRdfType) {
        out->append("rdf:type");
        return;
      }
      AppendIri(out, t.value);
      return;
    }
    if (prefixed_ && (t.datatype == kXsdInteger || t.datatype == kXsdBoolean)) {
      out->append(t.value);  // Turtle's bare integer / boolean
      return;
    }
    out->push_back('"');
    AppendEscapedLiteral(out, t.value);
    out->push_back('"');
    if (!t.lang.empty()) {
      out->push_back('@');
      out->append(t.lang);
    } else if (!t.datatype.empty()) {
      out->append("^^");
      AppendIri(out, t.datatype);
    }
  }

  // An IRI as the content of a JSON string (for JSON-LD): a compact IRI where a prefix of the context
  // (ontology/context.jsonld, the prefixes of vocab.h) fits as in Turtle, else the whole IRI. The
  // characters Turtle would escape are percent-encoded, as in the other formats, so no JSON escape is
  // needed.
  void AppendJsonIri(std::string* out, std::string_view iri) const {
    for (const auto& p : prefixes_) {
      if (iri.size() > p.iri.size() && iri.substr(0, p.iri.size()) == p.iri &&
          ValidLocalName(iri.substr(p.iri.size()))) {
        out->append(p.name);
        out->push_back(':');
        out->append(iri.substr(p.iri.size()));
        return;
      }
    }
    AppendEscapedIri(out, iri);
  }
  // A term as a JSON-LD node or value object: {"@id": …} or {"@value": …, "@language"/"@type": …}.
  void AppendJson(std::string* out, TermId id) const {
    const graph::TermView t = terms_.View(id);
    if (t.kind == Term::Kind::kIri) {
      out->append("{\"@id\": \"");
      AppendJsonIri(out, t.value);
      out->append("\"}");
      return;
    }
    out->append("{\"@value\": \"");
    AppendJsonString(out, t.value);
    out->push_back('"');
    if (!t.lang.empty()) {
      out->append(", \"@language\": \"");
      AppendJsonString(out, t.lang);
      out->push_back('"');
    } else if (!t.datatype.empty()) {
      out->append(", \"@type\": \"");
      AppendJsonIri(out, t.datatype);
      out->push_back('"');
    }
    out->push_back('}');
  }
  bool IsIri(TermId id) const { return terms_.View(id).kind == Term::Kind::kIri; }
  std::string_view Value(TermId id) const { return terms_.View(id).value; }

 private:
  const graph::TermStore& terms_;
  bool prefixed_;
  std::vector<vocab::Prefix> prefixes_;
};

// A total order of terms by their text (graph::TermOutputLess), computed once; only needed when the
// graph's terms are not already numbered in that order.
std::vector<std::uint32_t> TermRanks(const graph::TermStore& terms) {
  std::vector<TermId> ids(terms.size());
  std::iota(ids.begin(), ids.end(), 0);
  std::sort(ids.begin(), ids.end(),
            [&](TermId a, TermId b) { return graph::TermOutputLess(terms.View(a), terms.View(b)); });
  std::vector<std::uint32_t> rank(terms.size());
  for (std::uint32_t r = 0; r < ids.size(); ++r) rank[ids[r]] = r;
  return rank;
}

// Writes n triples, at(0) … at(n - 1), sorted by subject, as Turtle statements: one per subject, its
// predicates and objects grouped. Used for Turtle and for each graph block of TriG.
template <class At>
void WriteTurtleStatements(const TermWriter& w, Buffer* out, std::size_t n, At at) {
  std::string* o = out->str();
  std::size_t i = 0;
  while (i < n && out->ok()) {
    TermId s = at(i).s;
    o->push_back('\n');
    w.Append(o, s);
    bool first_pred = true;
    while (i < n && at(i).s == s) {
      TermId p = at(i).p;
      o->append(first_pred ? "\n    " : " ;\n    ");
      first_pred = false;
      w.Append(o, p, true);
      o->push_back(' ');
      bool first_obj = true;
      while (i < n && at(i).s == s && at(i).p == p) {
        if (!first_obj) o->append(" ,\n        ");
        first_obj = false;
        w.Append(o, at(i).o);
        ++i;
      }
    }
    o->append(" .\n");
    out->MaybeFlush();
  }
}

// Writes n triples, at(0) … at(n - 1), sorted by subject, as the JSON-LD node objects of one graph:
// "@type" for rdf:type with IRI objects, every other predicate as a key whose value is an array of node
// or value objects. Used for each graph of JSON-LD.
template <class At>
void WriteJsonLdNodes(const TermWriter& w, Buffer* out, std::size_t n, At at) {
  std::string* o = out->str();
  std::size_t i = 0;
  bool first_node = true;
  while (i < n && out->ok()) {
    TermId s = at(i).s;
    o->append(first_node ? "\n        {\"@id\": \"" : ",\n        {\"@id\": \"");
    first_node = false;
    w.AppendJsonIri(o, w.Value(s));
    o->push_back('"');
    while (i < n && at(i).s == s) {
      TermId p = at(i).p;
      std::size_t end = i;
      while (end < n && at(end).s == s && at(end).p == p) ++end;
      const bool types = w.Value(p) == kRdfType && [&] {
        for (std::size_t k = i; k < end; ++k) {
          if (!w.IsIri(at(k).o)) return false;
        }
        return true;
      }();
      if (types) {
        o->append(",\n          \"@type\": [");
        for (std::size_t k = i; k < end; ++k) {
          o->append(k == i ? "\"" : ", \"");
          w.AppendJsonIri(o, w.Value(at(k).o));
          o->push_back('"');
        }
      } else {
        o->append(",\n          \"");
        w.AppendJsonIri(o, w.Value(p));
        o->append("\": [");
        for (std::size_t k = i; k < end; ++k) {
          if (k != i) o->append(", ");
          w.AppendJson(o, at(k).o);
        }
      }
      o->push_back(']');
      i = end;
    }
    o->push_back('}');
    out->MaybeFlush();
  }
}

// Formats triples [begin, end) as N-Triples lines, or as N-Quads lines when `graph_of` (parallel to
// `triples`) is given, appending to `o`. Triples come sorted by subject, and predicates and graphs are
// few: each is rendered once per call.
void FormatLines(const TermWriter& w, std::string* o, const std::vector<graph::Triple>& triples, std::size_t begin,
                 std::size_t end, const std::vector<TermId>* graph_of) {
  std::string subject, graph_label;
  TermId last_s = 0, last_g = 0;
  bool have_s = false, have_g = false;
  std::unordered_map<TermId, std::string> predicates;
  for (std::size_t i = begin; i < end; ++i) {
    const graph::Triple& t = triples[i];
    if (!have_s || t.s != last_s) {
      subject.clear();
      w.Append(&subject, t.s);
      subject.push_back(' ');
      last_s = t.s;
      have_s = true;
    }
    o->append(subject);
    auto [it, fresh] = predicates.try_emplace(t.p);
    if (fresh) {
      w.Append(&it->second, t.p);
      it->second.push_back(' ');
    }
    o->append(it->second);
    w.Append(o, t.o);
    if (graph_of) {
      TermId g = (*graph_of)[i];
      if (!have_g || g != last_g) {
        graph_label.clear();
        graph_label.push_back(' ');
        w.Append(&graph_label, g);
        last_g = g;
        have_g = true;
      }
      o->append(graph_label);
    }
    o->append(" .\n");
  }
}

// Writes the lines of FormatLines to `sink`, formatted in chunks of triples on `threads` threads while
// this thread hands the finished chunks to the sink in order: the bytes are those of one pass. At most
// a ring of chunks is ahead of the sink, so memory does not grow with the graph. False if the sink fails.
bool WriteLines(const TermWriter& w, Sink* sink, const std::vector<graph::Triple>& triples,
                const std::vector<TermId>* graph_of, unsigned threads) {
  constexpr std::size_t kTriplesPerChunk = 16384;  // about 3 MB of text
  const std::size_t chunks = (triples.size() + kTriplesPerChunk - 1) / kTriplesPerChunk;
  auto format = [&](std::size_t k, std::string* o) {
    o->clear();
    FormatLines(w, o, triples, k * kTriplesPerChunk, std::min(triples.size(), (k + 1) * kTriplesPerChunk), graph_of);
  };
  if (threads <= 1 || chunks <= 1) {
    std::string text;
    for (std::size_t k = 0; k < chunks; ++k) {
      format(k, &text);
      if (!sink->Write(text)) return false;
    }
    return true;
  }
  struct Slot {
    std::string text;
    bool ready = false;
  };
  std::vector<Slot> ring(2 * std::size_t{threads} + 2);
  std::mutex mu;
  std::condition_variable cv_ready, cv_free;
  std::size_t next = 0, written = 0;  // chunks claimed by formatters; chunks handed to the sink
  bool stop = false;
  auto formatter = [&] {
    for (;;) {
      std::size_t k;
      {
        std::unique_lock lock(mu);
        cv_free.wait(lock, [&] { return stop || next >= chunks || next < written + ring.size(); });
        if (stop || next >= chunks) return;
        k = next++;
      }
      Slot& slot = ring[k % ring.size()];  // free: chunk k - ring.size() has been written
      format(k, &slot.text);
      {
        std::lock_guard lock(mu);
        slot.ready = true;
      }
      cv_ready.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(formatter);
  bool ok = true;
  for (std::size_t k = 0; k < chunks && ok; ++k) {
    Slot& slot = ring[k % ring.size()];
    {
      std::unique_lock lock(mu);
      cv_ready.wait(lock, [&] { return slot.ready; });
    }
    ok = sink->Write(slot.text);
    {
      std::lock_guard lock(mu);
      slot.ready = false;
      written = k + 1;
      stop = !ok;
    }
    cv_free.notify_all();
  }
  for (auto& t : pool) t.join();
  return ok;
}

void WritePrefixes(Buffer* out) {
  out->Put("# Generated by khabar. Vocabulary: https://w3id.org/khabar/ontology (docs/ontology.md).\n");
  for (const auto& p : vocab::kPrefixes) {
    out->Put("@prefix ");
    out->Put(p.name);
    out->Put(": <");
    out->Put(p.iri);
    out->Put("> .\n");
  }
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
  } else if (name == "nquads" || name == "nq" || name == "n-quads") {
    *out = Format::kNQuads;
  } else if (name == "trig") {
    *out = Format::kTriG;
  } else if (name == "jsonld" || name == "json-ld") {
    *out = Format::kJsonLd;
  } else {
    return false;
  }
  return true;
}

bool FormatForExtension(std::string_view extension, Format* out) {
  if (extension == ".ttl" || extension == ".turtle") {
    *out = Format::kTurtle;
  } else if (extension == ".nt" || extension == ".ntriples") {
    *out = Format::kNTriples;
  } else if (extension == ".nq" || extension == ".nquads") {
    *out = Format::kNQuads;
  } else if (extension == ".trig") {
    *out = Format::kTriG;
  } else if (extension == ".jsonld") {
    *out = Format::kJsonLd;
  } else {
    return false;
  }
  return true;
}

bool HasNamedGraphs(Format format) {
  return format == Format::kNQuads || format == Format::kTriG || format == Format::kJsonLd;
}

bool FileSink::Write(std::string_view bytes) { return std::fwrite(bytes.data(), 1, bytes.size(), f_) == bytes.size(); }

std::string EscapeLiteral(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  AppendEscapedLiteral(&out, s);
  return out;
}

std::string EscapeIri(std::string_view s) {
  std::string out;
  AppendEscapedIri(&out, s);
  return out;
}

namespace {

// N-Quads, TriG and JSON-LD write each triple's graph: the graph must have them.
Status CheckNamedGraphs(const graph::Graph& g, Format format) {
  if (HasNamedGraphs(format) && (g.graph_of().size() != g.triples().size() || !g.terms().ordered())) {
    return Status::InvalidArgument(
        "N-Quads, TriG and JSON-LD need a finished graph built with named graphs (GraphOptions::named_graphs)");
  }
  return Status::Ok();
}

}  // namespace

GraphWriter::GraphWriter(Format format, Sink* sink, unsigned threads)
    : format_(format), sink_(sink), threads_(std::max(1u, threads)) {}

Status GraphWriter::Begin() {
  Buffer out(sink_);
  if (format_ == Format::kJsonLd) {
    out.Put("{\n  \"@context\": \"");
    out.Put(kContextIri);
    out.Put("\",\n  \"@graph\": [");
  } else if (format_ != Format::kNTriples && format_ != Format::kNQuads) {
    WritePrefixes(&out);
  }
  if (!out.Flush()) return Status::IoError("write failed");
  return Status::Ok();
}

Status GraphWriter::End() {
  if (format_ != Format::kJsonLd) return Status::Ok();
  if (!sink_->Write("\n  ]\n}\n")) return Status::IoError("write failed");
  return Status::Ok();
}

Status GraphWriter::Write(const graph::Graph& g) {
  KHABAR_RETURN_IF_ERROR(CheckNamedGraphs(g, format_));
  return WriteTriples(g.terms(), g.triples(), g.graph_of());
}

Status GraphWriter::Write(const graph::GraphPart& part) {
  if (HasNamedGraphs(format_) && part.graph_of().size() != part.triples().size()) {
    return Status::InvalidArgument("N-Quads, TriG and JSON-LD need the parts of a graph built with named graphs");
  }
  return WriteTriples(part.terms(), part.triples(), part.graph_of());
}

Status GraphWriter::WriteTriples(const graph::TermStore& terms, const std::vector<graph::Triple>& all,
                                 const std::vector<TermId>& graph_of) {
  // A finished graph or part numbers its terms in output order and sorts its triples by id (graph.h):
  // stream them as they are. Otherwise copy and sort by rank.
  const std::vector<graph::Triple>* in = &all;
  std::vector<graph::Triple> copy;
  auto by_id = [](const graph::Triple& a, const graph::Triple& b) {
    return std::tie(a.s, a.p, a.o) < std::tie(b.s, b.p, b.o);
  };
  if (!terms.ordered() || !std::is_sorted(in->begin(), in->end(), by_id)) {
    std::vector<std::uint32_t> rank = TermRanks(terms);
    copy = *in;
    std::sort(copy.begin(), copy.end(), [&](const graph::Triple& a, const graph::Triple& b) {
      return std::tie(rank[a.s], rank[a.p], rank[a.o]) < std::tie(rank[b.s], rank[b.p], rank[b.o]);
    });
    in = &copy;
  }
  const std::vector<graph::Triple>& triples = *in;
  if (format_ == Format::kNTriples || format_ == Format::kNQuads) {
    TermWriter w(terms, false);
    if (!WriteLines(w, sink_, triples, format_ == Format::kNQuads ? &graph_of : nullptr, threads_)) {
      return Status::IoError("write failed");
    }
    return Status::Ok();
  }
  Buffer out(sink_);
  TermWriter w(terms, true);
  if (format_ == Format::kTurtle) {
    WriteTurtleStatements(w, &out, triples.size(), [&](std::size_t i) -> const graph::Triple& { return triples[i]; });
  } else {  // TriG and JSON-LD: the triples of each graph in turn, graphs in IRI (= term id) order
    std::vector<std::size_t> order(triples.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return graph_of[a] < graph_of[b]; });
    const bool json = format_ == Format::kJsonLd;
    std::string* o = out.str();
    std::size_t i = 0;
    while (i < order.size() && out.ok()) {
      TermId gr = graph_of[order[i]];
      std::size_t end = i;
      while (end < order.size() && graph_of[order[end]] == gr) ++end;
      auto at = [&](std::size_t k) -> const graph::Triple& { return triples[order[i + k]]; };
      if (json) {
        o->append(first_graph_ ? "\n    {\"@id\": \"" : ",\n    {\"@id\": \"");
        first_graph_ = false;
        w.AppendJsonIri(o, w.Value(gr));
        o->append("\", \"@graph\": [");
        WriteJsonLdNodes(w, &out, end - i, at);
        o->append("\n    ]}");
      } else {
        o->push_back('\n');
        w.Append(o, gr);
        o->append(" {");
        WriteTurtleStatements(w, &out, end - i, at);
        o->append("}\n");
      }
      i = end;
    }
  }
  if (!out.Flush()) return Status::IoError("write failed");
  return Status::Ok();
}

Status WriteGraph(const graph::Graph& g, Format format, Sink* sink, unsigned threads) {
  KHABAR_RETURN_IF_ERROR(CheckNamedGraphs(g, format));  // before the header: nothing written
  GraphWriter w(format, sink, threads);
  KHABAR_RETURN_IF_ERROR(w.Begin());
  KHABAR_RETURN_IF_ERROR(w.Write(g));
  return w.End();
}

namespace {

// The temporary beside `path` is ".<name>.tmp.<pid>.XXXXXX", with <name> cut (at a UTF-8 boundary) so that the
// whole stays within NAME_MAX even for an output name of 255 bytes.
std::string TempPrefix(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  constexpr std::size_t kMaxName = 255 - 40;  // room for ".", ".tmp.", a pid and ".XXXXXX"
  if (name.size() > kMaxName) {
    std::size_t cut = kMaxName;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    name.resize(cut);
  }
  return "." + name + ".tmp.";
}

// Removes temporaries of the same output left by a run that was killed (kill -9, a power cut): those whose
// process is gone and that have not been written to for a minute. A concurrent writer's temporary is kept.
void RemoveStaleTemporaries(const std::filesystem::path& dir, const std::string& prefix) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec), end;
  const auto now = std::filesystem::file_time_type::clock::now();
  for (; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() + 7 || name.compare(0, prefix.size(), prefix) != 0) continue;
    std::string rest = name.substr(prefix.size());  // "<pid>.XXXXXX"
    std::size_t dot = rest.find('.');
    if (dot == 0 || dot == std::string::npos || rest.size() - dot != 7) continue;
    if (!std::all_of(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(dot),
                     [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    pid_t pid = static_cast<pid_t>(std::strtol(rest.c_str(), nullptr, 10));
    if (pid <= 0 || (::kill(pid, 0) == 0 || errno == EPERM)) continue;  // its writer still runs
    std::error_code e2;
    auto mtime = std::filesystem::last_write_time(it->path(), e2);
    if (e2 || now - mtime < std::chrono::minutes(1)) continue;
    std::filesystem::remove(it->path(), e2);
  }
}

// The mode the output gets: an existing file's, else what the umask leaves of 0666 (as a plain open would).
mode_t OutputMode(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return st.st_mode & 07777;
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

// A sink over a file descriptor (not owned) that writes with O_DIRECT where the file system allows it:
// the output of a large build (GBs of N-Triples) then goes from an aligned buffer to the disk without a
// copy into the page cache, which cost as much CPU as formatting it (it is synced before the rename
// anyway). Where O_DIRECT is refused (at fcntl or at the first write: tmpfs, some network file
// systems) the same bytes are written plainly. Finish() writes the unaligned tail and must be called.
class FdSink : public Sink {
 public:
  explicit FdSink(int fd) : fd_(fd) {
    int flags = ::fcntl(fd_, F_GETFL);
    direct_ = flags != -1 && ::fcntl(fd_, F_SETFL, flags | O_DIRECT) == 0;
    buf_.reset(static_cast<char*>(std::aligned_alloc(kAlign, kBufSize)));
    if (!buf_ && direct_) SetDirect(false);
  }
  bool Write(std::string_view bytes) override {
    if (!buf_) return WriteAll(bytes);
    while (!bytes.empty()) {
      std::size_t n = std::min(bytes.size(), kBufSize - used_);
      std::memcpy(buf_.get() + used_, bytes.data(), n);
      used_ += n;
      bytes.remove_prefix(n);
      if (used_ == kBufSize) {
        used_ = 0;
        if (!WriteAll({buf_.get(), kBufSize})) return false;
      }
    }
    return true;
  }
  // Writes what is buffered: whole blocks as they are, the partial last block without O_DIRECT. False
  // on failure (error() says why).
  bool Finish() {
    if (!buf_ || used_ == 0) return error_ == 0;
    std::string_view rest(buf_.get(), used_);
    used_ = 0;
    std::size_t whole = rest.size() / kAlign * kAlign;
    if (!WriteAll(rest.substr(0, whole))) return false;
    SetDirect(false);
    return WriteAll(rest.substr(whole));
  }
  int error() const { return error_; }

 private:
  static constexpr std::size_t kAlign = 4096, kBufSize = std::size_t{8} << 20;
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  void SetDirect(bool on) {
    int flags = ::fcntl(fd_, F_GETFL);
    if (flags != -1) ::fcntl(fd_, F_SETFL, on ? (flags | O_DIRECT) : (flags & ~O_DIRECT));
    direct_ = on;
  }
  // write(2) until done, retrying after EINTR; a short or refused direct write (EINVAL: alignment the
  // device does not take) is finished plainly.
  bool WriteAll(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EINVAL && direct_) {
        SetDirect(false);
        continue;
      }
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        return false;
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
      if (direct_ && !bytes.empty()) SetDirect(false);  // a short direct write leaves the offset unaligned
    }
    return true;
  }

  int fd_;
  bool direct_ = false;
  std::unique_ptr<char, Free> buf_;
  std::size_t used_ = 0;
  int error_ = 0;
};

}  // namespace

Status WriteOutputFile(const std::filesystem::path& path, const std::function<Status(Sink*)>& write) {
  if (path == "-") {
    FileSink sink(stdout);
    KHABAR_RETURN_IF_ERROR(write(&sink));
    if (std::fflush(stdout) != 0) return Status::IoError("standard output: " + std::string(std::strerror(errno)));
    return Status::Ok();
  }
  std::filesystem::path dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  const std::string prefix = TempPrefix(path);
  RemoveStaleTemporaries(dir, prefix);
  std::string tmpl = (dir / (prefix + std::to_string(::getpid()) + ".XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0)
    return Status::IoError(path.string() + ": cannot create a temporary file in " + dir.string() + ": " +
                           std::strerror(errno));
  std::string tmp(name.data());
  if (tmp.size() < sizeof g_temp_path) {
    std::memcpy(g_temp_path, tmp.c_str(), tmp.size() + 1);
    g_temp_active = 1;
  }
  struct Deactivate {
    ~Deactivate() { g_temp_active = 0; }
  } deactivate;
  // mkstemp creates 0600; the result gets the mode a plain write would give it.
  ::fchmod(fd, OutputMode(path));
  FdSink sink(fd);
  Status st = write(&sink);
  int err = 0;
  if (!sink.Finish() || sink.error() != 0) err = sink.error() != 0 ? sink.error() : EIO;
  if (st.ok() && err == 0 && ::fsync(fd) != 0 && errno != EINVAL) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (!st.ok() || err != 0) {
    ::unlink(tmp.c_str());
    return Status::IoError(path.string() + ": " + (err != 0 ? std::strerror(err) : st.message()) +
                           " (previous file left unchanged)");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return Status::IoError(path.string() + ": cannot rename the temporary file: " + std::strerror(e));
  }
  return Status::Ok();
}

Status WriteGraphFile(const graph::Graph& g, Format format, const std::filesystem::path& path, unsigned threads) {
  return WriteOutputFile(path, [&](Sink* sink) { return WriteGraph(g, format, sink, threads); });
}

}  // namespace khabar::exporter
