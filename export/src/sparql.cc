#include "khabar/export/sparql.h"

#include <fcntl.h>
#include <rasqal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <sstream>

#include "khabar/ontology/vocab.h"
#include "librdf_handles.h"
#include "sparql_internal.h"

namespace khabar::exporter {
namespace {

using namespace internal;  // NOLINT: the handle aliases

// Collects librdf's log messages (parse and query errors) so they can be reported with the failure.
struct LogCollector {
  std::vector<std::string> errors;
};

extern "C" int CollectLog(void* user_data, librdf_log_message* message) {
  auto* log = static_cast<LogCollector*>(user_data);
  // Warnings are not failures: Rasqal 0.9.33 warns "Variable x was bound but is unused" (and about its
  // own $$agg$$ variables) for valid SPARQL 1.1 aggregate queries whose results are correct.
  if (librdf_log_message_level(message) < LIBRDF_LOG_ERROR) return 1;
  std::string text;
  if (raptor_locator* loc = librdf_log_message_locator(message); loc && raptor_locator_line(loc) > 0) {
    text = "line " + std::to_string(raptor_locator_line(loc)) + ": ";
  }
  const char* msg = librdf_log_message_message(message);
  text += msg ? msg : "(no message)";
  log->errors.push_back(std::move(text));
  return 1;  // handled: do not print
}

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& e : v) {
    if (!s.empty()) s += "; ";
    s += e;
  }
  return s;
}

// The query checked by Rasqal's own parser, in a child process: Rasqal 0.9.33 aborts on some valid
// queries (HitsRasqalSignedNumberAbort), and a parse in this process would take the CLI down with a
// core dump. The child reports what it found in its exit status.
enum PreflightCode : int {
  kPreOk = 0,
  kPreSyntax = 20,    // a syntax error: librdf reports it below, with its message
  kPreFetch = 21,     // SERVICE or FROM / FROM NAMED
  kPreNotQuery = 22,  // parsed, but not SELECT, ASK, CONSTRUCT or DESCRIBE
  kPreSetup = 23,     // Rasqal could not start
  kPreDescribe = 24,  // DESCRIBE, which Rasqal 0.9.33 parses but does not answer
};

int PreflightChild(const std::string& query) {
  rasqal_world* world = rasqal_new_world();
  if (world == nullptr || rasqal_world_open(world) != 0) return kPreSetup;
  rasqal_world_set_log_handler(world, nullptr, [](void*, raptor_log_message*) {});
  rasqal_query* q = rasqal_new_query(world, "sparql11-query", nullptr);
  raptor_uri* base =
      raptor_new_uri(rasqal_world_get_raptor(world), reinterpret_cast<const unsigned char*>("file:///khabar/query"));
  if (q == nullptr || base == nullptr) return kPreSetup;
  if (rasqal_query_prepare(q, reinterpret_cast<const unsigned char*>(query.c_str()), base) != 0) return kPreSyntax;
  switch (rasqal_query_get_verb(q)) {
    case RASQAL_QUERY_VERB_SELECT:
    case RASQAL_QUERY_VERB_CONSTRUCT:
    case RASQAL_QUERY_VERB_ASK:
      break;
    case RASQAL_QUERY_VERB_DESCRIBE:
      return kPreDescribe;
    default:
      return kPreNotQuery;
  }
  if (raptor_sequence* graphs = rasqal_query_get_data_graph_sequence(q); graphs && raptor_sequence_size(graphs) > 0) {
    return kPreFetch;
  }
  std::vector<rasqal_graph_pattern*> todo{rasqal_query_get_query_graph_pattern(q)};
  while (!todo.empty()) {  // every graph pattern, iteratively
    rasqal_graph_pattern* gp = todo.back();
    todo.pop_back();
    if (gp == nullptr) continue;
    if (rasqal_graph_pattern_get_operator(gp) == RASQAL_GRAPH_PATTERN_OPERATOR_SERVICE) return kPreFetch;
    for (int i = 0; rasqal_graph_pattern* sub = rasqal_graph_pattern_get_sub_graph_pattern(gp, i); ++i) {
      todo.push_back(sub);
    }
  }
  return kPreOk;  // the child exits without freeing: the process ends here
}

Status Preflight(const std::string& query, bool allow_fetch) {
  pid_t pid = ::fork();
  if (pid < 0) return Status::Internal(std::string("cannot start the query check: fork: ") + std::strerror(errno));
  if (pid == 0) {
    // No core file and no glibc abort message from a crash: the parent explains it.
    struct rlimit none = {0, 0};
    ::setrlimit(RLIMIT_CORE, &none);
    int devnull = ::open("/dev/null", O_WRONLY);
    if (devnull >= 0) ::dup2(devnull, STDERR_FILENO);
    ::_exit(PreflightChild(query));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return Status::Internal(std::string("query check: waitpid: ") + std::strerror(errno));
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  switch (code) {
    case kPreOk:
    case kPreSyntax:
      return Status::Ok();
    case kPreFetch:
      if (allow_fetch) return Status::Ok();
      return Status::Unsupported(
          "the query reads data from elsewhere (SERVICE, FROM or FROM NAMED: a URL or a local file): refused "
          "unless --allow-service is given");
    case kPreNotQuery:
      return Status::Unsupported("SPARQL Update is not accepted: khabar query only reads the graph");
    case kPreDescribe:
      return Status::Unsupported(
          "DESCRIBE is not implemented by the embedded engine (Rasqal 0.9.33 answers nothing): run it in the "
          "private triple store (khabar query --engine virtuoso GRAPH QUERY) or write it as CONSTRUCT { <x> ?p ?o } "
          "WHERE { <x> ?p ?o }");
    default: {
      std::string how =
          WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status)) : "exit status " + std::to_string(code);
      std::string msg = "the query was not run: Rasqal 0.9.33's parser crashes on it (" + how + ")";
      if (internal::HitsRasqalSignedNumberAbort(query)) {
        msg +=
            ". Known cause: three or more signed numbers in one sum, as in 1+1+1+1 or ?x-1-1-1 (Rasqal reads "
            "+1 as a number); write a space after each + and - (1 + 1 + 1 + 1), see docs/queries.md";
      }
      return Status::Unsupported(msg);
    }
  }
}

Binding FromNode(librdf_node* node) {
  Binding b;
  if (librdf_node_is_resource(node)) {
    b.display = reinterpret_cast<const char*>(librdf_uri_as_string(librdf_node_get_uri(node)));
    b.ntriples = "<" + b.display + ">";
  } else if (librdf_node_is_literal(node)) {
    b.display = reinterpret_cast<const char*>(librdf_node_get_literal_value(node));
    std::string esc = internal::EscapeNTriplesString(b.display);
    b.ntriples = "\"" + esc + "\"";
    if (const char* lang = librdf_node_get_literal_value_language(node); lang && *lang) {
      b.ntriples += std::string("@") + lang;
    } else if (librdf_uri* dt = librdf_node_get_literal_value_datatype_uri(node)) {
      b.ntriples += std::string("^^<") + reinterpret_cast<const char*>(librdf_uri_as_string(dt)) + ">";
    }
  } else if (librdf_node_is_blank(node)) {
    b.display = std::string("_:") + reinterpret_cast<const char*>(librdf_node_get_blank_identifier(node));
    b.ntriples = b.display;
  }
  return b;
}

// A prefixed name for IRIs in the project's namespaces (table output only: readable in a terminal).
std::string Compact(const std::string& v) {
  static const std::pair<const char*, const char*> kPrefixes[] = {{"https://w3id.org/khabar/entity/", "khe:"},
                                                                  {"https://w3id.org/khabar/ontology#", "kh:"},
                                                                  {"https://w3id.org/khabar/", "khr:"},
                                                                  {"http://www.wikidata.org/entity/", "wd:"}};
  for (const auto& [ns, p] : kPrefixes) {
    if (v.rfind(ns, 0) == 0) return p + v.substr(std::string_view(ns).size());
  }
  return v;
}

// A cell of the table: the compacted value, every control character (line breaks too: a cell is one
// line) made visible.
std::string Shown(const Binding& b) { return internal::EscapeControls(Compact(b.display)); }

bool IsCombining(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
         (c >= 0x06D6 && c <= 0x06ED) || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// Display width of UTF-8 text in a terminal: one column per character, none for combining marks.
std::size_t Width(const std::string& s, bool* rtl) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len == 1) {
      cp = c;
    } else {
      cp = c & (0xFF >> (len + 1));
      for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    i += static_cast<std::size_t>(len);
    if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFEFC)) *rtl = true;
    if (!IsCombining(cp)) ++w;
  }
  return w;
}

std::string JsonEscape(const std::string& s) {
  std::string out;
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
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  // C1 controls (U+0080-U+009F; U+009B is a CSI to some terminals) as \u escapes too.
  if (out.find('\xC2') == std::string::npos) return out;
  std::string esc;
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c == 0xC2 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) <= 0x9F &&
        static_cast<unsigned char>(out[i + 1]) >= 0x80) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(out[++i]));
      esc += buf;
    } else {
      esc.push_back(static_cast<char>(c));
    }
  }
  return esc;
}

}  // namespace

Status RunQuery(const std::filesystem::path& graph, const std::string& query, QueryResult* out) {
  return RunQuery(graph, query, LocalQueryOptions{}, out);
}

Status RunQuery(const std::filesystem::path& graph, const std::string& query, const LocalQueryOptions& options,
                QueryResult* out) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(graph, ec)) return Status::NotFound(graph.string() + ": no such graph file");
  if (internal::IsSparqlUpdate(query)) {
    return Status::Unsupported("SPARQL Update is not accepted: khabar query only reads the graph");
  }
  // Rasqal follows SERVICE <http://any-host/…> and SERVICE <file:///…> (and FROM): reading local files
  // or reaching other hosts is not what a query of a graph file should do unless asked for.
  if (std::string clause = internal::FetchingClause(query); !clause.empty() && !options.allow_service) {
    return Status::Unsupported("the query uses " + clause +
                               ", which reads data from elsewhere (a URL or a local file): refused unless "
                               "--allow-service is given");
  }
  KHABAR_RETURN_IF_ERROR(Preflight(query, options.allow_service));

  LogCollector log;
  World world(librdf_new_world());
  if (!world) return Status::Internal("librdf: cannot create a world");
  librdf_world_set_logger(world.get(), &log, CollectLog);
  librdf_world_open(world.get());
  // librdf's in-memory "trees" store with three indexes (subject, predicate and object first): patterns
  // with only their predicate bound (?s kh:date ?d), which Rasqal evaluates once per row inside
  // OPTIONALs, are index lookups. Measured on this project: "hashes" scans the store for them
  // (queries/timeline.rq: 11 s on the seed graph, 0.17 s here); "hashes" with index-predicates leaks a
  // node per such lookup in librdf 1.0.17 (LeakSanitizer); "memory" is quadratic. At 736k triples the
  // trees store loads in 11 s with 334 MB, hashes took 19 s with 714 MB.
  Storage storage(librdf_new_storage(world.get(), "trees", "khabar",
                                     "index-spo='yes',index-sop='no',index-ops='yes',index-pso='yes'"));
  if (!storage) return Status::Internal("librdf: cannot create trees storage: " + Joined(log.errors));
  Model model(librdf_new_model(world.get(), storage.get(), nullptr));
  if (!model) return Status::Internal("librdf: cannot create a model");
  std::string ext = graph.extension().string();
  const char* syntax = (ext == ".nt" || ext == ".ntriples") ? "ntriples" : "turtle";
  Parser parser(librdf_new_parser(world.get(), syntax, nullptr, nullptr));
  if (!parser) return Status::Internal(std::string("librdf: no ") + syntax + " parser");
  std::string abs = std::filesystem::absolute(graph, ec).string();
  Uri uri(librdf_new_uri_from_filename(world.get(), abs.c_str()));
  if (!uri) return Status::Internal("librdf: cannot make a URI for " + abs);
  if (librdf_parser_parse_into_model(parser.get(), uri.get(), uri.get(), model.get()) != 0 || !log.errors.empty()) {
    return Status::ParseError(graph.string() + ": not a valid " + syntax + " graph: " + Joined(log.errors));
  }
  Query q(librdf_new_query(world.get(), "sparql11-query", nullptr,
                           reinterpret_cast<const unsigned char*>(query.c_str()), nullptr));
  if (!q || !log.errors.empty()) {
    return Status::ParseError("query syntax error: " +
                              (log.errors.empty() ? std::string("cannot parse") : Joined(log.errors)));
  }
  QueryResults results(librdf_query_execute(q.get(), model.get()));
  if (!results || !log.errors.empty()) {
    return Status::ParseError("query failed: " + (log.errors.empty() ? std::string("no results") : Joined(log.errors)));
  }
  QueryResult r;
  if (librdf_query_results_is_boolean(results.get())) {
    r.boolean = librdf_query_results_get_boolean(results.get()) > 0;
  } else if (librdf_query_results_is_bindings(results.get())) {
    int n = librdf_query_results_get_bindings_count(results.get());
    for (int i = 0; i < n; ++i) {
      const char* name = librdf_query_results_get_binding_name(results.get(), i);  // borrowed
      r.columns.emplace_back(name ? name : "");
    }
    while (!librdf_query_results_finished(results.get())) {
      std::vector<std::optional<Binding>> row;
      for (int i = 0; i < n; ++i) {
        Node node(librdf_query_results_get_binding_value(results.get(), i));  // a new node: ours to free
        if (node) {
          row.push_back(FromNode(node.get()));
        } else {
          row.push_back(std::nullopt);
        }
      }
      r.rows.push_back(std::move(row));
      librdf_query_results_next(results.get());
    }
  } else if (librdf_query_results_is_graph(results.get())) {
    r.columns = {"subject", "predicate", "object"};
    r.graph = true;
    Stream stream(librdf_query_results_as_stream(results.get()));
    while (stream && !librdf_stream_end(stream.get())) {
      librdf_statement* st = librdf_stream_get_object(stream.get());  // borrowed
      r.rows.push_back({FromNode(librdf_statement_get_subject(st)), FromNode(librdf_statement_get_predicate(st)),
                        FromNode(librdf_statement_get_object(st))});
      librdf_stream_next(stream.get());
    }
  }
  if (!log.errors.empty()) return Status::ParseError("query failed: " + Joined(log.errors));
  // Rasqal 0.9.33 does not always honour ORDER BY (it ignores DESC(?value) after an unbound key): the
  // rows are put in the query's order here.
  if (!r.columns.empty() && !librdf_query_results_is_graph(results.get())) {
    if (auto keys = internal::ParseOrderBy(query)) internal::SortRows(*keys, &r);
  }
  *out = std::move(r);
  return Status::Ok();
}

bool ParseResultFormat(std::string_view name, ResultFormat* out) {
  if (name == "table") {
    *out = ResultFormat::kTable;
  } else if (name == "csv") {
    *out = ResultFormat::kCsv;
  } else if (name == "tsv") {
    *out = ResultFormat::kTsv;
  } else if (name == "json") {
    *out = ResultFormat::kJson;
  } else if (name == "ntriples" || name == "nt") {
    *out = ResultFormat::kNTriples;
  } else if (name == "turtle" || name == "ttl") {
    *out = ResultFormat::kTurtle;
  } else {
    return false;
  }
  return true;
}

void WriteResult(const QueryResult& r, ResultFormat f, std::ostream& out) {
  if (r.graph && (f == ResultFormat::kTable || f == ResultFormat::kTurtle)) {
    std::string turtle;
    if (internal::GraphAsTurtle(r, &turtle).ok()) {
      out << turtle;
      return;
    }
    // N-Triples are Turtle too: a graph librdf cannot re-serialise is still written, one triple a line.
  }
  if (r.graph && (f == ResultFormat::kTable || f == ResultFormat::kTurtle || f == ResultFormat::kNTriples)) {
    out << internal::GraphAsNTriples(r);
    return;
  }
  if (r.boolean) {
    if (f == ResultFormat::kJson) {
      out << "{\"head\":{},\"boolean\":" << (*r.boolean ? "true" : "false") << "}\n";
    } else {
      out << (*r.boolean ? "true" : "false") << "\n";
    }
    return;
  }
  switch (f) {
    case ResultFormat::kTsv: {
      for (std::size_t i = 0; i < r.columns.size(); ++i) out << (i ? "\t" : "") << "?" << r.columns[i];
      out << "\n";
      for (const auto& row : r.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "\t" : "") << (row[i] ? row[i]->ntriples : "");
        out << "\n";
      }
      break;
    }
    case ResultFormat::kCsv: {
      auto cell = [](const std::string& raw) {
        // Controls other than tab and line breaks (which the quotes keep) made visible: no ESC sequence
        // from the data reaches a terminal or a spreadsheet.
        std::string s = internal::EscapeControls(raw, "\t\n\r");
        if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
        std::string q = "\"";
        for (char c : s) {
          if (c == '"') q.push_back('"');
          q.push_back(c);
        }
        return q + "\"";
      };
      for (std::size_t i = 0; i < r.columns.size(); ++i) out << (i ? "," : "") << cell(r.columns[i]);
      out << "\r\n";
      for (const auto& row : r.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << (row[i] ? cell(row[i]->display) : "");
        out << "\r\n";
      }
      break;
    }
    case ResultFormat::kJson: {
      out << "{\"head\":{\"vars\":[";
      for (std::size_t i = 0; i < r.columns.size(); ++i)
        out << (i ? "," : "") << "\"" << JsonEscape(r.columns[i]) << "\"";
      out << "]},\"results\":{\"bindings\":[";
      for (std::size_t k = 0; k < r.rows.size(); ++k) {
        out << (k ? ",\n" : "\n") << "{";
        bool first = true;
        for (std::size_t i = 0; i < r.rows[k].size(); ++i) {
          const auto& b = r.rows[k][i];
          if (!b) continue;
          out << (first ? "" : ",") << "\"" << JsonEscape(r.columns[i]) << "\":{";
          first = false;
          const std::string& nt = b->ntriples;
          if (!nt.empty() && nt[0] == '<') {
            out << "\"type\":\"uri\",\"value\":\"" << JsonEscape(b->display) << "\"";
          } else if (nt.rfind("_:", 0) == 0) {
            out << "\"type\":\"bnode\",\"value\":\"" << JsonEscape(b->display.substr(2)) << "\"";
          } else {
            out << "\"type\":\"literal\",\"value\":\"" << JsonEscape(b->display) << "\"";
            auto close = nt.rfind('"');
            std::string rest = nt.substr(close + 1);
            if (rest.rfind("@", 0) == 0) out << ",\"xml:lang\":\"" << JsonEscape(rest.substr(1)) << "\"";
            if (rest.rfind("^^<", 0) == 0)
              out << ",\"datatype\":\"" << JsonEscape(rest.substr(3, rest.size() - 4)) << "\"";
          }
          out << "}";
        }
        out << "}";
      }
      out << "\n]}}\n";
      break;
    }
    case ResultFormat::kNTriples:  // not a graph: refused by the CLI; written as a table otherwise
    case ResultFormat::kTurtle:
    case ResultFormat::kTable: {
      std::vector<std::size_t> width(r.columns.size());
      bool rtl = false;
      for (std::size_t i = 0; i < r.columns.size(); ++i) width[i] = Width(r.columns[i], &rtl);
      for (const auto& row : r.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
          if (row[i]) width[i] = std::max(width[i], Width(Shown(*row[i]), &rtl));
        }
      }
      auto rule = [&]() {
        out << "+";
        for (std::size_t w : width) out << std::string(w + 2, '-') << "+";
        out << "\n";
      };
      auto line = [&](const std::vector<std::string>& cells) {
        out << "|";
        for (std::size_t i = 0; i < cells.size(); ++i) {
          bool cell_rtl = false;
          std::size_t w = Width(cells[i], &cell_rtl);
          // First Strong Isolate ... Pop Directional Isolate: right-to-left text stays inside its cell.
          out << " " << (cell_rtl ? "\u2068" : "") << cells[i] << (cell_rtl ? "\u2069" : "")
              << std::string(width[i] - w, ' ') << " |";
        }
        out << "\n";
      };
      rule();
      line(r.columns);
      rule();
      for (const auto& row : r.rows) {
        std::vector<std::string> cells;
        for (const auto& b : row) cells.push_back(b ? Shown(*b) : "");
        line(cells);
      }
      rule();
      out << r.rows.size() << (r.rows.size() == 1 ? " row\n" : " rows\n");
      break;
    }
  }
}

namespace internal {

std::vector<SparqlToken> TokenizeSparql(std::string_view q) {
  std::vector<SparqlToken> out;
  auto is_name_byte = [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == ':' || c == '-' || c == '.' || c == '%' || c == '\\' || c >= 0x80;
  };
  auto is_digit = [&](std::size_t k) { return k < q.size() && std::isdigit(static_cast<unsigned char>(q[k])); };
  std::size_t i = 0;
  while (i < q.size()) {
    auto c = static_cast<unsigned char>(q[i]);
    std::size_t b = i;
    if (std::isspace(c)) {
      ++i;
    } else if (c == '#') {
      while (i < q.size() && q[i] != '\n' && q[i] != '\r') ++i;
    } else if (c == '<' && q.find_first_of("<>\"{}|^`\\ \t\r\n", i + 1) != std::string_view::npos &&
               q[q.find_first_of("<>\"{}|^`\\ \t\r\n", i + 1)] == '>') {
      i = q.find('>', i + 1) + 1;  // IRIREF: no space, quote or bracket inside
      out.push_back({SparqlToken::kIri, std::string(q.substr(b, i - b))});
    } else if (c == '"' || c == '\'') {
      bool long_form = q.substr(i, 3) == std::string(3, static_cast<char>(c));
      i += long_form ? 3 : 1;
      while (i < q.size()) {
        if (q[i] == '\\') {
          i += 2;
        } else if (long_form ? q.substr(i, 3) == std::string(3, static_cast<char>(c)) : q[i] == static_cast<char>(c)) {
          i += long_form ? 3 : 1;
          break;
        } else {
          ++i;
        }
      }
      i = std::min(i, q.size());
      out.push_back({SparqlToken::kString, std::string(q.substr(b, i - b))});
    } else if ((c == '?' || c == '$') && i + 1 < q.size() && is_name_byte(static_cast<unsigned char>(q[i + 1]))) {
      ++i;
      while (i < q.size() && (std::isalnum(static_cast<unsigned char>(q[i])) || q[i] == '_' ||
                              static_cast<unsigned char>(q[i]) >= 0x80)) {
        ++i;  // VARNAME: letters, digits, '_' (so ?x-1 is ?x, then -1)
      }
      out.push_back({SparqlToken::kVar, std::string(q.substr(b, i - b))});
    } else if (std::isdigit(c) ||
               ((c == '.' || c == '+' || c == '-') &&
                (is_digit(i + 1) || (q[i + 1 < q.size() ? i + 1 : i] == '.' && c != '.' && is_digit(i + 2))))) {
      // A number; with a sign it is one token (SPARQL's INTEGER_POSITIVE …), as Rasqal's lexer reads it:
      // "1+1" is 1 then +1, not 1, +, 1.
      bool sign = c == '+' || c == '-';
      if (sign) ++i;
      while (i < q.size() && (std::isdigit(static_cast<unsigned char>(q[i])) || q[i] == '.')) {
        if (q[i] == '.' && !is_digit(i + 1)) break;
        ++i;
      }
      if (i < q.size() && (q[i] == 'e' || q[i] == 'E')) {
        std::size_t k = i + 1;
        if (k < q.size() && (q[k] == '+' || q[k] == '-')) ++k;
        if (is_digit(k)) {
          i = k;
          while (is_digit(i)) ++i;
        }
      }
      out.push_back({sign ? SparqlToken::kSignedNumber : SparqlToken::kNumber, std::string(q.substr(b, i - b))});
    } else if (std::isalpha(c) || c == '_' || c == ':' || c >= 0x80) {
      while (i < q.size() && is_name_byte(static_cast<unsigned char>(q[i]))) ++i;
      while (i > b + 1 && q[i - 1] == '.') --i;  // a name never ends with '.': that is the triple's end
      std::string word(q.substr(b, i - b));
      if (word.find(':') == std::string::npos) {
        std::transform(word.begin(), word.end(), word.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
      }
      out.push_back({SparqlToken::kWord, std::move(word)});
    } else {
      static const char* const kTwo[] = {"^^", "&&", "||", "!=", "<=", ">="};
      std::size_t len = 1;
      for (const char* t : kTwo) {
        if (q.substr(i, 2) == t) len = 2;
      }
      i += len;
      out.push_back({SparqlToken::kPunct, std::string(q.substr(b, len))});
    }
  }
  return out;
}

namespace {

bool IsWord(const SparqlToken& t, std::string_view w) { return t.kind == SparqlToken::kWord && t.text == w; }

}  // namespace

namespace {

// The N-Triples form of a literal token ("x", "x"^^xsd:date as written in the query).
std::string ConstantLiteral(const std::vector<SparqlToken>& t, std::size_t* i) {
  std::string lit = t[*i].text;
  ++*i;
  if (*i + 1 < t.size() && t[*i].text == "^^") *i += 2;  // the datatype does not change the order of
  return lit;                                            // the bundled constants (dates, as text)
}

// Parses one ORDER BY condition at t[*i]; false if it is not a supported form.
bool ParseOrderCondition(const std::vector<SparqlToken>& t, std::size_t* i, OrderKey* key) {
  auto punct = [&](std::string_view p) {
    return *i < t.size() && t[*i].kind == SparqlToken::kPunct && t[*i].text == p;
  };
  if (t[*i].kind == SparqlToken::kVar) {
    key->terms.push_back(t[*i].text.substr(1));
    key->is_var.push_back(true);
    ++*i;
    return true;
  }
  if (IsWord(t[*i], "ASC") || IsWord(t[*i], "DESC")) {
    key->descending = IsWord(t[*i], "DESC");
    ++*i;
    if (!punct("(")) return false;
    ++*i;
    if (*i >= t.size() || !ParseOrderCondition(t, i, key) || !punct(")")) return false;
    ++*i;
    return true;
  }
  if (IsWord(t[*i], "COALESCE")) {
    ++*i;
    if (!punct("(")) return false;
    ++*i;
    while (*i < t.size() && !punct(")")) {
      if (t[*i].kind == SparqlToken::kVar) {
        key->terms.push_back(t[*i].text.substr(1));
        key->is_var.push_back(true);
        ++*i;
      } else if (t[*i].kind == SparqlToken::kString) {
        key->terms.push_back(ConstantLiteral(t, i));
        key->is_var.push_back(false);
      } else {
        return false;
      }
      if (punct(",")) ++*i;
    }
    if (!punct(")")) return false;
    ++*i;
    return true;
  }
  return false;
}

// The order class of a value (SPARQL 1.1, 15.1): unbound 0, blank node 1, IRI 2, literal 3.
int OrderClass(const std::optional<Binding>& b) {
  if (!b) return 0;
  if (b->ntriples.rfind("_:", 0) == 0) return 1;
  if (b->ntriples.rfind("<", 0) == 0) return 2;
  return 3;
}

std::optional<double> NumericValue(const Binding& b) {
  static const char* const kNumeric[] = {"integer",
                                         "decimal",
                                         "double",
                                         "float",
                                         "nonNegativeInteger",
                                         "int",
                                         "long",
                                         "positiveInteger",
                                         "short",
                                         "nonPositiveInteger",
                                         "negativeInteger"};
  auto caret = b.ntriples.rfind("^^<http://www.w3.org/2001/XMLSchema#");
  if (caret == std::string::npos) return std::nullopt;
  std::string type = b.ntriples.substr(caret + 36);
  if (!type.empty()) type.pop_back();  // '>'
  if (std::find(std::begin(kNumeric), std::end(kNumeric), type) == std::end(kNumeric)) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(b.display.c_str(), &end);
  if (end == b.display.c_str()) return std::nullopt;
  return v;
}

// <0, 0, >0 as a orders before, with or after b in ascending order.
int CompareValues(const std::optional<Binding>& a, const std::optional<Binding>& b) {
  int ca = OrderClass(a), cb = OrderClass(b);
  if (ca != cb || ca == 0) return ca - cb;
  if (ca == 3) {
    auto na = NumericValue(*a), nb = NumericValue(*b);
    if (na && nb && *na != *nb) return *na < *nb ? -1 : 1;
  }
  if (int c = a->display.compare(b->display); c != 0) return c;
  return a->ntriples.compare(b->ntriples);
}

}  // namespace

std::optional<std::vector<OrderKey>> ParseOrderBy(const std::string& query) {
  std::vector<SparqlToken> t = TokenizeSparql(query);
  int depth = 0;
  std::size_t at = t.size();
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i].kind == SparqlToken::kPunct && t[i].text == "{") ++depth;
    if (t[i].kind == SparqlToken::kPunct && t[i].text == "}") --depth;
    if (depth == 0 && IsWord(t[i], "ORDER") && IsWord(t[i + 1], "BY")) at = i + 2;
  }
  if (at >= t.size()) return std::nullopt;
  std::vector<OrderKey> keys;
  std::size_t i = at;
  while (i < t.size() && !IsWord(t[i], "LIMIT") && !IsWord(t[i], "OFFSET") && !IsWord(t[i], "VALUES")) {
    OrderKey key;
    if (!ParseOrderCondition(t, &i, &key)) return std::nullopt;
    keys.push_back(std::move(key));
  }
  if (keys.empty()) return std::nullopt;
  return keys;
}

void SortRows(const std::vector<OrderKey>& keys, QueryResult* result) {
  // Resolve each key's terms to column indexes (or constants) once.
  struct Resolved {
    std::vector<std::optional<std::size_t>> column;
    std::vector<std::optional<Binding>> constant;
    bool descending;
  };
  std::vector<Resolved> resolved;
  for (const OrderKey& k : keys) {
    Resolved r{{}, {}, k.descending};
    for (std::size_t j = 0; j < k.terms.size(); ++j) {
      std::optional<std::size_t> col;
      std::optional<Binding> constant;
      if (k.is_var[j]) {
        auto it = std::find(result->columns.begin(), result->columns.end(), k.terms[j]);
        if (it == result->columns.end()) return;  // a key the rows do not carry: keep the engine's order
        col = static_cast<std::size_t>(it - result->columns.begin());
      } else {
        std::string lexical = k.terms[j].size() >= 2 ? k.terms[j].substr(1, k.terms[j].size() - 2) : k.terms[j];
        constant = Binding{"\"" + lexical + "\"", lexical};
      }
      r.column.push_back(col);
      r.constant.push_back(constant);
    }
    resolved.push_back(std::move(r));
  }
  auto value = [](const Resolved& r, const std::vector<std::optional<Binding>>& row) -> std::optional<Binding> {
    for (std::size_t j = 0; j < r.column.size(); ++j) {
      if (r.column[j] && *r.column[j] < row.size() && row[*r.column[j]]) return row[*r.column[j]];
      if (r.constant[j]) return r.constant[j];
    }
    return std::nullopt;
  };
  std::stable_sort(result->rows.begin(), result->rows.end(), [&](const auto& a, const auto& b) {
    for (const Resolved& r : resolved) {
      int c = CompareValues(value(r, a), value(r, b));
      if (c != 0) return r.descending ? c > 0 : c < 0;
    }
    return false;
  });
}

std::string GraphAsNTriples(const QueryResult& r) {
  std::vector<std::string> lines;
  for (const auto& row : r.rows) {
    if (row.size() == 3 && row[0] && row[1] && row[2]) {
      lines.push_back(row[0]->ntriples + ' ' + row[1]->ntriples + ' ' + row[2]->ntriples + " .\n");
    }
  }
  std::sort(lines.begin(), lines.end());  // a set of triples: the same text whatever the engine's order
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  std::string out;
  for (const auto& l : lines) out += l;
  return out;
}

namespace {

// A librdf world and an in-memory model holding the N-Triples `text`, errors collected in `log`.
Status LoadNTriples(const std::string& text, LogCollector* log, World* world, Storage* storage, Model* model) {
  world->reset(librdf_new_world());
  if (!*world) return Status::Internal("librdf: cannot create a world");
  librdf_world_set_logger(world->get(), log, CollectLog);
  librdf_world_open(world->get());
  storage->reset(librdf_new_storage(world->get(), "memory", "khabar", nullptr));
  if (!*storage) return Status::Internal("librdf: cannot create a store");
  model->reset(librdf_new_model(world->get(), storage->get(), nullptr));
  if (!*model) return Status::Internal("librdf: cannot create a model");
  Parser parser(librdf_new_parser(world->get(), "ntriples", nullptr, nullptr));
  Uri base(librdf_new_uri(world->get(), reinterpret_cast<const unsigned char*>("https://w3id.org/khabar/")));
  if (!parser || !base) return Status::Internal("librdf: no N-Triples parser");
  if (librdf_parser_parse_counted_string_into_model(parser.get(), reinterpret_cast<const unsigned char*>(text.data()),
                                                    text.size(), base.get(), model->get()) != 0 ||
      !log->errors.empty()) {
    return Status::ParseError("not valid N-Triples: " + Joined(log->errors));
  }
  return Status::Ok();
}

}  // namespace

Status ParseNTriplesGraph(const std::string& text, QueryResult* out) {
  LogCollector log;
  World world;
  Storage storage;
  Model model;
  KHABAR_RETURN_IF_ERROR(LoadNTriples(text, &log, &world, &storage, &model));
  QueryResult r;
  r.columns = {"subject", "predicate", "object"};
  r.graph = true;
  Stream stream(librdf_model_as_stream(model.get()));
  while (stream && !librdf_stream_end(stream.get())) {
    librdf_statement* st = librdf_stream_get_object(stream.get());  // borrowed
    r.rows.push_back({FromNode(librdf_statement_get_subject(st)), FromNode(librdf_statement_get_predicate(st)),
                      FromNode(librdf_statement_get_object(st))});
    librdf_stream_next(stream.get());
  }
  *out = std::move(r);
  return Status::Ok();
}

Status GraphAsTurtle(const QueryResult& r, std::string* out) {
  LogCollector log;
  World world;
  Storage storage;
  Model model;
  KHABAR_RETURN_IF_ERROR(LoadNTriples(GraphAsNTriples(r), &log, &world, &storage, &model));
  Serializer serializer(librdf_new_serializer(world.get(), "turtle", nullptr, nullptr));
  if (!serializer) return Status::Internal("librdf: no Turtle serializer");
  for (const auto& p : vocab::kPrefixes) {
    Uri ns(librdf_new_uri(world.get(), reinterpret_cast<const unsigned char*>(std::string(p.iri).c_str())));
    if (ns) librdf_serializer_set_namespace(serializer.get(), ns.get(), std::string(p.name).c_str());
  }
  std::size_t length = 0;
  unsigned char* text =
      librdf_serializer_serialize_model_to_counted_string(serializer.get(), nullptr, model.get(), &length);
  if (text == nullptr || !log.errors.empty()) {
    if (text) librdf_free_memory(text);
    return Status::Internal("librdf: cannot write Turtle: " + Joined(log.errors));
  }
  out->assign(reinterpret_cast<const char*>(text), length);
  librdf_free_memory(text);
  return Status::Ok();
}

bool IsSparqlUpdate(const std::string& query) {
  // Update operations are reserved words: as a keyword token (not inside a string, an IRI, a comment,
  // a prefixed name or a variable) they cannot occur in a query, wherever they stand ("LOAD<file:…>",
  // "INSERT INTO <g>", "DELETE FROM <g>" and an update after a query's ';' included).
  static const char* const kUpdate[] = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP",
                                        "CREATE", "ADD",    "MOVE", "COPY",  "WITH"};
  // Every update operation starts with one of them, so a text without any is a query or a syntax error
  // (which the parser reports; a local query is also parsed by Rasqal, whose verb must be a query's).
  for (const auto& t : TokenizeSparql(query)) {
    for (const char* w : kUpdate) {
      if (IsWord(t, w)) return true;
    }
  }
  return false;
}

std::string FetchingClause(const std::string& query) {
  std::string found;
  for (const auto& t : TokenizeSparql(query)) {
    if (IsWord(t, "SERVICE")) return t.text;
    if (IsWord(t, "FROM")) found = t.text;
  }
  return found;
}

bool HitsRasqalSignedNumberAbort(const std::string& query) {
  // Rasqal 0.9.33 corrupts its heap (abort: "free(): invalid next size") parsing an additive expression
  // with three or more signed numbers: 1+1+1+1 (1, +1, +1, +1), ?x-1-1-1, ?x+1.5+1.5+1e0. Count them
  // per parenthesised level, until a token that ends the expression.
  std::vector<int> count{0};
  for (const auto& t : TokenizeSparql(query)) {
    if (t.kind == SparqlToken::kSignedNumber) {
      if (++count.back() >= 3) return true;
    } else if (t.kind == SparqlToken::kPunct) {
      if (t.text == "(") {
        count.push_back(0);
      } else if (t.text == ")") {
        if (count.size() > 1) count.pop_back();
      } else if (t.text != "+" && t.text != "-" && t.text != "*" && t.text != "/") {
        count.back() = 0;  // , { } . ; = < > && || …: another expression
      }
    } else if (t.kind == SparqlToken::kWord && (t.text == "AS" || t.text == "IN" || t.text == "VALUES")) {
      count.back() = 0;
    }
  }
  return false;
}

std::string EscapeControls(std::string_view s, std::string_view keep) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    char buf[8];
    if ((c < 0x20 || c == 0x7F) && keep.find(static_cast<char>(c)) == std::string_view::npos) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F &&
               static_cast<unsigned char>(s[i + 1]) >= 0x80) {
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(s[i + 1]));
      out += buf;
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string EscapeNTriplesString(std::string_view s) {
  std::string esc;
  esc.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t' && c != '\r') || u == 0x7F ||
        (u == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
         static_cast<unsigned char>(s[i + 1]) <= 0x9F)) {
      char buf[8];
      unsigned code = u == 0xC2 ? static_cast<unsigned char>(s[++i]) : u;
      std::snprintf(buf, sizeof buf, "\\u%04X", code);
      esc += buf;
    } else if (c == '"' || c == '\\') {
      esc.push_back('\\');
      esc.push_back(c);
    } else if (c == '\n') {
      esc += "\\n";
    } else if (c == '\t') {
      esc += "\\t";
    } else if (c == '\r') {
      esc += "\\r";
    } else {
      esc.push_back(c);
    }
  }
  return esc;
}

}  // namespace internal

}  // namespace khabar::exporter
