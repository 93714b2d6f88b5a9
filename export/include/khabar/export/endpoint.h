// SPARQL over HTTP: runs a query at the SPARQL endpoint of a triple store on this machine, such as the
// private Virtuoso of scripts/virtuoso.sh (docs/virtuoso.md), and returns the same QueryResult as
// RunQuery over a file, so `khabar query --endpoint URL` prints in the same formats.
//
// HTTP is libcurl's (one POST of an HTML form per query; results read as application/sparql-results+json
// with nlohmann/json). Only endpoints on this machine are accepted (127.0.0.0/8, ::1, "localhost", which
// is never looked up), over plain http: curl is told to use no proxy whatever the environment says
// (http_proxy, ALL_PROXY), to follow no redirect and to speak no other protocol. SPARQL Update is refused.
//
// Thread safety: calls share no state and may run concurrently.
#ifndef KHABAR_EXPORT_ENDPOINT_H_
#define KHABAR_EXPORT_ENDPOINT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "khabar/export/sparql.h"
#include "khabar/ontology/status.h"

namespace khabar::exporter {

struct EndpointOptions {
  // Sent as default-graph-uri: the named graph the query reads (scripts/virtuoso.sh loads into
  // https://w3id.org/khabar/graph). Empty: the endpoint's own default dataset.
  std::string default_graph;
  // Limit for connecting, and then for the whole answer.
  int timeout_ms = 120000;
  // Let a SERVICE clause through (the store would fetch from another endpoint); refused otherwise.
  bool allow_service = false;
};

// Runs `query` at `url` (http://127.0.0.1:8890/sparql). Errors: InvalidArgument (not an http:// URL on
// this machine), Unsupported (SPARQL Update; CONSTRUCT/DESCRIBE; SERVICE without
// allow_service), IoError (connection refused, timeout,
// HTTP status other than 2xx, with the server's message), ParseError (query rejected by the endpoint
// with HTTP 400, or an answer that is not SPARQL JSON results).
[[nodiscard]] Status RunEndpointQuery(std::string_view url, const std::string& query, const EndpointOptions& options,
                                      QueryResult* out);

// Parts of an endpoint URL (exposed for tests). `host` is the numeric address that will be used.
struct EndpointUrl {
  std::string host;  // "127.0.0.1" or "::1"
  std::uint16_t port = 80;
  std::string path;  // "/sparql"; never empty
};
[[nodiscard]] Status ParseEndpointUrl(std::string_view url, EndpointUrl* out);

// Parses a SPARQL 1.1 Query Results JSON document (SELECT bindings or an ASK boolean). Accepts
// Virtuoso's "typed-literal" term type as a literal with a datatype.
[[nodiscard]] Status ParseSparqlJsonResults(std::string_view json, QueryResult* out);

}  // namespace khabar::exporter

#endif  // KHABAR_EXPORT_ENDPOINT_H_
