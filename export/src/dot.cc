#include "khabar/export/dot.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "khabar/export/sparql.h"
#include "khabar/ontology/vocab.h"

extern char** environ;

namespace khabar::exporter {
namespace {

namespace fs = std::filesystem;

// Views larger than this are laid out by sfdp instead of dot.
constexpr std::size_t kMaxDotNodes = 150, kMaxDotEdges = 400;

const std::string kKh(vocab::kKh);
const std::string kRdfType = std::string(vocab::kRdf) + "type";
const std::string kPrefLabel = std::string(vocab::kSkos) + "prefLabel";

// ---------------------------------------------------------------------------------------------------
// Names of event types and the verbs on actor edges: vocab::kEventTypes, the project's one table of them.

using EventWords = vocab::EventTypeInfo;

const EventWords* FindEventWords(std::string_view type) {
  for (const auto& w : vocab::kEventTypes) {
    if (w.name == type) return &w;
  }
  return nullptr;
}

std::string_view KindColor(char kind) {
  switch (kind) {
    case 'f':
      return "#c0392b";  // force
    case 's':
      return "#d35400";  // accusation, denial, condemnation
    case 'c':
      return "#1e8449";  // cooperation
    default:
      return "#2471a3";  // appeal, protest
  }
}
std::string_view KindFill(char kind) {
  switch (kind) {
    case 'f':
      return "#fadbd8";
    case 's':
      return "#fae5d3";
    case 'c':
      return "#d4efdf";
    default:
      return "#d6eaf8";
  }
}

struct TypeStyle {
  std::string_view type, shape, fill, extra;
};
constexpr std::array<TypeStyle, 7> kTypeStyles{{
    {"State", "box", "#d6eaf8", ""},
    {"Person", "ellipse", "#fdebd0", ""},
    {"Organization", "box", "#d5f5e3", "rounded,"},
    {"ArmedForce", "hexagon", "#f5b7b1", ""},
    {"Group", "octagon", "#e8daef", ""},
    {"Polity", "box", "#fcf3cf", "dashed,"},
    {"Place", "house", "#eaeded", ""},
}};

const TypeStyle& StyleOf(std::string_view base_type) {
  for (const auto& s : kTypeStyles) {
    if (s.type == base_type) return s;
  }
  return kTypeStyles[6];
}

bool IsActorType(std::string_view t) { return !t.empty() && t != "Place"; }

// ---------------------------------------------------------------------------------------------------
// The part of the graph the views need, read in one pass.

struct Entity {
  std::string base_type;  // one of the seven, or empty
  std::string label_ar, label_en;
  long mentions = 0;
  std::vector<std::string> aliases;  // AliasEvidence IRIs
};

struct Event {
  std::string type;  // local name of one of the 18 types
  std::string agent, patient, place, date, date_from, date_to;
};

struct Alias {
  std::string form, rule;
  std::set<std::string> articles;
};

struct Model {
  std::map<std::string, Entity> entities;
  std::map<std::string, Event> events;
  std::map<std::string, Alias> aliases;
  std::set<std::string> articles;
};

std::string Local(const std::string& iri) {
  std::size_t cut = iri.find_last_of("#/");
  return cut == std::string::npos ? iri : iri.substr(cut + 1);
}

std::string LangOf(const Binding& b) {
  std::size_t close = b.ntriples.rfind('"');
  if (close == std::string::npos || close + 1 >= b.ntriples.size() || b.ntriples[close + 1] != '@') return "";
  return b.ntriples.substr(close + 2);
}

Status ReadModel(const fs::path& graph, Model* m) {
  // One scan with a FILTER on the predicate: plain enough for every engine, and the view logic stays in
  // C++ (Rasqal 0.9.33 mishandles several OPTIONAL/aggregate forms; see docs/queries.md).
  const std::string query =
      "PREFIX kh: <" + kKh + ">\nPREFIX rdf: <" + std::string(vocab::kRdf) + ">\nPREFIX skos: <" +
      std::string(vocab::kSkos) +
      ">\n"
      "SELECT ?s ?p ?o WHERE { ?s ?p ?o .\n"
      "  FILTER (?p IN (rdf:type, skos:prefLabel, kh:mentionCount, kh:aliasEvidence, kh:surfaceForm, kh:mergeRule,\n"
      "                 kh:usedBy, kh:trigger, kh:agent, kh:patient, kh:place, kh:date, kh:dateFrom, kh:dateTo)) }";
  QueryResult r;
  KHABAR_RETURN_IF_ERROR(RunQuery(graph, query, &r));
  std::map<std::string, std::vector<std::string>> types;
  std::set<std::string> triggered;
  for (const auto& row : r.rows) {
    if (row.size() != 3 || !row[0] || !row[1] || !row[2]) continue;
    const std::string& s = row[0]->display;
    const std::string& p = row[1]->display;
    const Binding& o = *row[2];
    if (p == kRdfType) {
      types[s].push_back(o.display);
      continue;
    }
    if (p.rfind(kKh, 0) != 0 && p != kPrefLabel) continue;
    std::string prop = p == kPrefLabel ? "prefLabel" : p.substr(kKh.size());
    if (prop == "prefLabel") {
      std::string lang = LangOf(o);
      if (lang == "en") m->entities[s].label_en = o.display;
      if (lang == "ar" || (lang.empty() && m->entities[s].label_ar.empty())) m->entities[s].label_ar = o.display;
    } else if (prop == "mentionCount") {
      m->entities[s].mentions = std::strtol(o.display.c_str(), nullptr, 10);
    } else if (prop == "aliasEvidence") {
      m->entities[s].aliases.push_back(o.display);
    } else if (prop == "surfaceForm") {
      m->aliases[s].form = o.display;
    } else if (prop == "mergeRule") {
      m->aliases[s].rule = o.display;
    } else if (prop == "usedBy") {
      m->aliases[s].articles.insert(o.display);
      m->articles.insert(o.display);
    } else if (prop == "trigger") {
      triggered.insert(s);
    } else {
      Event& e = m->events[s];
      if (prop == "agent") e.agent = o.display;
      if (prop == "patient") e.patient = o.display;
      if (prop == "place") e.place = o.display;
      if (prop == "date") e.date = o.display;
      if (prop == "dateFrom") e.date_from = o.display;
      if (prop == "dateTo") e.date_to = o.display;
    }
  }
  // Events are the subjects with a trigger; their type is their kh: event class.
  for (auto it = m->events.begin(); it != m->events.end();) {
    it = triggered.count(it->first) ? std::next(it) : m->events.erase(it);
  }
  for (const auto& s : triggered) m->events[s];
  for (auto& [iri, ev] : m->events) {
    for (const auto& t : types[iri]) {
      if (t.rfind(kKh, 0) == 0 && FindEventWords(t.substr(kKh.size()))) ev.type = t.substr(kKh.size());
    }
  }
  for (auto it = m->events.begin(); it != m->events.end();) {
    it = it->second.type.empty() ? m->events.erase(it) : std::next(it);
  }
  // Entities: subjects typed with one of the seven base types.
  for (auto it = m->entities.begin(); it != m->entities.end();) {
    for (const auto& t : types[it->first]) {
      if (t.rfind(kKh, 0) != 0) continue;
      std::string local = t.substr(kKh.size());
      if (vocab::ParseEntityType(local)) it->second.base_type = local;
    }
    it = it->second.base_type.empty() ? m->entities.erase(it) : std::next(it);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------------
// DOT text.

// A quoted DOT string.
// Control characters (C0 but a line break, DEL, C1) in a label as U+FFFD: Graphviz rejects them in
// HTML-like labels (the timeline failed), and they have no business in a picture.
std::string NoControls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) {
      out += "\uFFFD";
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      out += "\uFFFD";
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string Q(std::string_view raw) {
  std::string s = NoControls(raw);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out + "\"";
}

// Text for an HTML-like label.
std::string H(std::string_view raw) {
  std::string s = NoControls(raw);
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// Number of code points.
std::size_t Chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Breaks a label into lines of about `width` characters at spaces.
std::string Wrap(const std::string& s, std::size_t width = 20) {
  std::istringstream in(s);
  std::string word, out, line;
  while (in >> word) {
    if (!line.empty() && Chars(line) + 1 + Chars(word) > width) {
      out += (out.empty() ? "" : "\n") + line;
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
  return out;
}

class Labels {
 public:
  Labels(const Model& m, DotLang lang) : m_(m), lang_(lang) {}
  std::string Entity(const std::string& iri) const {
    auto it = m_.entities.find(iri);
    if (it != m_.entities.end()) {
      const auto& e = it->second;
      const std::string& first = lang_ == DotLang::kArabic ? e.label_ar : e.label_en;
      const std::string& second = lang_ == DotLang::kArabic ? e.label_en : e.label_ar;
      if (!first.empty()) return first;
      if (!second.empty()) return second;
    }
    std::string local = Local(iri);
    std::replace(local.begin(), local.end(), '_', ' ');
    return local;
  }
  std::string TypeName(std::string_view type) const {
    const EventWords* w = FindEventWords(type);
    if (!w) return std::string(type);
    return std::string(lang_ == DotLang::kArabic ? w->label_ar : w->label_en);
  }
  std::string Verb(std::string_view type) const {
    const EventWords* w = FindEventWords(type);
    if (!w) return std::string(type);
    return std::string(lang_ == DotLang::kArabic ? w->edge_ar : w->edge_en);
  }
  std::string Pick(std::string_view ar, std::string_view en) const {
    return std::string(lang_ == DotLang::kArabic ? ar : en);
  }
  std::string Times(long n) const { return n > 1 ? " ×" + std::to_string(n) : ""; }
  bool arabic() const { return lang_ == DotLang::kArabic; }

 private:
  const Model& m_;
  DotLang lang_;
};

// The graph header. `title` and each line of `legend` are HTML-like label content (already escaped);
// a table keeps the lines apart (plain <BR/> lines of mixed sizes overlap in Graphviz 2.43).
std::string Header(const Labels& L, const std::string& title, const std::vector<std::string>& legend,
                   const std::string& rankdir) {
  // Arabic shaping needs a font with Arabic glyphs; pango falls back per glyph for the rest.
  std::string font = L.arabic() ? "Noto Sans Arabic,Noto Sans,DejaVu Sans" : "Noto Sans,Noto Sans Arabic,DejaVu Sans";
  std::ostringstream o;
  o << "digraph khabar {\n"
    << "  graph [charset=\"UTF-8\", fontname=" << Q(font) << ", fontsize=18, label=<<TABLE BORDER=\"0\" "
    << "CELLPADDING=\"1\" CELLSPACING=\"2\"><TR><TD><B>" << title << "</B></TD></TR>";
  for (const auto& line : legend) o << "<TR><TD><FONT POINT-SIZE=\"13\">" << line << "</FONT></TD></TR>";
  o << "</TABLE>>, labelloc=t, labeljust=c, pad=0.3, bgcolor=\"white\", rankdir=" << rankdir
    << ", nodesep=0.25, ranksep=0.6, outputorder=edgesfirst];\n"
    << "  node [fontname=" << Q(font) << ", fontsize=13, style=\"filled\", penwidth=0.8, margin=\"0.12,0.06\"];\n"
    << "  edge [fontname=" << Q(font) << ", fontsize=11, color=\"#7f8c8d\", arrowsize=0.7];\n";
  return o.str();
}

// The colour key of event kinds, in the label language.
std::string KindLegend(const Labels& L) {
  std::string out;
  for (char kind : {'f', 's', 'c', 'a'}) {
    std::string_view ar = kind == 'f'   ? "قوة"
                          : kind == 's' ? "اتهام ونفي وإدانة"
                          : kind == 'c' ? "تعاون"
                                        : "مناشدة واحتجاج";
    std::string_view en = kind == 'f'   ? "force"
                          : kind == 's' ? "accusation, denial, condemnation"
                          : kind == 'c' ? "cooperation"
                                        : "appeal, protest";
    out += (out.empty() ? "" : "   ") + std::string("<FONT COLOR=\"") + std::string(KindColor(kind)) + "\">■ " +
           H(L.Pick(ar, en)) + "</FONT>";
  }
  return out;
}

// Reading direction: Arabic diagrams flow from right to left.
std::string Flow(const Labels& L) { return L.arabic() ? "RL" : "LR"; }

std::string EntityNode(const std::string& id, const std::string& iri, const Model& m, const Labels& L) {
  auto it = m.entities.find(iri);
  std::string base = it == m.entities.end() ? "Place" : it->second.base_type;
  const TypeStyle& st = StyleOf(base);
  return "  " + id + " [label=" + Q(Wrap(L.Entity(iri))) + ", shape=" + std::string(st.shape) + ", style=\"" +
         std::string(st.extra) + "filled\", fillcolor=\"" + std::string(st.fill) + "\", tooltip=" + Q(iri) + "];\n";
}

// Keeps the `top` largest entries (by the score), or all when top is 0.
template <class T>
std::vector<T> Top(std::vector<std::pair<double, T>> scored, int top) {
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<T> out;
  for (const auto& [score, item] : scored) {
    if (top > 0 && out.size() >= static_cast<std::size_t>(top)) break;
    out.push_back(item);
  }
  return out;
}

void Finish(std::ostringstream& o, DotGraph* g, std::size_t nodes, std::size_t edges) {
  o << "}\n";
  g->text = o.str();
  g->nodes = nodes;
  g->edges = edges;
}

std::string Count(std::size_t shown, std::size_t total) {
  return shown == total ? std::to_string(total) : std::to_string(shown) + "/" + std::to_string(total);
}

// actors: agent → patient, one edge per pair with the event types between them.
void ActorsView(const Model& m, const Labels& L, int top, DotGraph* g) {
  std::map<std::pair<std::string, std::string>, std::map<std::string, long>> pairs;
  std::map<std::string, double> degree;
  for (const auto& [iri, ev] : m.events) {
    if (ev.agent.empty() || ev.patient.empty() || ev.agent == ev.patient) continue;
    auto a = m.entities.find(ev.agent), p = m.entities.find(ev.patient);
    if (a == m.entities.end() || p == m.entities.end()) continue;
    if (!IsActorType(a->second.base_type) || !IsActorType(p->second.base_type)) continue;
    ++pairs[{ev.agent, ev.patient}][ev.type];
    degree[ev.agent] += 1;
    degree[ev.patient] += 1;
  }
  std::vector<std::pair<double, std::string>> scored;
  for (const auto& [iri, d] : degree) {
    // Ties broken by how often the actor is mentioned, then by IRI (the map order, kept by stable_sort).
    scored.emplace_back(d + static_cast<double>(m.entities.at(iri).mentions) * 1e-6, iri);
  }
  std::vector<std::string> kept = Top(scored, top);
  std::sort(kept.begin(), kept.end());
  std::map<std::string, std::string> ids;
  for (const auto& iri : kept) ids[iri] = "a" + std::to_string(ids.size());
  g->shown = kept.size();
  g->total = degree.size();

  std::ostringstream o;
  std::string title =
      H(L.Pick("من فعل ماذا بمن", "Who did what to whom") + " — " + Count(kept.size(), degree.size()) +
        L.Pick(" جهة فاعلة في ", " actors in ") + std::to_string(m.articles.size()) + L.Pick(" مقالات", " articles"));
  o << Header(L, title, {KindLegend(L)}, Flow(L));
  for (const auto& iri : kept) o << EntityNode(ids[iri], iri, m, L);
  std::size_t edges = 0;
  for (const auto& [pair, by_type] : pairs) {
    if (!ids.count(pair.first) || !ids.count(pair.second)) continue;
    std::vector<std::pair<long, std::string>> types;
    long total = 0;
    for (const auto& [type, n] : by_type) {
      types.emplace_back(n, type);
      total += n;
    }
    std::stable_sort(types.begin(), types.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string label;
    for (const auto& [n, type] : types) label += (label.empty() ? "" : "\n") + L.Verb(type) + L.Times(n);
    const EventWords* w = FindEventWords(types.front().second);
    std::string color(KindColor(w ? w->family : 'a'));
    char width[16];
    std::snprintf(width, sizeof width, "%.1f", 1.0 + std::log2(static_cast<double>(total)));
    o << "  " << ids[pair.first] << " -> " << ids[pair.second] << " [label=" << Q(label) << ", color=\"" << color
      << "\", fontcolor=\"" << color << "\", penwidth=" << width << "];\n";
    ++edges;
  }
  Finish(o, g, kept.size(), edges);
}

// events: events grouped by (type, place), with their agents on one side and patients on the other.
// An actor that is agent of one group and patient of another gets a node on each side, so the layout
// stays in three columns instead of a tangle.
void EventsView(const Model& m, const Labels& L, int top, DotGraph* g) {
  struct Group {
    long count = 0;
    std::map<std::string, long> agents, patients;
  };
  std::map<std::pair<std::string, std::string>, Group> groups;  // (place, type)
  for (const auto& [iri, ev] : m.events) {
    if (ev.place.empty()) continue;  // the view is about where things happened
    Group& gr = groups[{ev.place, ev.type}];
    ++gr.count;
    if (!ev.agent.empty() && ev.agent != ev.place) ++gr.agents[ev.agent];
    if (!ev.patient.empty() && ev.patient != ev.place) ++gr.patients[ev.patient];
  }
  std::vector<std::pair<double, std::pair<std::string, std::string>>> scored;
  for (const auto& [key, gr] : groups) scored.emplace_back(static_cast<double>(gr.count), key);
  auto kept = Top(scored, top);
  std::sort(kept.begin(), kept.end());  // by place, then type
  g->shown = kept.size();
  g->total = groups.size();

  std::ostringstream o;
  std::string title = H(L.Pick("ماذا حدث وأين", "What happened where") + " — " + Count(kept.size(), groups.size()) +
                        L.Pick(" مجموعة أحداث (النوع والمكان)", " event groups (type and place)"));
  o << Header(L, title,
              {KindLegend(L), H(L.Pick("الفاعل ← الحدث ← المفعول به؛ الرقم على السهم عدد الأحداث",
                                       "agent → event → patient; a number on an arrow counts events"))},
              Flow(L));
  std::ostringstream body;
  std::map<std::string, std::string> ids;  // role + IRI -> node id
  std::size_t nodes = 0;
  auto node = [&](const std::string& role, const std::string& iri) {
    auto [it, fresh] = ids.emplace(role + iri, role + std::to_string(ids.size()));
    if (fresh) {
      body << EntityNode(it->second, iri, m, L);
      ++nodes;
    }
    return it->second;
  };
  // At most this many agents and patients per group, the most frequent: more would be unreadable.
  constexpr std::size_t kPerGroup = 3;
  auto most = [](const std::map<std::string, long>& counts) {
    std::vector<std::pair<long, std::string>> v;
    for (const auto& [iri, n] : counts) v.emplace_back(n, iri);
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (v.size() > kPerGroup) v.resize(kPerGroup);
    return v;
  };
  std::size_t edges = 0, k = 0;
  std::string current_place;
  for (const auto& key : kept) {
    const auto& [place, type] = key;
    const Group& gr = groups.at(key);
    const EventWords* w = FindEventWords(type);
    char kind = w ? w->family : 'a';
    std::string gid = "g" + std::to_string(k++);
    body << "  " << gid
         << " [label=" << Q(L.TypeName(type) + L.Times(gr.count) + "\n" + L.Pick("في ", "in ") + L.Entity(place))
         << ", shape=box, style=\"rounded,filled\", fillcolor=\"" << KindFill(kind) << "\", color=\"" << KindColor(kind)
         << "\", fontsize=14, tooltip=" << Q(place) << "];\n";
    ++nodes;
    for (const auto& [n, iri] : most(gr.agents)) {
      std::string id = node("ag", iri);
      body << "  " << id << " -> " << gid << " [color=\"" << KindColor(kind) << "\""
           << (n > 1 ? ", label=" + Q(std::to_string(n)) : std::string()) << "];\n";
      ++edges;
    }
    for (const auto& [n, iri] : most(gr.patients)) {
      std::string id = node("pt", iri);
      body << "  " << gid << " -> " << id << " [color=\"" << KindColor(kind) << "\", style=bold"
           << (n > 1 ? ", label=" + Q(std::to_string(n)) : std::string()) << "];\n";
      ++edges;
    }
  }
  o << body.str();
  // All groups in the middle column, also those without agents.
  o << "  { rank=same;";
  for (std::size_t j = 0; j < k; ++j) o << " g" << j << ";";
  o << " }\n";
  Finish(o, g, nodes, edges);
}

// "2023" for a whole year, "2023-09" for a whole month, else "from … to".
std::string Period(const std::string& from, const std::string& to) {
  if (to.empty()) return from;
  if (from.size() == 10 && to.size() == 10 && from.substr(0, 4) == to.substr(0, 4)) {
    if (from.substr(5) == "01-01" && to.substr(5) == "12-31") return from.substr(0, 4);
    static const std::array<std::string_view, 12> kLast = {"31", "28", "31", "30", "31", "30",
                                                           "31", "31", "30", "31", "30", "31"};
    int month = std::atoi(from.substr(5, 2).c_str());
    if (from.substr(5, 2) == to.substr(5, 2) && from.substr(8) == "01" && month >= 1 && month <= 12 &&
        (to.substr(8) == kLast[static_cast<std::size_t>(month - 1)] || (month == 2 && to.substr(8) == "29"))) {
      return from.substr(0, 7);
    }
  }
  return from + " … " + to;
}

// timeline: one table per date (or period), the event types of that date with agents and places.
void TimelineView(const Model& m, const Labels& L, int top, DotGraph* g) {
  struct Row {
    long count = 0;
    std::map<std::string, long> agents, places;
  };
  // Key: (start, end) with end empty for a single day.
  std::map<std::pair<std::string, std::string>, std::map<std::string, Row>> dates;
  for (const auto& [iri, ev] : m.events) {
    std::pair<std::string, std::string> key;
    if (!ev.date.empty()) {
      key = {ev.date, ""};
    } else if (!ev.date_from.empty()) {
      key = {ev.date_from, ev.date_to};
    } else {
      continue;
    }
    Row& r = dates[key][ev.type];
    ++r.count;
    if (!ev.agent.empty()) ++r.agents[ev.agent];
    if (!ev.place.empty()) ++r.places[ev.place];
  }
  std::vector<std::pair<double, std::pair<std::string, std::string>>> scored;
  for (const auto& [key, rows] : dates) {
    long n = 0;
    for (const auto& [t, r] : rows) n += r.count;
    scored.emplace_back(static_cast<double>(n), key);
  }
  auto kept = Top(scored, top);
  std::sort(kept.begin(), kept.end());  // chronological
  g->shown = kept.size();
  g->total = dates.size();

  std::ostringstream o;
  std::string title = H(L.Pick("التسلسل الزمني", "Timeline") + " — " + Count(kept.size(), dates.size()) +
                        L.Pick(" تاريخًا وفترة", " dates and periods"));
  o << Header(L, title, {KindLegend(L)}, "TB");
  o << "  graph [ranksep=0.5, nodesep=0.5];\n";
  auto first = [&](const std::map<std::string, long>& counts) {
    std::string best;
    long n = 0;
    for (const auto& [iri, c] : counts) {
      if (c > n) {
        best = iri;
        n = c;
      }
    }
    return best;
  };
  std::size_t id = 0;
  for (const auto& key : kept) {
    const auto& rows = dates.at(key);
    o << "  d" << id << " [shape=plaintext, style=\"\", margin=0, label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" "
      << "CELLSPACING=\"0\" CELLPADDING=\"5\" COLOR=\"#7f8c8d\"><TR><TD BGCOLOR=\"#34495e\"><FONT COLOR=\"white\"><B>"
      << H(Period(key.first, key.second)) << "</B></FONT></TD></TR>";
    std::vector<std::pair<long, std::string>> order;
    for (const auto& [type, r] : rows) order.emplace_back(r.count, type);
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [n, type] : order) {
      const Row& r = rows.at(type);
      const EventWords* w = FindEventWords(type);
      std::string text = L.TypeName(type) + L.Times(n);
      std::string agent = first(r.agents), place = first(r.places);
      if (!agent.empty()) text += L.Pick("، ", ", ") + L.Entity(agent);
      if (!place.empty()) text += L.Pick("، في ", ", in ") + L.Entity(place);
      o << "<TR><TD BGCOLOR=\"" << KindFill(w ? w->family : 'a') << "\">" << H(text) << "</TD></TR>";
    }
    o << "</TABLE>>];\n";
    ++id;
  }
  // Rows of kColumns dates in reading order (right to left in Arabic), chained by arrows; a row's tables
  // hang from its top (the tallest date would otherwise push its neighbours down).
  constexpr std::size_t kColumns = 4;
  std::size_t edges = 0;
  for (std::size_t k = 0; k < id; k += kColumns) {
    std::size_t end = std::min(id, k + kColumns);
    o << "  { rank=same;";
    for (std::size_t j = k; j < end; ++j) o << " d" << j << ";";
    o << " }\n";
    for (std::size_t j = k; j + 1 < end; ++j) {
      std::size_t a = L.arabic() ? j + 1 : j, b = L.arabic() ? j : j + 1;
      // In Arabic the edge runs right to left: drawn from b to a with the arrow reversed.
      o << "  d" << a << " -> d" << b << " [color=\"#34495e\", penwidth=1.5" << (L.arabic() ? ", dir=back" : "")
        << "];\n";
      ++edges;
    }
    if (end < id) {  // down to the next row
      o << "  d" << k << " -> d" << end << " [style=invis];\n";
      o << "  d" << end - 1 << " -> d" << end
        << " [color=\"#34495e\", penwidth=1.5, style=dashed, constraint=false];\n";
      ++edges;
    }
  }
  Finish(o, g, id, edges);
}

// aliases: one table per entity known under several names (a cluster of its surface forms), with the
// merge rule and the number of articles of each form; the tables are laid out in a grid.
void AliasesView(const Model& m, const Labels& L, int top, DotGraph* g) {
  std::vector<std::pair<double, std::string>> scored;
  for (const auto& [iri, e] : m.entities) {
    if (e.aliases.size() < 2) continue;
    scored.emplace_back(static_cast<double>(e.aliases.size()) + static_cast<double>(e.mentions) * 1e-6, iri);
  }
  std::size_t total = scored.size();
  auto kept = Top(scored, top);
  g->shown = kept.size();
  g->total = total;
  std::ostringstream o;
  std::string title = H(L.Pick("الأسماء المدمجة", "Merged names") + " — " + Count(kept.size(), total) +
                        L.Pick(" كيانًا بأكثر من اسم", " entities with several names"));
  o << Header(L, title,
              {H(L.Pick("الاسم كما ورد · قاعدة الدمج · عدد المقالات", "form as written · merge rule · articles"))},
              "TB");
  o << "  graph [ranksep=0.3, nodesep=0.3];\n";
  static const std::map<std::string, std::string> kRuleColor = {{"lexicon", "#566573"},
                                                                {"normalised", "#2471a3"},
                                                                {"derived", "#7d3c98"},
                                                                {"phonetic", "#d35400"},
                                                                {"partial-name", "#c0392b"}};
  constexpr std::size_t kColumns = 4;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const std::string& iri = kept[k];
    const Entity& e = m.entities.at(iri);
    std::vector<const Alias*> forms;
    for (const auto& a : e.aliases) {
      auto it = m.aliases.find(a);
      if (it != m.aliases.end()) forms.push_back(&it->second);
    }
    std::stable_sort(forms.begin(), forms.end(), [](const Alias* a, const Alias* b) {
      return a->articles.size() != b->articles.size() ? a->articles.size() > b->articles.size() : a->form < b->form;
    });
    o << "  e" << k << " [shape=plaintext, style=\"\", margin=0, tooltip=" << Q(iri)
      << ", label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\" COLOR=\"#bdc3c7\">"
      << "<TR><TD COLSPAN=\"3\" BGCOLOR=\"" << StyleOf(e.base_type).fill << "\"><B>" << H(L.Entity(iri))
      << "</B></TD></TR>";
    for (const Alias* a : forms) {
      auto c = kRuleColor.find(a->rule);
      std::string color = c == kRuleColor.end() ? "#566573" : c->second;
      std::string form = "<TD ALIGN=\"RIGHT\">" + H(a->form) + "</TD>";
      std::string rule = "<TD><FONT COLOR=\"" + color + "\" POINT-SIZE=\"11\">" + H(a->rule) + "</FONT></TD>";
      std::string n = "<TD><FONT POINT-SIZE=\"11\">" + std::to_string(a->articles.size()) + "</FONT></TD>";
      // The form stays on the reading side: right in Arabic, left in English.
      o << "<TR>" << (L.arabic() ? n + rule + form : form + rule + n) << "</TR>";
    }
    o << "</TABLE>>];\n";
  }
  // The grid: rows of kColumns tables, each table above the one kColumns later (invisible edges).
  for (std::size_t k = 0; k < kept.size(); k += kColumns) {
    o << "  { rank=same;";
    for (std::size_t j = k; j < std::min(kept.size(), k + kColumns); ++j) {
      // Arabic: the first table of a row on the right.
      std::size_t idx = L.arabic() ? k + (std::min(kept.size(), k + kColumns) - 1 - j) : j;
      o << " e" << idx << ";";
    }
    o << " }\n";
  }
  std::size_t edges = 0;
  for (std::size_t k = 0; k + kColumns < kept.size(); ++k) {
    o << "  e" << k << " -> e" << k + kColumns << " [style=invis];\n";
    ++edges;
  }
  for (std::size_t k = 0; k < kept.size(); k += kColumns) {  // keep each row in reading order
    std::size_t end = std::min(kept.size(), k + kColumns);
    for (std::size_t j = k; j + 1 < end; ++j) {
      std::size_t a = L.arabic() ? j + 1 : j, b = L.arabic() ? j : j + 1;
      o << "  e" << a << " -> e" << b << " [style=invis];\n";
      ++edges;
    }
  }
  Finish(o, g, kept.size(), edges);
}

// Removes a file when it goes out of scope, unless released.
class TempFile {
 public:
  explicit TempFile(fs::path p) : path_(std::move(p)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove(path_, ec);
    }
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

fs::path TempBeside(const fs::path& target, const std::string& tag) {
  fs::path dir = target.parent_path();
  return dir / ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()) + tag);
}

Status WriteText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out) return Status::IoError(path.string() + ": cannot write");
  return Status::Ok();
}

// Runs `dot -K<engine> -T<format> -o <out> <in>`, stderr to `err`; stops it after `timeout_s`.
Status RunGraphviz(const std::string& engine, const std::string& format, const fs::path& in, const fs::path& out,
                   const fs::path& err, int timeout_s) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> args = {"dot", "-K" + engine, "-T" + format, "-o", out.string(), in.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "dot", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    if (rc == ENOENT) return Status::NotFound("Graphviz 'dot' not found on PATH: install graphviz (scripts/setup.sh)");
    return Status::IoError(std::string("cannot run Graphviz 'dot': ") + std::strerror(rc));
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  int status = 0;
  for (;;) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return Status::IoError(std::string("waitpid: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return Status::IoError("Graphviz (" + engine + ") did not finish in " + std::to_string(timeout_s) +
                             " s: draw fewer items (--top N) or use --engine sfdp");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::Ok();
  std::ifstream e(err);
  std::string message((std::istreambuf_iterator<char>(e)), std::istreambuf_iterator<char>());
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
  std::string how = WIFEXITED(status) ? "exited with " + std::to_string(WEXITSTATUS(status))
                                      : "was killed by signal " + std::to_string(WTERMSIG(status));
  return Status::IoError("Graphviz (dot -K" + engine + " -T" + format + ") " + how +
                         (message.empty() ? "" : ": " + message));
}

}  // namespace

bool ParseDotView(std::string_view name, DotView* out) {
  if (name == "actors") {
    *out = DotView::kActors;
  } else if (name == "events") {
    *out = DotView::kEvents;
  } else if (name == "timeline") {
    *out = DotView::kTimeline;
  } else if (name == "aliases") {
    *out = DotView::kAliases;
  } else {
    return false;
  }
  return true;
}

Status BuildDot(const fs::path& graph, const DotOptions& options, DotGraph* out) {
  static const std::set<std::string> kEngines = {"dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"};
  if (!options.engine.empty() && !kEngines.count(options.engine)) {
    return Status::InvalidArgument("unknown Graphviz layout engine '" + options.engine +
                                   "' (dot, neato, fdp, sfdp, circo, twopi, osage, patchwork)");
  }
  Model m;
  KHABAR_RETURN_IF_ERROR(ReadModel(graph, &m));
  Labels L(m, options.lang);
  DotGraph g;
  int top = options.top;
  switch (options.view) {
    case DotView::kActors:
      ActorsView(m, L, top < 0 ? 30 : top, &g);
      break;
    case DotView::kEvents:
      EventsView(m, L, top < 0 ? 16 : top, &g);
      break;
    case DotView::kTimeline:
      TimelineView(m, L, top < 0 ? 15 : top, &g);
      break;
    case DotView::kAliases:
      AliasesView(m, L, top < 0 ? 12 : top, &g);
      break;
  }
  g.engine = !options.engine.empty()                              ? options.engine
             : (g.nodes > kMaxDotNodes || g.edges > kMaxDotEdges) ? "sfdp"
                                                                  : "dot";
  if (g.engine == "sfdp") {
    // sfdp ignores ranks. Keep nodes apart, draw edges straight and move edge labels into tooltips:
    // routing spline edges around labels took over 120 s for 713 actors and 2,510 edges, straight
    // unlabelled edges 0.6 s.
    std::string text;
    std::istringstream lines(g.text);
    for (std::string line; std::getline(lines, line);) {
      if (std::size_t at = line.find(" [label="); at != std::string::npos && line.find(" -> ") < at) {
        line.replace(at, 8, " [tooltip=");
      }
      text += line + "\n";
    }
    std::size_t brace = text.find("];\n");
    text.insert(brace + 3, "  graph [overlap=prism, overlap_scaling=2, splines=false, outputorder=edgesfirst];\n");
    g.text = std::move(text);
  }
  *out = std::move(g);
  return Status::Ok();
}

Status WriteDot(const DotGraph& g, const fs::path& path, int timeout_s) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string format;
  if (ext == ".svg" || ext == ".png" || ext == ".pdf") {
    format = ext.substr(1);
  } else if (ext != ".dot" && ext != ".gv") {
    return Status::InvalidArgument(path.string() + ": unknown output type (use .dot, .gv, .svg, .png or .pdf)");
  }
  std::error_code ec;
  fs::path dir = path.parent_path();
  if (!dir.empty() && !fs::is_directory(dir, ec)) return Status::IoError(dir.string() + ": no such directory");
  TempFile tmp(TempBeside(path, ""));
  if (format.empty()) {
    KHABAR_RETURN_IF_ERROR(WriteText(tmp.path(), g.text));
  } else {
    TempFile source(TempBeside(path, ".dot"));
    TempFile err(TempBeside(path, ".err"));
    KHABAR_RETURN_IF_ERROR(WriteText(source.path(), g.text));
    KHABAR_RETURN_IF_ERROR(RunGraphviz(g.engine, format, source.path(), tmp.path(), err.path(), timeout_s));
  }
  fs::rename(tmp.path(), path, ec);
  if (ec) return Status::IoError(path.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace khabar::exporter
