// SPARQL over a graph file, through librdf/Rasqal.
//
// For small graphs (an article to a few hundred): Rasqal is an in-memory engine whose GROUP BY/ORDER
// BY become slow beyond ~100k triples (measured: 56 s at 100k). For larger graphs load the output into
// Virtuoso (docs/virtuoso.md) and query its endpoint.
//
// Only queries are accepted (SELECT, ASK, CONSTRUCT); SPARQL Update is refused, and so is DESCRIBE,
// which Rasqal 0.9.33 does not implement (the private triple store answers it: khabar query --engine
// virtuoso).
//
// Thread safety: each call builds its own librdf world; calls may run concurrently.
#ifndef KHABAR_EXPORT_SPARQL_H_
#define KHABAR_EXPORT_SPARQL_H_

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "khabar/ontology/status.h"

namespace khabar::exporter {

// One bound value: its N-Triples form (<iri>, "lex"@ar, "5"^^<xsd:integer>) and a display form
// (the IRI or the lexical form).
struct Binding {
  std::string ntriples;
  std::string display;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<Binding>>> rows;
  std::optional<bool> boolean;  // ASK
  bool graph = false;           // CONSTRUCT: rows are triples (subject, predicate, object)
};

struct LocalQueryOptions {
  // Let SERVICE, FROM and FROM NAMED read other data: Rasqal fetches any URL (connecting to any host)
  // and reads local files (SERVICE <file:///…>). Off: such queries are refused.
  bool allow_service = false;
};

// Runs `query` (SPARQL 1.1 text) over the RDF file at `graph` (Turtle .ttl or N-Triples .nt).
// The query is first parsed by Rasqal in a child process: a query that crashes Rasqal 0.9.33's parser
// (docs/queries.md) gives an error instead of taking the caller down. That child is made with fork():
// call RunQuery while no other thread of the process holds a lock the child needs (malloc's are safe in
// glibc; the CLI's watchdog thread only waits on its own condition variable), or the child may block.
// The rows are put in the query's ORDER BY order (Rasqal does not always honour it).
// Errors: NotFound (no such file), ParseError (invalid graph, or a query syntax error with its line),
// Unsupported (SPARQL Update; SERVICE or FROM without allow_service; a query that crashes Rasqal).
[[nodiscard]] Status RunQuery(const std::filesystem::path& graph, const std::string& query,
                              const LocalQueryOptions& options, QueryResult* out);
// The same with the default options.
[[nodiscard]] Status RunQuery(const std::filesystem::path& graph, const std::string& query, QueryResult* out);

// kTurtle and kNTriples are the RDF of a CONSTRUCT or DESCRIBE (N-Triples sorted, one triple a line);
// such a query asked for as a table is written as Turtle.
enum class ResultFormat { kTable, kCsv, kTsv, kJson, kNTriples, kTurtle };
bool ParseResultFormat(std::string_view name, ResultFormat* out);
// Writes results; the table format pads by display width (Arabic is one column per character and
// combining marks take none), suitable for a terminal.
void WriteResult(const QueryResult& r, ResultFormat f, std::ostream& out);

}  // namespace khabar::exporter

#endif  // KHABAR_EXPORT_SPARQL_H_
