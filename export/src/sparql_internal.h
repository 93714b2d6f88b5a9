// Private to export/: helpers shared by the librdf query runner (sparql.cc), the SPARQL endpoint
// client (endpoint.cc) and the Graphviz views (dot.cc).
#ifndef KHABAR_EXPORT_SPARQL_INTERNAL_H_
#define KHABAR_EXPORT_SPARQL_INTERNAL_H_

#include <string>
#include <string_view>

namespace khabar::exporter::internal {

// True if `query` is SPARQL Update (INSERT/DELETE/LOAD/CLEAR/DROP/CREATE/ADD/MOVE/COPY/WITH), looking
// past comments, string literals and IRIs. Khabar only reads graphs, locally or at an endpoint.
bool IsSparqlUpdate(const std::string& query);

// The lexical form of a literal escaped for N-Triples: \" \\ \n \r \t; other characters as they are.
std::string EscapeNTriplesString(std::string_view s);

}  // namespace khabar::exporter::internal

#endif  // KHABAR_EXPORT_SPARQL_INTERNAL_H_
