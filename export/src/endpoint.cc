#include "khabar/export/endpoint.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <regex>
#include <utility>
#include <vector>

#include "sparql_internal.h"

namespace khabar::exporter {
namespace {

using Clock = std::chrono::steady_clock;

// Owns a socket descriptor.
class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string Errno(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

int RemainingMs(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left);
}

// Waits until `fd` is ready for `events` or the deadline passes.
Status WaitFor(int fd, short events, Clock::time_point deadline, const std::string& what) {
  for (;;) {
    pollfd p{fd, events, 0};
    int rc = ::poll(&p, 1, RemainingMs(deadline));
    if (rc > 0) return Status::Ok();
    if (rc == 0) return Status::IoError(what + ": timed out");
    if (errno != EINTR) return Status::IoError(Errno(what.c_str()));
  }
}

std::string FormEncode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// ---------------------------------------------------------------------------------------------------
// A small JSON reader: enough for SPARQL results (objects, arrays, strings with \u escapes, numbers,
// true/false/null), with a nesting limit so hostile input cannot exhaust the stack.

struct JsonMember;

struct Json {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // string value, or a number's text
  std::vector<Json> items;
  std::vector<JsonMember> members;  // (a pair<string, Json> here would need Json complete: clang refuses)

  const Json* Find(std::string_view key) const;
};

struct JsonMember {
  std::string name;
  Json value;
};

const Json* Json::Find(std::string_view key) const {
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

class JsonParser {
 public:
  explicit JsonParser(std::string_view s) : s_(s) {}

  Status Parse(Json* out) {
    KHABAR_RETURN_IF_ERROR(Value(out, 0));
    SkipSpace();
    if (pos_ != s_.size()) return Error("text after the JSON value");
    return Status::Ok();
  }

 private:
  static constexpr int kMaxDepth = 64;

  Status Error(const std::string& what) const {
    return Status::ParseError("endpoint answer is not valid JSON: " + what + " at byte " + std::to_string(pos_));
  }
  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }
  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  Status Value(Json* out, int depth) {
    if (depth > kMaxDepth) return Error("nested too deeply");
    SkipSpace();
    if (pos_ >= s_.size()) return Error("unexpected end");
    char c = s_[pos_];
    if (c == '{') return Object(out, depth);
    if (c == '[') return Array(out, depth);
    if (c == '"') {
      out->kind = Json::Kind::kString;
      return String(&out->text);
    }
    if (Literal("true")) {
      out->kind = Json::Kind::kBool;
      out->boolean = true;
      return Status::Ok();
    }
    if (Literal("false")) {
      out->kind = Json::Kind::kBool;
      return Status::Ok();
    }
    if (Literal("null")) return Status::Ok();
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t start = pos_;
      while (pos_ < s_.size() && std::strchr("+-0123456789.eE", s_[pos_]) != nullptr) ++pos_;
      out->kind = Json::Kind::kNumber;
      out->text = std::string(s_.substr(start, pos_ - start));
      return Status::Ok();
    }
    return Error(std::string("unexpected character '") + c + "'");
  }

  Status Object(Json* out, int depth) {
    out->kind = Json::Kind::kObject;
    ++pos_;  // {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return Status::Ok();
    }
    for (;;) {
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != '"') return Error("expected a member name");
      std::string key;
      KHABAR_RETURN_IF_ERROR(String(&key));
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != ':') return Error("expected ':'");
      ++pos_;
      Json value;
      KHABAR_RETURN_IF_ERROR(Value(&value, depth + 1));
      out->members.push_back(JsonMember{std::move(key), std::move(value)});
      SkipSpace();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return Status::Ok();
      }
      return Error("expected ',' or '}'");
    }
  }

  Status Array(Json* out, int depth) {
    out->kind = Json::Kind::kArray;
    ++pos_;  // [
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return Status::Ok();
    }
    for (;;) {
      Json item;
      KHABAR_RETURN_IF_ERROR(Value(&item, depth + 1));
      out->items.push_back(std::move(item));
      SkipSpace();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return Status::Ok();
      }
      return Error("expected ',' or ']'");
    }
  }

  static void AppendUtf8(char32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  Status Hex4(char32_t* out) {
    if (pos_ + 4 > s_.size()) return Error("truncated \\u escape");
    char32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= static_cast<char32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v |= static_cast<char32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v |= static_cast<char32_t>(c - 'A' + 10);
      } else {
        return Error("bad \\u escape");
      }
    }
    *out = v;
    return Status::Ok();
  }

  Status String(std::string* out) {
    ++pos_;  // "
    for (;;) {
      if (pos_ >= s_.size()) return Error("unterminated string");
      char c = s_[pos_++];
      if (c == '"') return Status::Ok();
      if (static_cast<unsigned char>(c) < 0x20) return Error("control character in a string");
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) return Error("unterminated escape");
      char e = s_[pos_++];
      switch (e) {
        case '"':
          out->push_back('"');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case '/':
          out->push_back('/');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          char32_t cp = 0;
          KHABAR_RETURN_IF_ERROR(Hex4(&cp));
          if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair: \uD83D\uDE00
            char32_t low = 0;
            if (s_.substr(pos_, 2) != "\\u") return Error("lone high surrogate");
            pos_ += 2;
            KHABAR_RETURN_IF_ERROR(Hex4(&low));
            if (low < 0xDC00 || low > 0xDFFF) return Error("bad low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return Error("lone low surrogate");
          }
          AppendUtf8(cp, out);
          break;
        }
        default:
          return Error(std::string("unknown escape \\") + e);
      }
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

Status TermToBinding(const Json& term, Binding* out) {
  const Json* type = term.Find("type");
  const Json* value = term.Find("value");
  if (term.kind != Json::Kind::kObject || !type || !value || type->kind != Json::Kind::kString ||
      value->kind != Json::Kind::kString) {
    return Status::ParseError("endpoint answer: an RDF term without a type and a value");
  }
  out->display = value->text;
  if (type->text == "uri") {
    out->ntriples = "<" + value->text + ">";
  } else if (type->text == "bnode") {
    out->display = "_:" + value->text;
    out->ntriples = out->display;
  } else if (type->text == "literal" || type->text == "typed-literal") {
    out->ntriples = "\"" + internal::EscapeNTriplesString(value->text) + "\"";
    const Json* lang = term.Find("xml:lang");
    const Json* datatype = term.Find("datatype");
    if (lang && lang->kind == Json::Kind::kString && !lang->text.empty()) {
      out->ntriples += "@" + lang->text;
    } else if (datatype && datatype->kind == Json::Kind::kString && !datatype->text.empty()) {
      out->ntriples += "^^<" + datatype->text + ">";
    }
  } else {
    return Status::ParseError("endpoint answer: unknown RDF term type '" + type->text + "'");
  }
  return Status::Ok();
}

struct HttpResponse {
  int status = 0;
  std::string reason;
  std::string content_type;
  std::string sql_state;  // Virtuoso's X-SQL-State (S1TAT: the query was cut short at its timeout)
  std::string body;
};

Status DecodeChunked(std::string_view in, std::string* out) {
  std::size_t pos = 0;
  for (;;) {
    std::size_t eol = in.find("\r\n", pos);
    if (eol == std::string_view::npos) return Status::IoError("endpoint answer: truncated chunked body");
    std::string size_text(in.substr(pos, eol - pos));
    std::size_t size = 0;
    try {
      size = std::stoul(size_text, nullptr, 16);
    } catch (...) {
      return Status::IoError("endpoint answer: bad chunk size '" + size_text + "'");
    }
    pos = eol + 2;
    if (size == 0) return Status::Ok();
    if (pos + size > in.size()) return Status::IoError("endpoint answer: truncated chunk");
    out->append(in.substr(pos, size));
    pos += size + 2;  // the chunk and its CRLF
  }
}

Status ParseHttpResponse(const std::string& raw, HttpResponse* out) {
  std::size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    return Status::IoError(raw.empty() ? "the endpoint closed the connection without answering"
                                       : "endpoint answer is not HTTP (no header end)");
  }
  std::string head = raw.substr(0, head_end);
  std::size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  static const std::regex kStatus(R"(HTTP/1\.[01] (\d{3}) ?(.*))");
  std::smatch m;
  if (!std::regex_match(status_line, m, kStatus)) {
    return Status::IoError("endpoint answer is not HTTP: '" + status_line.substr(0, 80) + "'");
  }
  out->status = std::stoi(m[1].str());
  out->reason = m[2].str();
  bool chunked = false;
  std::optional<std::size_t> length;
  std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    std::size_t next = head.find("\r\n", pos);
    if (next == std::string::npos) next = head.size();
    std::string line = head.substr(pos, next - pos);
    pos = next + 2;
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = Lower(line.substr(0, colon));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    if (name == "content-type") out->content_type = Lower(value);
    if (name == "x-sql-state") out->sql_state = value;
    if (name == "transfer-encoding" && Lower(value).find("chunked") != std::string::npos) chunked = true;
    if (name == "content-length") {
      try {
        length = std::stoul(value);
      } catch (...) {
        return Status::IoError("endpoint answer: bad Content-Length '" + value + "'");
      }
    }
  }
  std::string_view body(raw);
  body.remove_prefix(head_end + 4);
  if (chunked) return DecodeChunked(body, &out->body);
  if (length) {
    if (body.size() < *length) return Status::IoError("endpoint answer: body shorter than its Content-Length");
    body = body.substr(0, *length);
  }
  out->body = std::string(body);
  return Status::Ok();
}

// True once `raw` holds a whole response by its Content-Length or its last chunk, so a server that
// keeps the connection open despite "Connection: close" does not make the client wait for a timeout.
bool ResponseComplete(const std::string& raw) {
  std::size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) return false;
  std::string head = Lower(raw.substr(0, head_end));
  std::size_t body = raw.size() - (head_end + 4);
  static const std::regex kLength(R"(\r\ncontent-length:\s*(\d+))");
  std::smatch m;
  if (std::regex_search(head, m, kLength)) return body >= std::stoul(m[1].str());
  if (head.find("\r\ntransfer-encoding:") != std::string::npos && head.find("chunked") != std::string::npos) {
    return raw.size() >= 5 && raw.compare(raw.size() - 5, 5, "0\r\n\r\n") == 0;
  }
  return false;
}

// True for a numeric IPv4 address in 127.0.0.0/8.
bool IsLoopbackV4(const std::string& host) {
  in_addr a{};
  return inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

Status Exchange(const EndpointUrl& url, const std::string& request, int timeout_ms, std::string* raw) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  bool v6 = url.host.find(':') != std::string::npos;
  Socket sock(::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (sock.get() < 0) return Status::IoError(Errno("socket"));
  std::string where = url.host + ":" + std::to_string(url.port);
  int rc;
  if (v6) {
    sockaddr_in6 addr{};
    addr.sin6_family = AF_INET6;
    addr.sin6_port = htons(url.port);
    inet_pton(AF_INET6, url.host.c_str(), &addr.sin6_addr);
    rc = ::connect(sock.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
  } else {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(url.port);
    inet_pton(AF_INET, url.host.c_str(), &addr.sin_addr);
    rc = ::connect(sock.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
  }
  if (rc != 0 && errno != EINPROGRESS) return Status::IoError(Errno(("cannot connect to " + where).c_str()));
  if (rc != 0) {
    KHABAR_RETURN_IF_ERROR(WaitFor(sock.get(), POLLOUT, deadline, "connecting to " + where));
    int err = 0;
    socklen_t len = sizeof err;
    if (::getsockopt(sock.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) return Status::IoError(Errno("getsockopt"));
    if (err != 0) {
      return Status::IoError("cannot connect to " + where + ": " + std::strerror(err) +
                             " (is the triple store running? scripts/virtuoso.sh status DIR)");
    }
  }
  for (std::size_t sent = 0; sent < request.size();) {
    KHABAR_RETURN_IF_ERROR(WaitFor(sock.get(), POLLOUT, deadline, "sending to " + where));
    ssize_t n = ::send(sock.get(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return Status::IoError(Errno(("sending to " + where).c_str()));
    }
    sent += static_cast<std::size_t>(n);
  }
  char buf[65536];
  for (;;) {
    KHABAR_RETURN_IF_ERROR(WaitFor(sock.get(), POLLIN, deadline, "waiting for " + where));
    ssize_t n = ::recv(sock.get(), buf, sizeof buf, 0);
    if (n == 0) break;  // the server closed the connection: the answer is complete
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return Status::IoError(Errno(("reading from " + where).c_str()));
    }
    raw->append(buf, static_cast<std::size_t>(n));
    if (ResponseComplete(*raw)) break;
  }
  return Status::Ok();
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
  KHABAR_RETURN_IF_ERROR(JsonParser(json).Parse(&doc));
  if (doc.kind != Json::Kind::kObject) return Status::ParseError("endpoint answer: not a JSON object");
  QueryResult r;
  if (const Json* b = doc.Find("boolean")) {
    if (b->kind != Json::Kind::kBool) return Status::ParseError("endpoint answer: 'boolean' is not true or false");
    r.boolean = b->boolean;
    *out = std::move(r);
    return Status::Ok();
  }
  const Json* head = doc.Find("head");
  const Json* vars = head ? head->Find("vars") : nullptr;
  const Json* results = doc.Find("results");
  const Json* bindings = results ? results->Find("bindings") : nullptr;
  if (!vars || vars->kind != Json::Kind::kArray || !bindings || bindings->kind != Json::Kind::kArray) {
    return Status::ParseError("endpoint answer: not SPARQL JSON results (no head.vars or results.bindings)");
  }
  for (const Json& v : vars->items) {
    if (v.kind != Json::Kind::kString) return Status::ParseError("endpoint answer: a variable name is not a string");
    r.columns.push_back(v.text);
  }
  for (const Json& solution : bindings->items) {
    if (solution.kind != Json::Kind::kObject) return Status::ParseError("endpoint answer: a solution is not an object");
    std::vector<std::optional<Binding>> row(r.columns.size());
    for (const auto& [name, term] : solution.members) {
      for (std::size_t i = 0; i < r.columns.size(); ++i) {
        if (r.columns[i] != name) continue;
        Binding b;
        KHABAR_RETURN_IF_ERROR(TermToBinding(term, &b));
        row[i] = std::move(b);
      }
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
  static const std::regex kGraphForm(R"(^\s*(PREFIX\s+\S*\s*<[^>]*>\s*|BASE\s*<[^>]*>\s*)*(CONSTRUCT|DESCRIBE)\b)",
                                     std::regex::icase);
  // Comments stripped line by line so the query form is found after a header comment.
  std::string code;
  for (std::size_t i = 0; i < query.size();) {
    std::size_t eol = query.find('\n', i);
    std::string line = query.substr(i, eol == std::string::npos ? std::string::npos : eol - i);
    i = eol == std::string::npos ? query.size() : eol + 1;
    std::size_t hash = line.find('#');
    if (hash != std::string::npos && line.find_first_of("<\"'") > hash) line.resize(hash);
    code += line + "\n";
  }
  if (std::regex_search(code, kGraphForm)) {
    return Status::Unsupported("CONSTRUCT and DESCRIBE are not supported through --endpoint: use SELECT or ASK");
  }
  std::string body = "query=" + FormEncode(query);
  if (!options.default_graph.empty()) body += "&default-graph-uri=" + FormEncode(options.default_graph);
  // Virtuoso stops its own work at this timeout (ms), so a client that gives up leaves no query running on.
  body += "&timeout=" + std::to_string(options.timeout_ms);
  std::string host_header = u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host;
  std::string request = "POST " + u.path + " HTTP/1.1\r\nHost: " + host_header + ":" + std::to_string(u.port) +
                        "\r\nUser-Agent: khabar/0.1\r\nAccept: application/sparql-results+json\r\n"
                        "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  std::string raw;
  // The server gets the timeout, the client 3 s and a tenth more to receive the server's "stopped" answer.
  KHABAR_RETURN_IF_ERROR(Exchange(u, request, options.timeout_ms + 3000 + options.timeout_ms / 10, &raw));
  HttpResponse response;
  KHABAR_RETURN_IF_ERROR(ParseHttpResponse(raw, &response));
  if (response.status < 200 || response.status > 299) {
    std::string message = response.body.substr(0, 600);
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
    std::string text = std::string(url) + " answered HTTP " + std::to_string(response.status) + " " + response.reason +
                       (message.empty() ? "" : ": " + message);
    return response.status == 400 ? Status::ParseError(text) : Status::IoError(text);
  }
  if (response.sql_state == "S1TAT") {  // Virtuoso's "anytime" answer: whatever it had found by the timeout
    return Status::IoError(std::string(url) + " stopped the query at the timeout (" +
                           std::to_string(options.timeout_ms / 1000) +
                           " s, --timeout): its answer would be incomplete, so none is shown");
  }
  if (response.content_type.find("json") == std::string::npos) {
    return Status::ParseError(std::string(url) + " answered with '" + response.content_type +
                              "', not application/sparql-results+json");
  }
  return ParseSparqlJsonResults(response.body, out);
}

}  // namespace khabar::exporter
