#include "khabar/export/endpoint.h"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <cctype>
#include <chrono>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <utility>
#include <vector>

#include "sparql_internal.h"

namespace khabar::exporter {
namespace {

using Json = nlohmann::json;

// RAII owners for libcurl handles.
struct CurlCleanup {
  void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
};
struct SlistCleanup {
  void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
struct CurlFree {
  void operator()(char* s) const noexcept { curl_free(s); }
};
using Curl = std::unique_ptr<CURL, CurlCleanup>;
using Slist = std::unique_ptr<curl_slist, SlistCleanup>;
using CurlString = std::unique_ptr<char, CurlFree>;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// True for a numeric IPv4 address in 127.0.0.0/8.
bool IsLoopbackV4(const std::string& host) {
  in_addr a{};
  return inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

// An RDF term of SPARQL JSON results ({"type": "uri", "value": …}) in N-Triples and display form.
Status TermToBinding(const Json& term, Binding* out) {
  if (!term.is_object() || !term.contains("type") || !term.contains("value") || !term["type"].is_string() ||
      !term["value"].is_string()) {
    return Status::ParseError("endpoint answer: an RDF term without a type and a value");
  }
  const std::string type = term["type"].get<std::string>();
  const std::string value = term["value"].get<std::string>();
  out->display = value;
  if (type == "uri") {
    out->ntriples = "<" + value + ">";
  } else if (type == "bnode") {
    out->display = "_:" + value;
    out->ntriples = out->display;
  } else if (type == "literal" || type == "typed-literal") {  // typed-literal: Virtuoso's older form
    out->ntriples = "\"" + internal::EscapeNTriplesString(value) + "\"";
    auto lang = term.find("xml:lang");
    auto datatype = term.find("datatype");
    if (lang != term.end() && lang->is_string() && !lang->get<std::string>().empty()) {
      out->ntriples += "@" + lang->get<std::string>();
    } else if (datatype != term.end() && datatype->is_string() && !datatype->get<std::string>().empty()) {
      out->ntriples += "^^<" + datatype->get<std::string>() + ">";
    }
  } else {
    return Status::ParseError("endpoint answer: unknown RDF term type '" + type + "'");
  }
  return Status::Ok();
}

// What the transfer brought back.
struct HttpResponse {
  long status = 0;
  std::string reason;
  std::string content_type;
  std::string sql_state;  // Virtuoso's X-SQL-State (S1TAT: the query was cut short at its timeout)
  std::string body;
};

extern "C" std::size_t OnBody(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<HttpResponse*>(user)->body.append(data, size * n);
  return size * n;
}

// Header lines, one per call: the status line's reason phrase and Virtuoso's X-SQL-State.
extern "C" std::size_t OnHeader(char* data, std::size_t size, std::size_t n, void* user) {
  auto* r = static_cast<HttpResponse*>(user);
  std::string line(data, size * n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (after a 100 Continue, say): start over
    std::size_t sp = line.find(' ');
    std::size_t sp2 = sp == std::string::npos ? sp : line.find(' ', sp + 1);
    r->reason = sp2 == std::string::npos ? "" : line.substr(sp2 + 1);
    r->sql_state.clear();
  } else if (std::size_t colon = line.find(':'); colon != std::string::npos) {
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    if (Lower(line.substr(0, colon)) == "x-sql-state") r->sql_state = value;
  }
  return size * n;
}

// A message for a failed transfer, naming the endpoint.
Status TransferError(CURLcode rc, const std::string& where, const char* detail) {
  std::string why = detail && *detail ? detail : curl_easy_strerror(rc);
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
      return Status::IoError("cannot connect to " + where + ": " + why +
                             " (is the triple store running? scripts/virtuoso.sh status DIR)");
    case CURLE_OPERATION_TIMEDOUT:
      return Status::IoError("waiting for " + where + ": timed out (" + why + ")");
    case CURLE_GOT_NOTHING:
      return Status::IoError(where + ": the endpoint closed the connection without answering");
    default:
      return Status::IoError(where + ": " + why);
  }
}

// One POST of `form` to the endpoint `u`, asking for `accept`. Only plain http to the numeric loopback
// address of `u`: no proxy (whatever the environment says), no redirect, no other protocol.
Status Post(const EndpointUrl& u, const std::string& form, const std::string& accept, long timeout_ms,
            HttpResponse* out) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  Curl curl(curl_easy_init());
  if (!curl) return Status::Internal("libcurl: cannot create a handle");
  std::string host = u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host;
  std::string where = host + ":" + std::to_string(u.port);
  std::string url = "http://" + where + u.path;
  Slist headers(curl_slist_append(nullptr, ("Accept: " + accept).c_str()));
  headers.reset(curl_slist_append(headers.release(), "Content-Type: application/x-www-form-urlencoded; charset=UTF-8"));
  headers.reset(curl_slist_append(headers.release(), "Expect:"));  // no 100-continue round trip
  if (!headers) return Status::Internal("libcurl: cannot build the request headers");
  char error[CURL_ERROR_SIZE] = {0};
  CURL* h = curl.get();
  bool ok = curl_easy_setopt(h, CURLOPT_URL, url.c_str()) == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http") == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http") == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_PROXY, "") == CURLE_OK &&  // "": never a proxy, not even http_proxy
            curl_easy_setopt(h, CURLOPT_NOPROXY, "*") == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_USERAGENT, "khabar/0.1") == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get()) == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, form.c_str()) == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(form.size())) == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms, 10000L)) == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms) == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnBody) == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_WRITEDATA, out) == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader) == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_HEADERDATA, out) == CURLE_OK &&
            curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error) == CURLE_OK;
  if (!ok) return Status::Internal("libcurl: cannot set the request's options (libcurl too old?)");
  if (CURLcode rc = curl_easy_perform(h); rc != CURLE_OK) return TransferError(rc, where, error);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out->status);
  char* type = nullptr;
  if (curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) out->content_type = Lower(type);
  return Status::Ok();
}

// `s` percent-encoded for an HTML form (application/x-www-form-urlencoded).
std::string FormEncode(const std::string& s) {
  CurlString e(curl_easy_escape(nullptr, s.c_str(), static_cast<int>(s.size())));
  return e ? std::string(e.get()) : std::string();
}

// What a server's error answer says: Virtuoso's error line ("Virtuoso 4000X Error SR177: …", which may
// follow the start of a JSON answer it could not finish), else the first non-empty line.
std::string ErrorLine(const std::string& text) {
  static const std::regex kVirtuoso(R"(Virtuoso \w+ Error [^\r\n]*)");
  std::smatch m;
  if (std::regex_search(text, m, kVirtuoso)) return m.str();
  std::size_t begin = text.find_first_not_of("\r\n \t");
  if (begin == std::string::npos) return "";
  std::size_t end = text.find_first_of("\r\n", begin);
  return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

// True for CONSTRUCT and DESCRIBE, whose answer is RDF rather than rows. Comments are stripped line by
// line first, so the form is found after a header comment.
bool IsGraphQuery(const std::string& query) {
  static const std::regex kGraphForm(R"(^\s*(PREFIX\s+\S*\s*<[^>]*>\s*|BASE\s*<[^>]*>\s*)*(CONSTRUCT|DESCRIBE)\b)",
                                     std::regex::icase);
  std::string code;
  for (std::size_t i = 0; i < query.size();) {
    std::size_t eol = query.find('\n', i);
    std::string line = query.substr(i, eol == std::string::npos ? std::string::npos : eol - i);
    i = eol == std::string::npos ? query.size() : eol + 1;
    std::size_t hash = line.find('#');
    if (hash != std::string::npos && line.find_first_of("<\"'") > hash) line.resize(hash);
    code += line + "\n";
  }
  return std::regex_search(code, kGraphForm);
}

}  // namespace

Status ParseEndpointUrl(std::string_view url, EndpointUrl* out) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, 8) == "https://") {
    return Status::InvalidArgument(
        std::string(url) +
        ": https is not supported: the endpoint must be on this machine (http://127.0.0.1:PORT/sparql)");
  }
  if (url.substr(0, kScheme.size()) != kScheme) {
    return Status::InvalidArgument(std::string(url) + ": not an http:// URL");
  }
  std::string_view rest = url.substr(kScheme.size());
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  out->path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (authority.find('@') != std::string_view::npos) {
    return Status::InvalidArgument(std::string(url) + ": user information in the URL is not supported");
  }
  if (out->path.find_first_of(" \t\r\n#") != std::string::npos) {
    return Status::InvalidArgument(std::string(url) + ": spaces, line breaks or '#' in the path");
  }
  std::string host;
  std::string_view port_text;
  if (!authority.empty() && authority[0] == '[') {  // [::1]:8890
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return Status::InvalidArgument(std::string(url) + ": unbalanced '['");
    host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return Status::InvalidArgument(std::string(url) + ": bad port");
      port_text = after.substr(1);
    }
  } else {
    std::size_t colon = authority.rfind(':');
    host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  out->port = 80;
  if (!port_text.empty()) {
    unsigned long port = 0;
    for (char c : port_text) {
      if (c < '0' || c > '9' || port > 65535) return Status::InvalidArgument(std::string(url) + ": bad port");
      port = port * 10 + static_cast<unsigned long>(c - '0');
    }
    if (port == 0 || port > 65535) return Status::InvalidArgument(std::string(url) + ": bad port");
    out->port = static_cast<std::uint16_t>(port);
  }
  std::string lower = Lower(host);
  if (lower == "localhost") {
    out->host = "127.0.0.1";  // never resolved through DNS
  } else if (lower == "::1") {
    out->host = "::1";
  } else if (IsLoopbackV4(host)) {
    out->host = host;
  } else {
    return Status::InvalidArgument(std::string(url) +
                                   ": only an endpoint on this machine is accepted (127.0.0.1, localhost or [::1]); "
                                   "load the graph into a local triple store (scripts/virtuoso.sh)");
  }
  return Status::Ok();
}

Status ParseSparqlJsonResults(std::string_view json, QueryResult* out) {
  Json doc;
  try {
    doc = Json::parse(json);
  } catch (const Json::exception& e) {
    return Status::ParseError(std::string("endpoint answer is not valid JSON: ") + e.what());
  }
  if (!doc.is_object()) return Status::ParseError("endpoint answer: not a JSON object");
  QueryResult r;
  if (auto b = doc.find("boolean"); b != doc.end()) {
    if (!b->is_boolean()) return Status::ParseError("endpoint answer: 'boolean' is not true or false");
    r.boolean = b->get<bool>();
    *out = std::move(r);
    return Status::Ok();
  }
  const Json* vars = nullptr;
  const Json* bindings = nullptr;
  if (auto head = doc.find("head"); head != doc.end() && head->is_object() && head->contains("vars")) {
    vars = &(*head)["vars"];
  }
  if (auto res = doc.find("results"); res != doc.end() && res->is_object() && res->contains("bindings")) {
    bindings = &(*res)["bindings"];
  }
  if (!vars || !vars->is_array() || !bindings || !bindings->is_array()) {
    return Status::ParseError("endpoint answer: not SPARQL JSON results (no head.vars or results.bindings)");
  }
  for (const Json& v : *vars) {
    if (!v.is_string()) return Status::ParseError("endpoint answer: a variable name is not a string");
    r.columns.push_back(v.get<std::string>());
  }
  for (const Json& solution : *bindings) {
    if (!solution.is_object()) return Status::ParseError("endpoint answer: a solution is not an object");
    std::vector<std::optional<Binding>> row(r.columns.size());
    for (std::size_t i = 0; i < r.columns.size(); ++i) {
      auto term = solution.find(r.columns[i]);
      if (term == solution.end()) continue;
      Binding b;
      KHABAR_RETURN_IF_ERROR(TermToBinding(*term, &b));
      row[i] = std::move(b);
    }
    r.rows.push_back(std::move(row));
  }
  *out = std::move(r);
  return Status::Ok();
}

Status RunEndpointQuery(std::string_view url, const std::string& query, const EndpointOptions& options,
                        QueryResult* out) {
  EndpointUrl u;
  KHABAR_RETURN_IF_ERROR(ParseEndpointUrl(url, &u));
  if (internal::IsSparqlUpdate(query)) {
    return Status::Unsupported("SPARQL Update is not accepted: khabar query only reads the graph");
  }
  if (!options.allow_service && internal::FetchingClause(query) == "SERVICE") {
    return Status::Unsupported(
        "the query uses SERVICE, which makes the store fetch data from elsewhere: refused unless --allow-service "
        "is given");
  }
  const bool graph = IsGraphQuery(query);  // CONSTRUCT or DESCRIBE: the answer is RDF, asked for as N-Triples
  std::string form = "query=" + FormEncode(query);
  if (!options.default_graph.empty()) form += "&default-graph-uri=" + FormEncode(options.default_graph);
  // Virtuoso stops its own work at this timeout (ms), so a client that gives up leaves no query running on.
  form += "&timeout=" + std::to_string(options.timeout_ms);
  HttpResponse response;
  // The server gets the timeout, the client 5 s and a quarter more to receive the server's "stopped" answer.
  long client_ms = static_cast<long>(options.timeout_ms) + 5000L + options.timeout_ms / 4;
  auto start = std::chrono::steady_clock::now();
  Status sent =
      Post(u, form, graph ? "application/n-triples" : "application/sparql-results+json", client_ms, &response);
  if (!sent.ok() && response.status == 0 && sent.message().find("timed out") != std::string::npos) {
    return Status::IoError(sent.message() + ": the server did not answer within the timeout (" +
                           std::to_string(options.timeout_ms / 1000) +
                           " s, --timeout); Virtuoso bounds a query's execution, not the writing of a very large "
                           "answer");
  }
  KHABAR_RETURN_IF_ERROR(sent);
  auto elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  if (response.status < 200 || response.status > 299) {
    std::string message = response.body.substr(0, 600);
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
    std::string text = std::string(url) + " answered HTTP " + std::to_string(response.status) + " " + response.reason +
                       (message.empty() ? "" : ": " + message);
    if (response.status >= 500 && elapsed_ms >= options.timeout_ms) {
      // Virtuoso answers a query it stopped at the timeout with a 500 and an error such as SR177 "Misc
      // Transaction Error" when it cannot give a partial ("anytime") answer.
      return Status::IoError(std::string(url) + " stopped the query at the timeout (" +
                             std::to_string(options.timeout_ms / 1000) + " s, --timeout): " + ErrorLine(response.body));
    }
    return response.status == 400 ? Status::ParseError(text) : Status::IoError(text);
  }
  if (response.sql_state == "S1TAT") {  // Virtuoso's "anytime" answer: whatever it had found by the timeout
    return Status::IoError(std::string(url) + " stopped the query at the timeout (" +
                           std::to_string(options.timeout_ms / 1000) +
                           " s, --timeout): its answer would be incomplete, so none is shown");
  }
  if (graph) {
    if (response.content_type.find("n-triples") == std::string::npos &&
        response.content_type.find("text/plain") == std::string::npos) {
      return Status::ParseError(std::string(url) + " answered a CONSTRUCT or DESCRIBE with '" + response.content_type +
                                "', not application/n-triples");
    }
    Status s = internal::ParseNTriplesGraph(response.body, out);
    if (!s.ok()) return Status::ParseError(std::string(url) + " answered: " + s.message());
    return Status::Ok();
  }
  if (response.content_type.find("json") == std::string::npos) {
    return Status::ParseError(std::string(url) + " answered with '" + response.content_type +
                              "', not application/sparql-results+json");
  }
  return ParseSparqlJsonResults(response.body, out);
}

}  // namespace khabar::exporter
