#include "khabar/graph/graph.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <numeric>
#include <thread>

#include "happenings.h"
#include "khabar/extract/arabic.h"
#include "khabar/ontology/vocab.h"
#include "merge.h"

namespace khabar::graph {

using extract::ArticleResult;
using vocab::EntityType;

namespace {

std::string Kh(std::string_view local) { return std::string(vocab::kKh) + std::string(local); }
std::string Nif(std::string_view local) { return std::string(vocab::kNif) + std::string(local); }

std::string Xsd(std::string_view local) { return std::string(vocab::kXsd) + std::string(local); }

}  // namespace

std::string PercentEncode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string ArticleIri(std::string_view article_id) {
  return std::string(vocab::kResource) + "article/" + PercentEncode(article_id);
}
std::string EntityIriForId(std::string_view id) {
  return std::string(vocab::kResource) + "entity/" + PercentEncode(id);
}
std::string EntitiesGraphIri(std::string_view shard) {
  return std::string(vocab::kResource) + "graph/entities" + (shard.empty() ? "" : "/" + PercentEncode(shard));
}
std::string HappeningsGraphIri(std::string_view shard) {
  return std::string(vocab::kResource) + "graph/happenings" + (shard.empty() ? "" : "/" + PercentEncode(shard));
}

namespace {

// Sorts `v` with `less`; with threads ≥ 2 and a large vector, partitions around the median and sorts
// both halves at once: no merge buffer (which would be half the elements again).
template <class T, class Less>
void SortMaybeParallel(std::vector<T>* v, Less less, unsigned threads) {
  if (threads >= 2 && v->size() >= 100000) {
    auto mid = v->begin() + static_cast<std::ptrdiff_t>(v->size() / 2);
    std::nth_element(v->begin(), mid, v->end(), less);
    std::thread t([&] { std::sort(v->begin(), mid, less); });
    std::sort(mid, v->end(), less);
    t.join();
  } else {
    std::sort(v->begin(), v->end(), less);
  }
}

// The last step of a graph or a part: renumbers `terms` in output order (after replacing each term t by
// remap[t]; empty: no replacement), then sorts `triples` by id, which is now the writers' order, and
// removes duplicates. With named graphs, `runs` (from a triple's index in the order added, its graph)
// give each triple's graph in `graph_of`; a triple in several graphs (several articles asserting it) goes
// to `shared_graph` (graph_of() in graph.h says why).
void SortAndDeduplicate(std::vector<TermId> remap, TermId shared_graph, const GraphOptions& options, TermStore* terms,
                        std::vector<Triple>* triples, std::vector<std::pair<std::size_t, TermId>>* runs,
                        std::vector<TermId>* graph_of_out) {
  std::vector<TermId> graph_of;
  if (options.named_graphs) {
    graph_of.resize(triples->size());
    for (std::size_t r = 0; r < runs->size(); ++r) {
      std::size_t end = r + 1 < runs->size() ? (*runs)[r + 1].first : triples->size();
      std::fill(graph_of.begin() + static_cast<std::ptrdiff_t>((*runs)[r].first),
                graph_of.begin() + static_cast<std::ptrdiff_t>(end), (*runs)[r].second);
    }
    std::vector<std::pair<std::size_t, TermId>>().swap(*runs);
  }
  if (remap.empty()) {
    remap.resize(terms->size());
    std::iota(remap.begin(), remap.end(), TermId{0});
  }
  {
    std::vector<TermId> order = terms->SortInOutputOrder(options.threads);
    for (auto& id : remap) id = order[id];
  }
  for (auto& tr : *triples) tr = {remap[tr.s], remap[tr.p], remap[tr.o]};
  for (auto& gr : graph_of) gr = remap[gr];
  if (!options.named_graphs) {
    std::vector<TermId>().swap(remap);
    auto less = [](const Triple& a, const Triple& b) { return std::tie(a.s, a.p, a.o) < std::tie(b.s, b.p, b.o); };
    SortMaybeParallel(triples, less, options.threads);
    triples->erase(std::unique(triples->begin(), triples->end()), triples->end());
    return;
  }
  // Quads: sorted by (s, p, o, graph), then one quad per triple.
  const TermId shared = remap.empty() ? 0 : remap[shared_graph];
  std::vector<TermId>().swap(remap);
  struct Quad {
    TermId s, p, o, g;
  };
  std::vector<Quad> quads(triples->size());
  for (std::size_t i = 0; i < triples->size(); ++i) {
    quads[i] = {(*triples)[i].s, (*triples)[i].p, (*triples)[i].o, graph_of[i]};
  }
  std::vector<Triple>().swap(*triples);
  std::vector<TermId>().swap(graph_of);
  SortMaybeParallel(
      &quads, [](const Quad& a, const Quad& b) { return std::tie(a.s, a.p, a.o, a.g) < std::tie(b.s, b.p, b.o, b.g); },
      options.threads);
  triples->reserve(quads.size());
  graph_of_out->reserve(quads.size());
  for (const Quad& q : quads) {
    if (!triples->empty() && triples->back() == Triple{q.s, q.p, q.o}) {
      if (graph_of_out->back() != q.g) graph_of_out->back() = shared;
      continue;
    }
    triples->push_back({q.s, q.p, q.o});
    graph_of_out->push_back(q.g);
  }
  triples->shrink_to_fit();
  graph_of_out->shrink_to_fit();
}
}  // namespace

// What the graph knows of one entity key (a lexicon id, a derived id or a "~Type:key" name).
struct KeyInfo {
  std::string key;
  EntityType type = EntityType::kPlace;
  std::string subtype, en, of;
  bool lexicon = false;
  std::map<std::string, std::size_t> forms;  // surface form -> count
  // Surface form -> the articles (their IRI terms) that use it, in corpus order. Term ids rather than
  // article id strings: at 100k articles the strings took hundreds of MB.
  std::map<std::string, std::vector<TermId>> form_articles;
  // Surface form -> the extractor rules that read it as this key (mention rules: lexicon, force+nisba…).
  std::map<std::string, std::vector<std::string>> form_rules;
  std::string merge_rule = "lexicon";  // how this key joined its cluster
  std::string merge_evidence;
  std::size_t mentions = 0;
  // The readings (type, subtype, English label, owner) the extractor gave the mentions of a key the
  // lexicon does not define, with their counts. Finish() chooses from all of them (ChooseReading), so
  // that the choice does not depend on which article came first: taking the first mention's reading
  // lost the owner and English label of a derived key whenever a nominal mention without them came first.
  struct Reading {
    EntityType type;
    std::string subtype, en, of;
    std::size_t count;
  };
  std::vector<Reading> readings;
};

namespace {

// The most frequent non-empty value of `field` among `readings` of type `type`; ties go to the
// bytewise smallest value. Independent of the order of the readings.
std::string MostFrequent(const std::vector<KeyInfo::Reading>& readings, EntityType type,
                         std::string KeyInfo::Reading::*field) {
  std::map<std::string, std::size_t> votes;
  for (const auto& r : readings) {
    if (r.type == type && !(r.*field).empty()) votes[r.*field] += r.count;
  }
  std::string best;
  std::size_t best_n = 0;
  for (const auto& [v, n] : votes) {  // ascending: a later value wins only with more votes
    if (n > best_n) {
      best = v;
      best_n = n;
    }
  }
  return best;
}

// Sets the type, subtype, English label and owner of a key not in the lexicon from its readings: the
// type of most mentions (ties: the first in EntityType order), then the most frequent non-empty value
// of each other field among the mentions of that type.
void ChooseReading(KeyInfo* info) {
  if (info->readings.empty()) return;
  std::map<EntityType, std::size_t> types;
  for (const auto& r : info->readings) types[r.type] += r.count;
  EntityType type = types.begin()->first;
  std::size_t n = 0;
  for (const auto& [t, c] : types) {
    if (c > n) {
      type = t;
      n = c;
    }
  }
  info->type = type;
  info->subtype = MostFrequent(info->readings, type, &KeyInfo::Reading::subtype);
  info->en = MostFrequent(info->readings, type, &KeyInfo::Reading::en);
  info->of = MostFrequent(info->readings, type, &KeyInfo::Reading::of);
  std::vector<KeyInfo::Reading>().swap(info->readings);
}

}  // namespace

namespace {

std::string EventIri(std::string_view article_id, std::uint32_t begin, std::uint32_t end) {
  return std::string(vocab::kResource) + "event/" + PercentEncode(article_id) + "/" + std::to_string(begin) + "-" +
         std::to_string(end);
}
std::string FigureIri(const std::string& event_iri, std::size_t n) {
  return event_iri + "/figure/" + std::to_string(n);
}

// The day an event's figures describe (kh:asOf): the event's own day, or, when the article gives no time
// for it at all, the day the article was published (a count "as of" that report).
std::optional<extract::Date> AsOf(const extract::Event& ev, const extract::Document& doc) {
  if (ev.date && !ev.date_to && ev.date->Valid()) return *ev.date;
  if (!ev.date && ev.time_text.empty() && doc.published && doc.published->Valid()) return *doc.published;
  return std::nullopt;
}

}  // namespace

struct Graph::Impl {
  std::vector<KeyInfo> keys;
  std::unordered_map<std::string, std::size_t> key_index;
  std::vector<TermId> ref_terms;                        // entity key index -> placeholder term
  std::unordered_map<TermId, std::size_t> ref_of_term;  // placeholder term -> key index
  std::vector<std::string> iri;                         // key index -> final IRI (after Finish)
  std::vector<std::string> article_ids;                 // in the order added
  // Event reports for cross-article matching (happenings.h), with entity key indices that Finish()
  // resolves to clusters, and where each report's event is (its IRI: EventIri).
  internal::EventRecords events;
  struct EventSpan {
    std::uint32_t article, begin, end;  // article: index into article_ids
  };
  std::vector<EventSpan> event_spans;
  std::vector<std::uint32_t> agents_buf;            // ObserveEvent's scratch
  std::vector<internal::FigureRecord> figures_buf;  // ObserveEvent's scratch

  std::size_t KeyFor(const std::string& key, TermStore* terms) {
    auto it = key_index.find(key);
    if (it != key_index.end()) return it->second;
    std::size_t idx = keys.size();
    KeyInfo info;
    info.key = key;
    keys.push_back(std::move(info));
    key_index.emplace(key, idx);
    // A placeholder IRI that cannot clash with a real one; replaced in Finish().
    TermId ph = terms->Intern(Term::Iri("urn:khabar:pending:" + std::to_string(idx)));
    ref_terms.push_back(ph);
    ref_of_term.emplace(ph, idx);
    return idx;
  }
  std::string EventIriOf(std::size_t report) const {
    const EventSpan& e = event_spans[report];
    return EventIri(article_ids[e.article], e.begin, e.end);
  }
  // The IRI of the figure with this handle (internal::FigureRecord::id: its index in events.figures).
  std::string FigureIriOf(std::uint32_t figure) const {
    const auto& recs = events.records;
    auto it = std::upper_bound(recs.begin(), recs.end(), figure,
                               [](std::uint32_t f, const internal::EventRecord& r) { return f < r.figures_begin; });
    const auto report = static_cast<std::size_t>(it - recs.begin()) - 1;
    return FigureIri(EventIriOf(report), figure - recs[report].figures_begin + 1);
  }

  void ObserveMention(const extract::Mention& m, TermId art, std::size_t k, const ontology::Lexicon& lexicon);
  void ObserveEvent(const extract::Event& ev, const extract::Document& doc, TermStore* terms);
};

// What merging learns from a mention of key k: the lexicon's reading or the extractor's, its form, the
// article that used the form and the rule that read it.
void Graph::Impl::ObserveMention(const extract::Mention& m, TermId art, std::size_t k,
                                 const ontology::Lexicon& lexicon) {
  KeyInfo& info = keys[k];
  const ontology::EntityEntry* e = lexicon.Find(m.entity);
  if (info.mentions == 0 && e) {
    info.lexicon = true;
    info.type = e->type;
    info.subtype = e->subtype;
    info.en = e->en;
    info.of = e->of;
  } else if (!e) {  // chosen in Finish() from every mention's reading
    auto same = std::find_if(info.readings.begin(), info.readings.end(), [&](const KeyInfo::Reading& rd) {
      return rd.type == m.type && rd.subtype == m.subtype && rd.en == m.en && rd.of == m.of;
    });
    if (same != info.readings.end()) {
      ++same->count;
    } else {
      info.readings.push_back({m.type, m.subtype, m.en, m.of, 1});
    }
  }
  ++info.mentions;
  ++info.forms[m.text];
  auto& arts = info.form_articles[m.text];
  if (arts.empty() || arts.back() != art) arts.push_back(art);  // articles come one at a time
  auto& rules = info.form_rules[m.text];
  if (std::find(rules.begin(), rules.end(), m.rule) == rules.end()) rules.push_back(m.rule);
}

// An event's entity keys, in the order they were always first seen (place, agents, patients, source:
// the order decides tie-breaks), and its report when it can match another article's (happenings.h).
void Graph::Impl::ObserveEvent(const extract::Event& ev, const extract::Document& doc, TermStore* terms) {
  internal::EventRecord rec;
  rec.type = ev.type;
  rec.article = static_cast<std::uint32_t>(article_ids.size() - 1);
  if (!ev.place.empty()) rec.place = static_cast<std::uint32_t>(KeyFor(ev.place, terms));
  agents_buf.clear();
  for (const auto& a : ev.agents) agents_buf.push_back(static_cast<std::uint32_t>(KeyFor(a, terms)));
  for (const auto& p : ev.patients) KeyFor(p, terms);
  if (!ev.source.empty()) KeyFor(ev.source, terms);
  if (ev.date) {
    rec.from = static_cast<std::int32_t>(ev.date->DaysSinceEpoch());
    rec.to = static_cast<std::int32_t>((ev.date_to ? *ev.date_to : *ev.date).DaysSinceEpoch());
  } else if (ev.time_text.empty() && doc.published && doc.published->Valid()) {
    // No time given at all: news reports what just happened, so the event lies within a few days
    // before the article's publication (internal::kUndatedWindow). A time expression that could not
    // be resolved ("last year") says it is not that recent: such an event stays unmatched.
    rec.to = static_cast<std::int32_t>(doc.published->DaysSinceEpoch());
    rec.from = static_cast<std::int32_t>(rec.to - internal::kUndatedWindow);
  }
  if (auto as_of = AsOf(ev, doc)) rec.as_of = static_cast<std::int32_t>(as_of->DaysSinceEpoch());
  // Only reports that can match are kept (2.7M events at 100k articles): not statements, with a
  // place and a date of at most a week (the rules of happenings.h).
  if (vocab::IsStatement(ev.type) || rec.place == internal::kNoPlace || rec.from == internal::kNoDay ||
      rec.to - rec.from > 7) {
    return;
  }
  figures_buf.clear();
  for (const auto& f : ev.figures) {
    const auto id = static_cast<std::uint32_t>(events.figures.size() + figures_buf.size());
    figures_buf.push_back({f.kind, f.value, f.qualifier, id});
  }
  events.Add(rec, agents_buf, figures_buf);
  event_spans.push_back({rec.article, ev.begin, ev.end});
}

// The vocabulary terms AddArticle writes, interned once per term store: building "https://…#beginIndex" and
// hashing it again for each of ~750 triples an article was a third of AddArticle (docs/performance.md).
struct Graph::Vocab {
  explicit Vocab(TermStore* t) {
    auto kh = [&](std::string_view l) { return t->Iri(Kh(l)); };
    auto nif = [&](std::string_view l) { return t->Iri(Nif(l)); };
    rdf_type = t->Iri(std::string(vocab::kRdf) + "type");
    article = kh(vocab::kh::kArticle);
    context = nif("Context");
    source_file = kh(vocab::kh::kSourceFile);
    source_path = kh(vocab::kh::kSourcePath);
    char_count = kh(vocab::kh::kCharCount);
    begin_index = nif("beginIndex");
    end_index = nif("endIndex");
    outlet = kh(vocab::kh::kOutlet);
    published = kh(vocab::kh::kPublished);
    phrase = nif("Phrase");
    reference_context = nif("referenceContext");
    anchor_of = nif("anchorOf");
    ta_ident_ref = t->Iri(std::string(vocab::kItsrdf) + "taIdentRef");
    recognised_by = kh(vocab::kh::kRecognisedBy);
    nominal = kh(vocab::kh::kNominal);
    trigger_class = kh(vocab::kh::kTrigger);
    trigger = kh(vocab::kh::kTriggerP);
    in_article = kh(vocab::kh::kInArticle);
    agent = kh(vocab::kh::kAgent);
    patient = kh(vocab::kh::kPatient);
    place = kh(vocab::kh::kPlace);
    time_text = kh(vocab::kh::kTimeText);
    reported_by = kh(vocab::kh::kReportedBy);
    figure = kh(vocab::kh::kFigureP);
    figure_class = kh(vocab::kh::kFigure);
    figure_kind = kh(vocab::kh::kFigureKindP);
    value = kh(vocab::kh::kValue);
    qualifier = kh(vocab::kh::kQualifierP);
    figure_text = kh(vocab::kh::kFigureText);
    xsd_nonneg = Xsd("nonNegativeInteger");
    xsd_date = Xsd("date");
    xsd_integer = Xsd("integer");
    xsd_boolean = Xsd("boolean");
  }
  TermId rdf_type, article, context, source_file, source_path, char_count, begin_index, end_index, outlet, published,
      phrase, reference_context, anchor_of, ta_ident_ref, recognised_by, nominal, trigger_class, trigger, in_article,
      agent, patient, place, time_text, reported_by, figure, figure_class, figure_kind, value, qualifier, figure_text;
  std::string xsd_nonneg, xsd_date, xsd_integer, xsd_boolean;
  // The xsd:nonNegativeInteger literals of small numbers (character offsets, counts), by value: four are
  // written for every mention. 0: not interned yet (id + 1 otherwise).
  std::vector<TermId> small_numbers = std::vector<TermId>(1 << 16, 0);
};

namespace {

// Writes an article's own triples (its node, mentions, roles, events, figures) with `add`, interning
// terms in `terms` (whose vocabulary is `v`); `ref(key)` is the term of an entity key: a placeholder
// while building, the final IRI when a streaming graph writes its parts.
template <class Add, class Ref>
void AddArticleTriplesTo(const ArticleResult& r, TermStore* terms, Graph::Vocab* vp, Add add, Ref ref) {
  Graph::Vocab& v = *vp;
  const auto& doc = r.document;
  auto lit = [&](std::string_view val) { return terms->Intern(Term::Kind::kLiteral, val); };
  auto ar = [&](std::string_view val) { return terms->Intern(Term::Kind::kLiteral, val, "ar"); };
  auto typed = [&](std::string_view val, const std::string& dt) {
    return terms->Intern(Term::Kind::kLiteral, val, {}, dt);
  };
  auto nonneg = [&](std::uint64_t n) {
    TermId* known = n < v.small_numbers.size() ? &v.small_numbers[n] : nullptr;
    if (known && *known) return *known - 1;
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, n);
    TermId id = typed(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)), v.xsd_nonneg);
    if (known) *known = id + 1;
    return id;
  };
  auto kh_iri = [&](std::string_view local) { return terms->Iri(Kh(local)); };

  std::string art_iri = ArticleIri(doc.id);
  TermId art = terms->Iri(art_iri);
  add(art, v.rdf_type, v.article);
  add(art, v.rdf_type, v.context);
  add(art, v.source_file, lit(doc.file_name));
  add(art, v.source_path, lit(doc.id));
  add(art, v.char_count, nonneg(doc.text.size()));
  add(art, v.begin_index, nonneg(0));
  add(art, v.end_index, nonneg(doc.text.size()));
  if (!doc.outlet.empty()) add(art, v.outlet, lit(doc.outlet));
  if (doc.published) add(art, v.published, typed(doc.published->ToString(), v.xsd_date));

  std::string iri_buf = art_iri + "#char=";
  const std::size_t iri_base = iri_buf.size();
  auto phrase = [&](std::uint32_t b, std::uint32_t e, const std::string& text) {
    iri_buf.resize(iri_base);
    iri_buf += std::to_string(b);
    iri_buf += ',';
    iri_buf += std::to_string(e);
    TermId m = terms->Iri(iri_buf);
    add(m, v.rdf_type, v.phrase);
    add(m, v.reference_context, art);
    add(m, v.begin_index, nonneg(b));
    add(m, v.end_index, nonneg(e));
    add(m, v.anchor_of, lit(text));
    return m;
  };

  for (const auto& m : r.mentions) {
    TermId ph = phrase(m.begin, m.end, m.text);
    add(ph, v.ta_ident_ref, ref(m.entity));
    add(ph, v.recognised_by, lit(extract::RecognisedBy(m)));
    if (m.nominal) add(ph, v.nominal, typed("true", v.xsd_boolean));
  }

  std::size_t role_n = 0;
  for (const auto& role : r.roles) {
    const auto& person = r.mentions[role.person];
    TermId mem =
        terms->Iri(std::string(vocab::kResource) + "role/" + PercentEncode(doc.id) + "/" + std::to_string(++role_n));
    add(mem, v.rdf_type, terms->Iri(std::string(vocab::kOrg) + "Membership"));
    add(mem, terms->Iri(std::string(vocab::kOrg) + "member"), ref(person.entity));
    if (!role.of.empty()) add(mem, terms->Iri(std::string(vocab::kOrg) + "organization"), ref(role.of));
    add(mem, kh_iri(vocab::kh::kRoleText), ar(role.role_text));
    if (doc.published) add(mem, kh_iri(vocab::kh::kObservedOn), typed(doc.published->ToString(), v.xsd_date));
    add(mem, terms->Iri(std::string(vocab::kProv) + "wasDerivedFrom"), art);
  }

  for (const auto& ev : r.events) {
    std::string ev_iri = EventIri(doc.id, ev.begin, ev.end);
    TermId e = terms->Iri(ev_iri);
    add(e, v.rdf_type, kh_iri(vocab::Name(ev.type)));
    TermId trig = phrase(ev.begin, ev.end, ev.trigger_text);
    add(trig, v.rdf_type, v.trigger_class);
    add(e, v.trigger, trig);
    add(e, v.in_article, art);
    const std::optional<extract::Date> as_of = AsOf(ev, doc);
    for (const auto& a : ev.agents) add(e, v.agent, ref(a));
    for (const auto& p : ev.patients) add(e, v.patient, ref(p));
    if (!ev.place.empty()) add(e, v.place, ref(ev.place));
    if (!ev.time_text.empty()) add(e, v.time_text, ar(ev.time_text));
    // A date resolved against an implausible publication date (0001-01-01 minus a week) can fall before
    // year 1, which xsd:date (XSD 1.0) cannot write: such an event keeps only its time text.
    if (ev.date && ev.date->Valid() && (!ev.date_to || ev.date_to->Valid())) {
      if (ev.date_to) {
        add(e, kh_iri(vocab::kh::kDateFrom), typed(ev.date->ToString(), v.xsd_date));
        add(e, kh_iri(vocab::kh::kDateTo), typed(ev.date_to->ToString(), v.xsd_date));
      } else {
        add(e, kh_iri(vocab::kh::kDate), typed(ev.date->ToString(), v.xsd_date));
      }
    }
    if (!ev.source.empty()) add(e, v.reported_by, ref(ev.source));
    std::size_t fig_n = 0;
    for (const auto& f : ev.figures) {
      TermId fig = terms->Iri(FigureIri(ev_iri, ++fig_n));
      add(e, v.figure, fig);
      add(fig, v.rdf_type, v.figure_class);
      add(fig, v.figure_kind, kh_iri(vocab::Name(f.kind)));
      add(fig, v.value, typed(std::to_string(f.value), v.xsd_integer));
      add(fig, v.qualifier, kh_iri(vocab::Name(f.qualifier)));
      add(fig, v.figure_text, ar(f.text));
      add(fig, v.in_article, art);
      if (!ev.source.empty()) add(fig, v.reported_by, ref(ev.source));
      if (as_of) add(fig, kh_iri(vocab::kh::kAsOf), typed(as_of->ToString(), v.xsd_date));
    }
  }
}

}  // namespace

Graph::Graph(const ontology::Lexicon& lexicon, GraphOptions options)
    : lexicon_(lexicon), options_(std::move(options)), impl_(std::make_unique<Impl>()) {}
Graph::~Graph() = default;
GraphPart::GraphPart() = default;
GraphPart::~GraphPart() = default;

void Graph::AddArticle(const ArticleResult& r) {
  Impl& x = *impl_;
  const auto& doc = r.document;
  if (!vocab_) vocab_ = std::make_unique<Vocab>(&terms_);
  // Triples go to chunks of kChunk: one growing vector would double its buffer (briefly holding the old
  // one too) near the end of a large corpus, the peak of memory before this (docs/performance.md).
  if (triples_.size() >= kChunk) {
    chunks_.push_back(std::move(triples_));
    triples_ = {};
    triples_.reserve(kChunk + 4096);
  }
  ++stats_.articles;
  x.article_ids.push_back(doc.id);
  const TermId art = terms_.Iri(ArticleIri(doc.id));
  // Entity keys first seen in the order mentions, roles, events (the order decides tie-breaks).
  for (const auto& m : r.mentions) {
    ++stats_.mentions;
    x.ObserveMention(m, art, x.KeyFor(m.entity, &terms_), lexicon_);
  }
  for (const auto& role : r.roles) {
    ++stats_.roles;
    x.KeyFor(r.mentions[role.person].entity, &terms_);
    if (!role.of.empty()) x.KeyFor(role.of, &terms_);
  }
  for (const auto& ev : r.events) {
    ++stats_.events;
    ++stats_.events_by_type[std::string(vocab::Name(ev.type))];
    stats_.figures += ev.figures.size();
    x.ObserveEvent(ev, doc, &terms_);
  }
  if (options_.stream) return;  // the article's triples are made later, by AddArticleTriples
  if (options_.named_graphs) runs_.emplace_back(AddedCount(), art);
  AddArticleTriplesTo(
      r, &terms_, vocab_.get(),
      [&](TermId s, TermId p, TermId o) {
        triples_.push_back({s, p, o});
      },
      [&](const std::string& key) { return x.ref_terms[x.key_index.at(key)]; });
}

void Graph::AddArticleTriples(const ArticleResult& r, GraphPart* part) const {
  if (!part->vocab_) part->vocab_ = std::make_unique<Vocab>(&part->terms_);
  TermStore* terms = &part->terms_;
  if (options_.named_graphs) part->runs_.emplace_back(part->triples_.size(), terms->Iri(ArticleIri(r.document.id)));
  ++part->articles_;
  AddArticleTriplesTo(
      r, terms, part->vocab_.get(),
      [&](TermId s, TermId p, TermId o) {
        part->triples_.push_back({s, p, o});
      },
      [&](const std::string& key) { return terms->Iri(impl_->iri[impl_->key_index.at(key)]); });
}

namespace {

// The key of a "~Type:name" entity key: its name part.
std::u32string NamePart(const std::string& key) {
  auto colon = key.find(':');
  return extract::MatchKeyUtf8(colon == std::string::npos ? key : key.substr(colon + 1));
}

// Whether two names whose phonetic keys match are also spelled alike: at most 2 edits of their match
// keys (3 from 12 letters). The phonetic key drops long vowels and folds ج/غ/ك/ق, which lets
// غوتيريش = جوتيرش through (2 edits) but would also make بيلغورود (Belgorod) = بلغراد (Belgrade).
bool SpellingClose(std::u32string_view a, std::u32string_view b) {
  std::size_t limit = std::min(a.size(), b.size()) >= 12 ? 3 : 2;
  return extract::BoundedEditDistance(a, b, limit) <= limit;
}

std::u32string LastWord(const std::u32string& k) {
  auto sp = k.rfind(U' ');
  return sp == std::u32string::npos ? k : k.substr(sp + 1);
}

// The form a clipped span stands for: after the preposition لـ the article's alif is not written (للأمم =
// لـ + الأمم), so a span that starts inside the word reads لأمم. "ا" + form restores it.
std::string UnclippedForm(const std::string& form) {
  static const std::string kLam = "\u0644", kAlif = "\u0627";  // the letters lam and alif
  return form.compare(0, kLam.size(), kLam) == 0 ? kAlif + form : std::string();
}

// The Arabic preferred label of an entity seen under `forms` (form -> count); see Graph::Finish.
std::string PreferredLabel(const std::map<std::string, std::size_t>& forms, bool person,
                           const ontology::EntityEntry* lex) {
  auto in_lexicon = [&](const std::string& f) {
    return lex && std::find(lex->forms.begin(), lex->forms.end(), f) != lex->forms.end();
  };
  std::map<std::string, std::size_t> counts;
  for (const auto& [f, c] : forms) {
    std::string whole = UnclippedForm(f);
    counts[!whole.empty() && (forms.count(whole) || in_lexicon(whole)) ? whole : f] += c;
  }
  bool want_full = person && std::any_of(counts.begin(), counts.end(),
                                         [](const auto& fc) { return fc.first.find(' ') != std::string::npos; });
  bool want_lexicon = std::any_of(counts.begin(), counts.end(), [&](const auto& fc) {
    return in_lexicon(fc.first) && (!want_full || fc.first.find(' ') != std::string::npos);
  });
  std::string pref;
  std::size_t best = 0;
  for (const auto& [f, c] : counts) {
    if (want_full && f.find(' ') == std::string::npos) continue;
    if (want_lexicon && !in_lexicon(f)) continue;
    if (c > best || (c == best && f.size() < pref.size())) {
      pref = f;
      best = c;
    }
  }
  return pref;
}

}  // namespace

// The type, subtype, English label and owner of every key: from the lexicon, or chosen from its readings.
void Graph::ChooseReadings() {
  Impl& x = *impl_;
  for (auto& info : x.keys) ChooseReading(&info);
  // Keys referenced only as arguments (an owner state, a role's organisation) still need a type.
  for (auto& info : x.keys) {
    if (info.mentions > 0) continue;
    if (const auto* e = lexicon_.Find(info.key)) {
      info.lexicon = true;
      info.type = e->type;
      info.subtype = e->subtype;
      info.en = e->en;
      info.of = e->of;
    } else if (info.key.rfind("~", 0) == 0) {
      auto colon = info.key.find(':');
      if (auto t = vocab::ParseEntityType(info.key.substr(1, colon - 1))) info.type = *t;
    }
  }
}

// The entity clusters: the merge tiers of merge.h (phonetic against the lexicon and among found names,
// partial person names), each join recorded on the key that joined.
namespace {

// Found names among themselves: phonetic key equal, or one edit apart for long names, same type.
// Each found name b is joined with every earlier found name a that matches; its evidence names the
// last such a. Candidates come from buckets instead of all pairs (which took minutes at 20k names):
// a name's bucket keys are its phonetic key and, when it is long enough (≥ 8) for the one-edit rule,
// its phonetic key with any one character deleted. Two keys one edit apart share a bucket key; the
// edit distance is then checked as before.
void JoinPhoneticNames(Graph::Impl* xp, const std::vector<std::size_t>& found, internal::UnionFind* ufp) {
  Graph::Impl& x = *xp;
  internal::UnionFind& uf = *ufp;
  std::vector<std::u32string> name(found.size()), ph(found.size());
  for (std::size_t a = 0; a < found.size(); ++a) {
    name[a] = NamePart(x.keys[found[a]].key);
    ph[a] = extract::PhoneticKey(name[a]);
  }
  auto bucket_keys = [&](std::size_t a) {
    std::vector<std::u32string> keys{ph[a]};
    if (ph[a].size() >= 8) {
      for (std::size_t i = 0; i < ph[a].size(); ++i) {
        keys.push_back(ph[a].substr(0, i) + ph[a].substr(i + 1));
      }
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
  };
  std::map<std::pair<EntityType, std::u32string>, std::vector<std::size_t>> buckets;  // -> found positions
  std::vector<std::size_t> candidates;
  for (std::size_t b = 0; b < found.size(); ++b) {
    KeyInfo& ib = x.keys[found[b]];
    candidates.clear();
    std::vector<std::u32string> keys = bucket_keys(b);
    for (const auto& k : keys) {
      auto it = buckets.find({ib.type, k});
      if (it != buckets.end()) candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (std::size_t a : candidates) {  // ascending, all < b: the last match sets the evidence
      const auto& pa = ph[a];
      const auto& pb = ph[b];
      std::size_t limit = std::min(pa.size(), pb.size()) >= 8 ? 1 : 0;
      if ((pa == pb || extract::BoundedEditDistance(pa, pb, limit) <= limit) && SpellingClose(name[a], name[b])) {
        uf.Union(found[a], found[b]);
        ib.merge_rule = "phonetic";
        ib.merge_evidence =
            "phonetic key of '" + extract::EncodeUtf8(name[b]) + "' matches '" + extract::EncodeUtf8(name[a]) + "'";
      }
    }
    for (auto& k : keys) buckets[{ib.type, std::move(k)}].push_back(b);
  }
}

// Partial person names: a one-word name that is the last word of exactly one multi-word person.
void JoinPartialNames(Graph::Impl* xp, const ontology::Lexicon& lexicon, const std::vector<std::size_t>& found,
                      internal::UnionFind* ufp) {
  Graph::Impl& x = *xp;
  internal::UnionFind& uf = *ufp;
  // Phonetic key of the last (first) word -> key indexes, in the order the pairs were listed.
  std::unordered_map<std::u32string, std::vector<std::size_t>> full, first_names;
  for (std::size_t i = 0; i < x.keys.size(); ++i) {
    const KeyInfo& info = x.keys[i];
    if (info.type != EntityType::kPerson) continue;
    std::vector<std::u32string> names;
    if (info.lexicon) {
      if (const auto* e = lexicon.Find(info.key)) {
        for (const auto& f : e->forms) names.push_back(extract::MatchKeyUtf8(f));
      }
    } else {
      names.push_back(NamePart(info.key));
    }
    for (const auto& nm : names) {
      if (nm.find(U' ') == std::u32string::npos) continue;
      full[extract::PhoneticKey(LastWord(nm))].push_back(i);
      first_names[extract::PhoneticKey(nm.substr(0, nm.find(U' ')))].push_back(i);
    }
  }
  for (std::size_t i : found) {
    KeyInfo& info = x.keys[i];
    if (info.type != EntityType::kPerson) continue;
    auto nm = NamePart(info.key);
    if (nm.find(U' ') != std::u32string::npos) continue;
    auto ph = extract::PhoneticKey(nm);
    std::set<std::size_t> fits;
    // A key of two sounds (كيم) fits too many names (جيغام) for the whole corpus: only the article's first
    // names are tried for it.
    auto it = ph.size() >= 3 ? full.find(ph) : full.end();
    if (it != full.end()) {
      for (std::size_t idx : it->second) fits.insert(uf.Find(idx));
    }
    if (fits.size() == 1) {
      uf.Union(i, *fits.begin());
      info.merge_rule = "partial-name";
      info.merge_evidence = "the only person of the corpus whose last name is '" + extract::EncodeUtf8(nm) + "'";
      continue;
    }
    if (!fits.empty()) continue;
    // A first name alone (جيغام … ستيبانيان) only within an article, when one person there has it.
    std::set<TermId> articles;
    for (const auto& [f, arts] : info.form_articles) articles.insert(arts.begin(), arts.end());
    auto same_first = first_names.find(ph);
    for (std::size_t idx : same_first == first_names.end() ? std::vector<std::size_t>{} : same_first->second) {
      for (const auto& [f, arts] : x.keys[idx].form_articles) {
        for (const auto& a : arts) {
          if (articles.count(a)) fits.insert(uf.Find(idx));
        }
      }
    }
    if (fits.size() == 1) {
      uf.Union(i, *fits.begin());
      info.merge_rule = "partial-name";
      info.merge_evidence = "the only person of the same article whose first name is '" + extract::EncodeUtf8(nm) + "'";
    }
  }
}

}  // namespace

internal::UnionFind Graph::MergeKeys() {
  Impl& x = *impl_;
  const std::size_t n = x.keys.size();
  auto enabled = [&](const char* rule) { return options_.no_merge.count(rule) == 0; };
  // Lexicon forms by phonetic key, per type, for the phonetic tier: (entity id, the form's match key).
  std::map<std::pair<EntityType, std::u32string>, std::vector<std::pair<std::string, std::u32string>>> lexicon_phonetic;
  for (const auto& e : lexicon_.entities()) {
    for (const auto& f : e.forms) {
      std::u32string key = extract::MatchKeyUtf8(f);
      lexicon_phonetic[{e.type, extract::PhoneticKey(key)}].emplace_back(e.id, std::move(key));
    }
  }
  // Rule-found names: normalised and phonetic keys.
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < n; ++i) {
    if (x.keys[i].key.rfind("~", 0) == 0) found.push_back(i);
  }
  // In key order, not in the order the articles brought them: "earlier" below (whose evidence a name
  // records, which name a partial name is tried against first) must not depend on the input order.
  std::sort(found.begin(), found.end(), [&](std::size_t a, std::size_t b) { return x.keys[a].key < x.keys[b].key; });
  // Phonetic tier against the lexicon: a found name joins a lexicon entity of the same type.
  std::vector<std::pair<std::size_t, std::size_t>> joins;  // (found key, lexicon key)
  if (enabled("phonetic")) {
    for (std::size_t i : found) {
      KeyInfo& info = x.keys[i];
      std::u32string name = NamePart(info.key);
      auto it = lexicon_phonetic.find({info.type, extract::PhoneticKey(name)});
      if (it == lexicon_phonetic.end()) continue;
      auto form = std::find_if(it->second.begin(), it->second.end(),
                               [&](const auto& f) { return SpellingClose(name, f.second); });
      if (form == it->second.end()) continue;
      const std::string id = form->first;
      std::size_t target = x.KeyFor(id, &terms_);  // may add a key: `info` is not used after
      x.keys[i].merge_rule = "phonetic";
      x.keys[i].merge_evidence = "phonetic key equals that of a lexicon form of " + id;
      joins.emplace_back(i, target);
    }
  }
  for (std::size_t i = n; i < x.keys.size(); ++i) {  // lexicon keys added just now
    if (const auto* e = lexicon_.Find(x.keys[i].key)) {
      x.keys[i].lexicon = true;
      x.keys[i].type = e->type;
      x.keys[i].subtype = e->subtype;
      x.keys[i].en = e->en;
      x.keys[i].of = e->of;
    }
  }
  internal::UnionFind uf(x.keys.size());
  for (auto [a, b] : joins) uf.Union(a, b);
  if (enabled("phonetic")) JoinPhoneticNames(&x, found, &uf);
  if (enabled("partial-name")) JoinPartialNames(&x, lexicon_, found, &uf);

  return uf;
}

// Each cluster's IRI (x.iri, by key) and description: types, labels, lexicon links, mention count and alias
// evidence. Returns each key's final entity term, for the placeholders.
std::vector<TermId> Graph::DescribeEntities(internal::UnionFind* uf_ptr) {
  Impl& x = *impl_;
  internal::UnionFind& uf = *uf_ptr;
  // Clusters: representative = the lexicon key if any, else the key with the longest name (then the
  // smallest key), so the IRI does not depend on article order.
  std::map<std::size_t, std::vector<std::size_t>> clusters;
  for (std::size_t i = 0; i < x.keys.size(); ++i) clusters[uf.Find(i)].push_back(i);
  // Members in key order: alias evidence nodes are numbered in this order (…/alias/1, /2 …).
  for (auto& [root, members] : clusters) {
    std::sort(members.begin(), members.end(),
              [&](std::size_t a, std::size_t b) { return x.keys[a].key < x.keys[b].key; });
  }
  x.iri.assign(x.keys.size(), {});
  std::vector<TermId> final_term(x.keys.size());
  const std::string rdf_type = std::string(vocab::kRdf) + "type";
  const std::string skos = std::string(vocab::kSkos);
  auto add = [&](TermId s, const std::string& p, TermId o) { triples_.push_back({s, terms_.Iri(p), o}); };
  for (auto& [root, members] : clusters) {
    std::size_t rep = members.front();
    for (std::size_t m : members) {
      const KeyInfo& a = x.keys[m];
      const KeyInfo& b = x.keys[rep];
      bool a_lex = a.lexicon || a.key.rfind('~', 0) != 0, b_lex = b.lexicon || b.key.rfind('~', 0) != 0;
      if (a_lex != b_lex) {
        if (a_lex) rep = m;
        continue;
      }
      auto la = NamePart(a.key).size(), lb = NamePart(b.key).size();
      if (la > lb || (la == lb && a.key < b.key)) rep = m;
    }
    const KeyInfo& r = x.keys[rep];
    std::string id;
    if (r.key.rfind('~', 0) == 0) {
      std::string type(vocab::Name(r.type));
      std::transform(type.begin(), type.end(), type.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      id = type + "/" + extract::AsciiSlug(NamePart(r.key));
    } else {
      id = r.key;
    }
    std::string iri = EntityIriForId(id);
    TermId ent = terms_.Iri(iri);
    for (std::size_t m : members) {
      x.iri[m] = iri;
      final_term[m] = ent;
    }
    // Entity description.
    std::map<std::string, std::size_t> forms;
    std::size_t mentions = 0;
    for (std::size_t m : members) {
      for (const auto& [f, c] : x.keys[m].forms) forms[f] += c;
      mentions += x.keys[m].mentions;
    }
    const ontology::EntityEntry* lex = lexicon_.Find(r.key);
    add(ent, rdf_type, terms_.Iri(Kh(vocab::Name(r.type))));
    if (!r.subtype.empty()) add(ent, rdf_type, terms_.Iri(Kh(r.subtype)));
    ++stats_.entities_by_type[std::string(vocab::Name(r.type))];
    // prefLabel@ar: a whole name. Counts are taken over forms with a clipped article restored (the span of
    // للأمم المتحدة is لأمم المتحدة: it counts for الأمم المتحدة when that form is known); a lexicon entity
    // takes the most frequent of its lexicon forms that was seen, any other the most frequent form (ties: the
    // shorter, then the smaller); a lexicon entity with no mention uses its first lexicon form.
    // A person's label is a full name when one was seen (نيكول باشينيان, not the more frequent
    // باشينيان alone).
    std::string pref = PreferredLabel(forms, r.type == EntityType::kPerson, lex);
    if (pref.empty() && lex) pref = lex->forms.front();
    if (pref.empty()) pref = extract::EncodeUtf8(NamePart(r.key));
    add(ent, skos + "prefLabel", terms_.Intern(Term::LangLit(pref, "ar")));
    std::string en = r.en;
    if (en.empty() && lex) en = lex->en;
    if (!en.empty()) add(ent, skos + "prefLabel", terms_.Intern(Term::LangLit(en, "en")));
    for (const auto& [f, c] : forms) {
      if (f != pref) add(ent, skos + "altLabel", terms_.Intern(Term::LangLit(f, "ar")));
    }
    if (lex) {
      if (!lex->qid.empty())
        add(ent, std::string(vocab::kOwl) + "sameAs", terms_.Iri(std::string(vocab::kWd) + lex->qid));
      add(ent, Kh(vocab::kh::kLexiconId), terms_.Intern(Term::Lit(lex->id)));
      if (!lex->in.empty()) add(ent, Kh(vocab::kh::kPartOf), terms_.Iri(EntityIriForId(lex->in)));
    }
    if (!r.of.empty()) add(ent, Kh(vocab::kh::kPartOf), terms_.Iri(EntityIriForId(r.of)));
    if (options_.shard.empty()) {  // a shard's count is partial, and equal counts would merge in a store
      add(ent, Kh(vocab::kh::kMentionCount),
          terms_.Intern(Term::Typed(std::to_string(mentions), Xsd("nonNegativeInteger"))));
    }
    if (options_.alias_evidence) AddAliasEvidence(members, rep, ent, iri);
  }
  return final_term;
}

// Alias evidence of entity `ent` (IRI `iri`): one node per surface form of its cluster's keys `members`
// (in key order; `rep` is the one that names it), with the rule that joined it and the articles using it.
void Graph::AddAliasEvidence(const std::vector<std::size_t>& members, std::size_t rep, TermId ent,
                             const std::string& iri) {
  Impl& x = *impl_;
  const std::string rdf_type = std::string(vocab::kRdf) + "type";
  auto add = [&](TermId s, const std::string& p, TermId o) { triples_.push_back({s, terms_.Iri(p), o}); };
  std::size_t ev_n = 0;
  for (std::size_t m : members) {
    const KeyInfo& k = x.keys[m];
    for (const auto& [f, c] : k.forms) {
      // Numbered per entity; per shard too when building one, so that shards never share a node.
      TermId ev =
          terms_.Iri(iri + "/alias/" + (options_.shard.empty() ? "" : options_.shard + "-") + std::to_string(++ev_n));
      add(ent, Kh(vocab::kh::kAliasEvidenceP), ev);
      add(ev, rdf_type, terms_.Iri(Kh(vocab::kh::kAliasEvidence)));
      add(ev, Kh(vocab::kh::kSurfaceForm), terms_.Intern(Term::LangLit(f, "ar")));
      std::string rule = m == rep ? (k.lexicon                  ? "lexicon"
                                     : k.key.rfind('~', 0) == 0 ? "normalised"
                                                                : "derived")
                                  : k.merge_rule;
      std::string evidence = m == rep ? (k.lexicon                  ? "a form of lexicon entry " + k.key
                                         : k.key.rfind('~', 0) == 0 ? "match key of the name"
                                                                    : "institution or force of " + k.of)
                                      : k.merge_evidence;
      // A form the extractor read as a lexicon entry by a rule, not by listing (القوات الأرمينية as the
      // Karabakh forces by force+nisba+kin): the rule is that reading, so a wrong one can be traced.
      std::vector<std::string> readings;
      for (const std::string& fr : k.form_rules.at(f)) {
        if (fr != "lexicon") readings.push_back(fr);
      }
      std::sort(readings.begin(), readings.end());  // listed as met: sorted, so order-free
      if (m == rep && k.lexicon && !readings.empty()) {
        std::string joined;
        for (const std::string& fr : readings) joined += (joined.empty() ? "" : ",") + fr;
        rule = "reading:" + joined;
        evidence =
            "read as lexicon entry " + k.key + " by extractor rule " + joined + " (kh:recognisedBy on each phrase)";
      }
      add(ev, Kh(vocab::kh::kMergeRule), terms_.Intern(Term::Lit(rule)));
      add(ev, Kh(vocab::kh::kEvidence), terms_.Intern(Term::Lit(evidence)));
      for (TermId a : k.form_articles.at(f)) add(ev, Kh(vocab::kh::kUsedBy), a);
    }
  }
}

void Graph::Finish() {
  if (finished_) return;
  finished_ = true;
  vocab_.reset();  // its term ids (and cached numbers) change below
  Impl& x = *impl_;
  ChooseReadings();
  internal::UnionFind uf = MergeKeys();
  const TermId entities_graph = options_.named_graphs ? terms_.Iri(EntitiesGraphIri(options_.shard)) : 0;
  if (options_.named_graphs) runs_.emplace_back(AddedCount(), entities_graph);
  const std::vector<TermId> final_term = DescribeEntities(&uf);
  // Happenings: reports of one real-world occurrence in several articles point to one node, each keeping
  // its own figures and source (conflicting figures side by side, never merged).
  if (options_.named_graphs) runs_.emplace_back(AddedCount(), terms_.Iri(HappeningsGraphIri(options_.shard)));
  AddHappenings(&uf);
  // Replace placeholders and renumber the terms in output order, with one flat map (hash lookups per
  // triple took seconds at 100M triples); then sort by id, which is now the writers' order, and
  // deduplicate. The writers stream the result without sorting it again.
  if (!chunks_.empty()) {  // one vector again, freeing each chunk as it is copied
    std::size_t total = triples_.size();
    for (const auto& c : chunks_) total += c.size();
    std::vector<Triple> all;
    all.reserve(total);
    for (auto& c : chunks_) {
      all.insert(all.end(), c.begin(), c.end());
      std::vector<Triple>().swap(c);
    }
    all.insert(all.end(), triples_.begin(), triples_.end());
    triples_.swap(all);
    chunks_.clear();
  }
  std::vector<TermId> remap(terms_.size());
  std::iota(remap.begin(), remap.end(), TermId{0});
  for (const auto& [ph, k] : x.ref_of_term) remap[ph] = final_term[k];
  SortAndDeduplicate(std::move(remap), entities_graph, options_, &terms_, &triples_, &runs_, &graph_of_);
}

void Graph::FinishPart(GraphPart* part) const {
  if (part->finished_) return;
  part->finished_ = true;
  part->vocab_.reset();
  // Articles have graphs of their own: no triple of a part is in two graphs (the fallback graph is unused).
  SortAndDeduplicate({}, 0, options_, &part->terms_, &part->triples_, &part->runs_, &part->graph_of_);
}

// The happenings of the corpus (happenings.h): each group of reports of one occurrence gets a node that
// its reports point to, and the figures of a group that disagree are linked. `uf` holds the entity
// clusters; the reports' places and agents are resolved to them here (the reports are not used after).
void Graph::AddHappenings(internal::UnionFind* uf) {
  Impl& x = *impl_;
  const std::string rdf_type = std::string(vocab::kRdf) + "type";
  auto add = [&](TermId s, const std::string& p, TermId o) { triples_.push_back({s, terms_.Iri(p), o}); };
  std::vector<std::string> lex_of_root(x.keys.size());  // cluster root -> its lexicon id, if any
  for (std::size_t i = 0; i < x.keys.size(); ++i) {
    if (x.keys[i].lexicon) lex_of_root[uf->Find(i)] = x.keys[i].key;
  }
  auto contains = [&](std::size_t a, std::size_t b) {
    if (a == b) return true;
    const std::string& outer = lex_of_root[a];
    if (outer.empty()) return false;
    std::string cur = lex_of_root[b];
    for (int depth = 0; depth < 8 && !cur.empty(); ++depth) {  // walk b's "in" chain
      const auto* e = lexicon_.Find(cur);
      if (!e) break;
      cur = e->in;
      if (cur == outer) return true;
    }
    return false;
  };
  internal::EventRecords& reports = x.events;
  for (auto& r : reports.records) {
    if (r.place != internal::kNoPlace) r.place = static_cast<std::uint32_t>(uf->Find(r.place));
  }
  for (auto& a : reports.agents) a = static_cast<std::uint32_t>(uf->Find(a));
  // Reports of one article share a number that orders the articles by id, whatever order they came in.
  std::vector<std::uint32_t> rank(x.article_ids.size());
  {
    std::vector<std::uint32_t> by_id(x.article_ids.size());
    std::iota(by_id.begin(), by_id.end(), 0u);
    std::stable_sort(by_id.begin(), by_id.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return x.article_ids[a] < x.article_ids[b]; });
    for (std::size_t k = 0; k < by_id.size(); ++k) {
      const bool same = k > 0 && x.article_ids[by_id[k]] == x.article_ids[by_id[k - 1]];
      rank[by_id[k]] = same ? rank[by_id[k - 1]] : static_cast<std::uint32_t>(k);
    }
  }
  for (auto& r : reports.records) r.article = rank[r.article];
  // Bucket keys: a place's lexicon id (or its cluster) and the lexicon ids of the places it lies in,
  // the same "in" chain that `contains` walks.
  auto place_keys = [&](std::size_t p) {
    std::vector<std::string> keys;
    const std::string& lex = lex_of_root[p];
    if (lex.empty()) return std::vector<std::string>{"#" + std::to_string(p)};
    keys.push_back(lex);
    std::string cur = lex;
    for (int depth = 0; depth < 8 && !cur.empty(); ++depth) {
      const auto* e = lexicon_.Find(cur);
      if (!e) break;
      cur = e->in;
      if (!cur.empty()) keys.push_back(cur);
    }
    return keys;
  };
  const auto groups = internal::MatchHappenings(reports, contains, place_keys);
  for (const auto& group : groups) {
    // Named after the report with the smallest event IRI, not the first read: the same for any input
    // order.
    std::size_t first_i = group.front();
    std::string first_iri = x.EventIriOf(first_i);
    for (std::size_t i : group) {
      std::string v = x.EventIriOf(i);
      if (v < first_iri) {
        first_i = i;
        first_iri = std::move(v);
      }
    }
    std::string hap_iri = std::string(vocab::kResource) + "happening/" + first_iri.substr(first_iri.find("event/") + 6);
    TermId hap = terms_.Iri(hap_iri);
    add(hap, rdf_type, terms_.Iri(Kh(vocab::kh::kHappening)));
    add(hap, Kh(vocab::kh::kEventTypeP), terms_.Iri(Kh(vocab::Name(reports.records[first_i].type))));
    add(hap, Kh(vocab::kh::kMatchRule), terms_.Intern(Term::Lit("type+place+date+agents")));
    std::set<std::uint32_t> arts;
    for (std::size_t i : group) arts.insert(reports.records[i].article);
    add(hap, Kh(vocab::kh::kEvidence),
        terms_.Intern(Term::Lit(std::to_string(group.size()) + " reports in " + std::to_string(arts.size()) +
                                " articles: same type, place within the same place hierarchy, overlapping dates, "
                                "shared or unstated agents")));
    for (std::size_t i : group) add(terms_.Iri(x.EventIriOf(i)), Kh(vocab::kh::kReportOf), hap);
    ++stats_.happenings;
  }
  // Figures of one happening, kind and day that disagree: both directions, the property is symmetric.
  const std::string conflicts = Kh(vocab::kh::kConflictsWith);
  for (const auto& [lo, hi] : internal::ConflictingFigures(reports, groups)) {
    TermId a = terms_.Iri(x.FigureIriOf(static_cast<std::uint32_t>(lo)));
    TermId b = terms_.Iri(x.FigureIriOf(static_cast<std::uint32_t>(hi)));
    add(a, conflicts, b);
    add(b, conflicts, a);
  }
}

std::size_t Graph::AddedCount() const {
  std::size_t n = triples_.size();
  for (const auto& c : chunks_) n += c.size();
  return n;
}

std::string Graph::EntityIri(std::string_view key) const {
  auto it = impl_->key_index.find(std::string(key));
  if (it == impl_->key_index.end() || impl_->iri.empty()) return {};
  return impl_->iri[it->second];
}

}  // namespace khabar::graph
