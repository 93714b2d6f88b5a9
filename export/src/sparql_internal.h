// Private to export/: helpers shared by the librdf query runner (sparql.cc), the SPARQL endpoint
// client (endpoint.cc) and the Graphviz views (dot.cc).
#ifndef KHABAR_EXPORT_SPARQL_INTERNAL_H_
#define KHABAR_EXPORT_SPARQL_INTERNAL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "khabar/export/sparql.h"

namespace khabar::exporter::internal {

// A SPARQL token, as the grammar's lexer reads it: keywords upper-cased (prefixed names and blank node
// labels, which contain ':', as written); a sign and the number after it are one token (kSignedNumber).
struct SparqlToken {
  enum Kind { kWord, kIri, kString, kVar, kNumber, kSignedNumber, kPunct };
  Kind kind;
  std::string text;
};
// Splits SPARQL text into tokens; comments and white space are dropped. Never fails: what it cannot
// read becomes kPunct tokens, left for the real parser to refuse.
std::vector<SparqlToken> TokenizeSparql(std::string_view query);

// The triples of a graph result (a CONSTRUCT's or DESCRIBE's rows: subject, predicate, object) as
// N-Triples, one a line, sorted and without duplicates.
std::string GraphAsNTriples(const QueryResult& r);
// The same triples as Turtle with the project's prefixes (vocab::kPrefixes), through librdf's serializer.
[[nodiscard]] Status GraphAsTurtle(const QueryResult& r, std::string* out);
// Reads an N-Triples document (an endpoint's answer to CONSTRUCT or DESCRIBE) as a graph result.
[[nodiscard]] Status ParseNTriplesGraph(const std::string& text, QueryResult* out);

// True if `query` is SPARQL Update: an update keyword (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD,
// MOVE, COPY, WITH) as a token anywhere. Decided on tokens, so comments, strings, IRIs, prefixed names and variables
// never count, and "LOAD<file:…>" or "INSERT INTO <g>" always do. Khabar only reads graphs.
bool IsSparqlUpdate(const std::string& query);

// "SERVICE" when the query has that keyword, else "FROM" when it has that one (clauses that make the
// engine read a URL or a local file), else empty.
std::string FetchingClause(const std::string& query);

// True if the query has an expression Rasqal 0.9.33 aborts on while parsing: three or more signed
// numbers in one sum (1+1+1+1, ?x-1-1-1). Only used to explain a crash; over-eager is harmless.
bool HitsRasqalSignedNumberAbort(const std::string& query);

// The lexical form of a literal escaped for N-Triples: \" \\ \n \r \t, other control characters (C0,
// DEL, C1) as \u00XX; other characters as they are.
std::string EscapeNTriplesString(std::string_view s);

// `s` with every control character (C0, DEL and C1, U+0080-U+009F) except those in `keep` written as
// visible text (\x1B, \u009B), for output that may reach a terminal: an ESC sequence from the data
// (an outlet name, a label) could otherwise clear the screen or set the window title.
std::string EscapeControls(std::string_view s, std::string_view keep = {});

// One key of a query's top-level ORDER BY: the first bound of `terms` (variable names without '?', or
// constants as N-Triples literals), ascending unless `descending`.
struct OrderKey {
  std::vector<std::string> terms;
  std::vector<bool> is_var;
  bool descending = false;
};
// The keys of the query's ORDER BY when it is at the top level and made only of variables, ASC(?v),
// DESC(?v) and COALESCE(?v, …, "literal"^^type); nullopt when there is none or it holds anything else.
std::optional<std::vector<OrderKey>> ParseOrderBy(const std::string& query);

// Sorts rows by `keys` as SPARQL 1.1 orders solutions (15.1: unbound, then blank nodes, then IRIs, then
// literals; numbers by value), stably, so that rows equal on every key keep the engine's order. Rows are
// left as they are when a key names a variable that is not a result column.
// Rasqal 0.9.33 ignores some keys (DESC(?value) when an earlier key is unbound): the embedded engine's
// rows are put in order here.
void SortRows(const std::vector<OrderKey>& keys, QueryResult* result);

}  // namespace khabar::exporter::internal

#endif  // KHABAR_EXPORT_SPARQL_INTERNAL_H_
