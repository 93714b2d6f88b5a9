#include "khabar/export/sparql.h"

#include <algorithm>
#include <regex>
#include <sstream>

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

// Removes comments and string literals so keyword checks do not see their content.
std::string StripCommentsAndStrings(const std::string& q) {
  std::string out;
  for (std::size_t i = 0; i < q.size(); ++i) {
    char c = q[i];
    if (c == '#') {
      while (i < q.size() && q[i] != '\n') ++i;
      out.push_back('\n');
    } else if (c == '"' || c == '\'') {
      char quote = c;
      ++i;
      while (i < q.size() && q[i] != quote) {
        if (q[i] == '\\') ++i;
        ++i;
      }
      out += "\"\"";
    } else if (c == '<') {
      // IRIs may contain words like "delete": skip them.
      std::size_t j = q.find_first_of(">\n ", i + 1);
      if (j != std::string::npos && q[j] == '>') {
        i = j;
        out += "<>";
      } else {
        out.push_back(c);
      }
    } else {
      out.push_back(c);
    }
  }
  return out;
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
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

}  // namespace

Status RunQuery(const std::filesystem::path& graph, const std::string& query, QueryResult* out) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(graph, ec)) return Status::NotFound(graph.string() + ": no such graph file");
  if (internal::IsSparqlUpdate(query)) {
    return Status::Unsupported("SPARQL Update is not accepted: khabar query only reads the graph");
  }

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
    Stream stream(librdf_query_results_as_stream(results.get()));
    while (stream && !librdf_stream_end(stream.get())) {
      librdf_statement* st = librdf_stream_get_object(stream.get());  // borrowed
      r.rows.push_back({FromNode(librdf_statement_get_subject(st)), FromNode(librdf_statement_get_predicate(st)),
                        FromNode(librdf_statement_get_object(st))});
      librdf_stream_next(stream.get());
    }
  }
  if (!log.errors.empty()) return Status::ParseError("query failed: " + Joined(log.errors));
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
  } else {
    return false;
  }
  return true;
}

void WriteResult(const QueryResult& r, ResultFormat f, std::ostream& out) {
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
      auto cell = [](const std::string& s) {
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
    case ResultFormat::kTable: {
      std::vector<std::size_t> width(r.columns.size());
      bool rtl = false;
      for (std::size_t i = 0; i < r.columns.size(); ++i) width[i] = Width(r.columns[i], &rtl);
      for (const auto& row : r.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
          if (row[i]) width[i] = std::max(width[i], Width(Compact(row[i]->display), &rtl));
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
        for (const auto& b : row) cells.push_back(b ? Compact(b->display) : "");
        line(cells);
      }
      rule();
      out << r.rows.size() << (r.rows.size() == 1 ? " row\n" : " rows\n");
      break;
    }
  }
}

namespace internal {

bool IsSparqlUpdate(const std::string& query) {
  static const std::regex kUpdate(
      R"(\b(INSERT|DELETE)\s*(DATA\b|WHERE\b|\{)|\b(LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\s+(SILENT\s+)?(GRAPH\b|DEFAULT\b|NAMED\b|ALL\b|<)|\bWITH\s*<)",
      std::regex::icase);
  return std::regex_search(StripCommentsAndStrings(query), kUpdate);
}

std::string EscapeNTriplesString(std::string_view s) {
  std::string esc;
  esc.reserve(s.size());
  for (char c : s) {
    if (c == '"' || c == '\\') {
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
