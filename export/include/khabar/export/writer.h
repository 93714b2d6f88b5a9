// Writing the graph as Turtle, N-Triples, N-Quads or TriG: streamed, deterministic, atomic.
//
// The writers read graph/'s compact store and stream bytes; no librdf model is built. Output is
// sorted (subjects by IRI, rdf:type first, then predicates and objects by their text), so the same
// corpus gives identical bytes run after run and for any number of threads. Turtle groups each
// subject's triples and uses the prefixes of ontology/vocab.h.
//
// N-Quads and TriG write each triple in its named graph (graph::Graph::graph_of: an article's facts in
// the graph named by the article's IRI, the merged entities and the happenings in graphs of their
// own); they need a graph built with GraphOptions::named_graphs. N-Quads is in the N-Triples order with
// the graph last; TriG writes one block per graph, graphs in IRI order, each block as Turtle. JSON-LD
// writes the same graphs in the same order as named graph objects ({"@id": graph, "@graph": [nodes]}),
// under the context kContextIri (its prefixes, so IRIs are written as in Turtle), every value as an
// explicit node or value object so that it reads back to exactly the N-Quads.
//
// Thread safety: the functions are reentrant; a Graph must not be modified while it is written.
#ifndef KHABAR_EXPORT_WRITER_H_
#define KHABAR_EXPORT_WRITER_H_

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "khabar/graph/graph.h"
#include "khabar/ontology/status.h"

namespace khabar::exporter {

enum class Format { kTurtle, kNTriples, kNQuads, kTriG, kJsonLd };

// The IRI of the JSON-LD context that JSON-LD output names (its prefixes; shipped as
// ontology/context.jsonld).
inline constexpr std::string_view kContextIri = "https://w3id.org/khabar/context.jsonld";

// Parses "turtle"/"ttl", "ntriples"/"nt"/"n-triples", "nquads"/"nq"/"n-quads", "trig" and
// "jsonld"/"json-ld"; false for anything else.
bool ParseFormat(std::string_view name, Format* out);
// The format of an output file name's extension (.ttl/.turtle, .nt/.ntriples, .nq/.nquads, .trig, .jsonld), or
// false for any other extension.
bool FormatForExtension(std::string_view extension, Format* out);
// Whether the format writes named graphs (N-Quads, TriG, JSON-LD): the graph must then be built with
// GraphOptions::named_graphs.
bool HasNamedGraphs(Format format);

// Where bytes go. Write() returns false on failure (disk full, closed pipe); the writer stops and
// reports an I/O error.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual bool Write(std::string_view bytes) = 0;
};

// A sink over a C stream (not owned); buffered by the writer.
class FileSink : public Sink {
 public:
  explicit FileSink(std::FILE* f) : f_(f) {}
  bool Write(std::string_view bytes) override;

 private:
  std::FILE* f_;
};

// Streams the graph to `sink`. Returns IoError if the sink fails, InvalidArgument for N-Quads or TriG
// of a graph without named graphs (nothing written then). N-Triples and N-Quads are formatted in chunks
// on `threads` threads and handed to the sink in order (the bytes do not depend on `threads`).
[[nodiscard]] Status WriteGraph(const graph::Graph& g, Format format, Sink* sink, unsigned threads = 1);

// A graph written in parts: Begin(), Write() for each part (a finished Graph, or the GraphParts of a
// streaming build: its articles in batches, then the graph itself for the corpus-wide triples), End().
// Each part is written as WriteGraph writes a graph; a subject or a named graph with triples in two parts
// is written twice (two Turtle statements, two TriG blocks, two JSON-LD graph objects with one @id), which
// every reader merges: the triples are the union of the parts'. Not thread-safe.
class GraphWriter {
 public:
  GraphWriter(Format format, Sink* sink, unsigned threads = 1);
  // The header: Turtle and TriG prefixes, JSON-LD's context.
  [[nodiscard]] Status Begin();
  // InvalidArgument (nothing written) for a named-graph format and a graph or part without named graphs.
  [[nodiscard]] Status Write(const graph::Graph& g);
  [[nodiscard]] Status Write(const graph::GraphPart& part);
  [[nodiscard]] Status End();

 private:
  Status WriteTriples(const graph::TermStore& terms, const std::vector<graph::Triple>& triples,
                      const std::vector<graph::TermId>& graph_of);
  Format format_;
  Sink* sink_;
  unsigned threads_;
  bool first_graph_ = true;  // JSON-LD: no comma before the first graph object
};

// Writes the graph to `path` atomically: a temporary file in the same directory, flushed and synced,
// then renamed over `path`. On any failure the temporary file is removed and `path` is left as it
// was. `path` "-" writes to standard output (not atomic). Where the file system allows it the file is
// written with O_DIRECT (a large output is not copied into the page cache; it is synced anyway).
// `threads`: as for WriteGraph.
[[nodiscard]] Status WriteGraphFile(const graph::Graph& g, Format format, const std::filesystem::path& path,
                                    unsigned threads = 1);

// Runs `write` on a sink over `path` with the atomicity of WriteGraphFile (a temporary file, synced and
// renamed; on failure `path` is left as it was; "-" is standard output): for a graph written in parts.
[[nodiscard]] Status WriteOutputFile(const std::filesystem::path& path, const std::function<Status(Sink*)>& write);

// Installs SIGINT/SIGTERM/SIGHUP handlers that remove the temporary file of a WriteGraphFile in
// progress and then let the signal terminate the process as usual: an interrupted run never leaves a
// half-written graph, nor a stray temporary file.
void InstallInterruptCleanup();

// Turtle/N-Triples escaping of a literal's lexical form and of an IRI (exposed for tests).
std::string EscapeLiteral(std::string_view s);
std::string EscapeIri(std::string_view s);

}  // namespace khabar::exporter

#endif  // KHABAR_EXPORT_WRITER_H_
