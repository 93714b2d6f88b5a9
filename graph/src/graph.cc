#include "khabar/graph/graph.h"

#include <algorithm>
#include <cstdio>

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

std::string TermKey(const Term& t) {
  std::string k;
  k.reserve(t.value.size() + t.lang.size() + t.datatype.size() + 3);
  k.push_back(t.kind == Term::Kind::kIri ? 'I' : 'L');
  k += t.value;
  k.push_back('\x01');
  k += t.lang;
  k.push_back('\x01');
  k += t.datatype;
  return k;
}

}  // namespace

TermId TermStore::Intern(const Term& t) {
  std::string key = TermKey(t);
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  auto id = static_cast<TermId>(terms_.size());
  terms_.push_back(t);
  index_.emplace(std::move(key), id);
  return id;
}

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
std::string EntityIriForId(std::string_view id) { return std::string(vocab::kResource) + "entity/" + PercentEncode(id); }

// What the graph knows of one entity key (a lexicon id, a derived id or a "~Type:key" name).
struct KeyInfo {
  std::string key;
  EntityType type = EntityType::kPlace;
  std::string subtype, en, of;
  bool lexicon = false;
  std::map<std::string, std::size_t> forms;                  // surface form -> count
  std::map<std::string, std::set<std::string>> form_articles;  // surface form -> article ids
  std::string merge_rule = "lexicon";  // how this key joined its cluster
  std::string merge_evidence;
  std::size_t mentions = 0;
};

struct Graph::Impl {
  std::vector<KeyInfo> keys;
  std::unordered_map<std::string, std::size_t> key_index;
  std::vector<TermId> ref_terms;          // entity key index -> placeholder term
  std::unordered_map<TermId, std::size_t> ref_of_term;  // placeholder term -> key index
  std::vector<std::string> iri;           // key index -> final IRI (after Finish)

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
};

Graph::Graph(const ontology::Lexicon& lexicon, GraphOptions options)
    : lexicon_(lexicon), options_(std::move(options)), impl_(std::make_unique<Impl>()) {}
Graph::~Graph() = default;

void Graph::AddArticle(const ArticleResult& r) {
  Impl& x = *impl_;
  const auto& doc = r.document;
  auto add = [&](TermId s, std::string_view p, TermId o) { triples_.push_back({s, terms_.Iri(p), o}); };
  auto lit = [&](std::string v) { return terms_.Intern(Term::Lit(std::move(v))); };
  auto ar = [&](std::string v) { return terms_.Intern(Term::LangLit(std::move(v), "ar")); };
  auto typed = [&](std::string v, std::string_view dt) { return terms_.Intern(Term::Typed(std::move(v), Xsd(dt))); };
  auto nonneg = [&](std::uint64_t v) { return typed(std::to_string(v), "nonNegativeInteger"); };
  const std::string rdf_type = std::string(vocab::kRdf) + "type";

  ++stats_.articles;
  std::string art_iri = ArticleIri(doc.id);
  TermId art = terms_.Iri(art_iri);
  add(art, rdf_type, terms_.Iri(Kh(vocab::kh::kArticle)));
  add(art, rdf_type, terms_.Iri(Nif("Context")));
  add(art, Kh(vocab::kh::kSourceFile), lit(doc.file_name));
  add(art, Kh(vocab::kh::kSourcePath), lit(doc.id));
  add(art, Kh(vocab::kh::kCharCount), nonneg(doc.text.size()));
  add(art, Nif("beginIndex"), nonneg(0));
  add(art, Nif("endIndex"), nonneg(doc.text.size()));
  if (!doc.outlet.empty()) add(art, Kh(vocab::kh::kOutlet), lit(doc.outlet));
  if (doc.published) add(art, Kh(vocab::kh::kPublished), typed(doc.published->ToString(), "date"));

  auto entity_ref = [&](const std::string& key) { return x.ref_terms[x.KeyFor(key, &terms_)]; };
  auto phrase = [&](std::uint32_t b, std::uint32_t e, const std::string& text) {
    TermId m = terms_.Iri(art_iri + "#char=" + std::to_string(b) + "," + std::to_string(e));
    add(m, rdf_type, terms_.Iri(Nif("Phrase")));
    add(m, Nif("referenceContext"), art);
    add(m, Nif("beginIndex"), nonneg(b));
    add(m, Nif("endIndex"), nonneg(e));
    add(m, Nif("anchorOf"), lit(text));
    return m;
  };

  for (const auto& m : r.mentions) {
    ++stats_.mentions;
    std::size_t k = x.KeyFor(m.entity, &terms_);
    KeyInfo& info = x.keys[k];
    const ontology::EntityEntry* e = lexicon_.Find(m.entity);
    if (info.mentions == 0) {
      info.lexicon = e != nullptr;
      info.type = e ? e->type : m.type;
      info.subtype = e ? e->subtype : m.subtype;
      info.en = e ? e->en : m.en;
      info.of = e ? e->of : m.of;
    }
    ++info.mentions;
    ++info.forms[m.text];
    info.form_articles[m.text].insert(doc.id);
    TermId ph = phrase(m.begin, m.end, m.text);
    add(ph, std::string(vocab::kItsrdf) + "taIdentRef", x.ref_terms[k]);
    add(ph, Kh(vocab::kh::kRecognisedBy), lit(m.rule));
    if (m.nominal) add(ph, Kh(vocab::kh::kNominal), typed("true", "boolean"));
  }

  std::size_t role_n = 0;
  for (const auto& role : r.roles) {
    ++stats_.roles;
    const auto& person = r.mentions[role.person];
    TermId mem = terms_.Iri(std::string(vocab::kResource) + "role/" + PercentEncode(doc.id) + "/" + std::to_string(++role_n));
    add(mem, rdf_type, terms_.Iri(std::string(vocab::kOrg) + "Membership"));
    add(mem, std::string(vocab::kOrg) + "member", entity_ref(person.entity));
    if (!role.of.empty()) add(mem, std::string(vocab::kOrg) + "organization", entity_ref(role.of));
    add(mem, Kh(vocab::kh::kRoleText), ar(role.role_text));
    if (doc.published) add(mem, Kh(vocab::kh::kObservedOn), typed(doc.published->ToString(), "date"));
    add(mem, std::string(vocab::kProv) + "wasDerivedFrom", art);
  }

  for (const auto& ev : r.events) {
    ++stats_.events;
    ++stats_.events_by_type[std::string(vocab::Name(ev.type))];
    std::string ev_iri = std::string(vocab::kResource) + "event/" + PercentEncode(doc.id) + "/" +
                         std::to_string(ev.begin) + "-" + std::to_string(ev.end);
    TermId e = terms_.Iri(ev_iri);
    add(e, rdf_type, terms_.Iri(Kh(vocab::Name(ev.type))));
    TermId trig = phrase(ev.begin, ev.end, ev.trigger_text);
    add(trig, rdf_type, terms_.Iri(Kh(vocab::kh::kTrigger)));
    add(e, Kh(vocab::kh::kTriggerP), trig);
    add(e, Kh(vocab::kh::kInArticle), art);
    for (const auto& a : ev.agents) add(e, Kh(vocab::kh::kAgent), entity_ref(a));
    for (const auto& p : ev.patients) add(e, Kh(vocab::kh::kPatient), entity_ref(p));
    if (!ev.place.empty()) add(e, Kh(vocab::kh::kPlace), entity_ref(ev.place));
    if (!ev.time_text.empty()) add(e, Kh(vocab::kh::kTimeText), ar(ev.time_text));
    if (ev.date) {
      if (ev.date_to) {
        add(e, Kh(vocab::kh::kDateFrom), typed(ev.date->ToString(), "date"));
        add(e, Kh(vocab::kh::kDateTo), typed(ev.date_to->ToString(), "date"));
      } else {
        add(e, Kh(vocab::kh::kDate), typed(ev.date->ToString(), "date"));
      }
    }
    if (!ev.source.empty()) add(e, Kh(vocab::kh::kReportedBy), entity_ref(ev.source));
    std::size_t fig_n = 0;
    for (const auto& f : ev.figures) {
      ++stats_.figures;
      TermId fig = terms_.Iri(ev_iri + "/figure/" + std::to_string(++fig_n));
      add(e, Kh(vocab::kh::kFigureP), fig);
      add(fig, rdf_type, terms_.Iri(Kh(vocab::kh::kFigure)));
      add(fig, Kh(vocab::kh::kFigureKindP), terms_.Iri(Kh(vocab::Name(f.kind))));
      add(fig, Kh(vocab::kh::kValue), typed(std::to_string(f.value), "integer"));
      add(fig, Kh(vocab::kh::kQualifierP), terms_.Iri(Kh(vocab::Name(f.qualifier))));
      add(fig, Kh(vocab::kh::kFigureText), ar(f.text));
      add(fig, Kh(vocab::kh::kInArticle), art);
      if (!ev.source.empty()) add(fig, Kh(vocab::kh::kReportedBy), entity_ref(ev.source));
    }
  }
}

namespace {

// The key of a "~Type:name" entity key: its name part.
std::u32string NamePart(const std::string& key) {
  auto colon = key.find(':');
  return extract::MatchKeyUtf8(colon == std::string::npos ? key : key.substr(colon + 1));
}

std::u32string LastWord(const std::u32string& k) {
  auto sp = k.rfind(U' ');
  return sp == std::u32string::npos ? k : k.substr(sp + 1);
}

}  // namespace

void Graph::Finish() {
  if (finished_) return;
  finished_ = true;
  Impl& x = *impl_;
  const std::size_t n = x.keys.size();
  auto enabled = [&](const char* rule) { return options_.no_merge.count(rule) == 0; };

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

  // Lexicon forms by phonetic key, per type, for the phonetic tier.
  std::map<std::pair<EntityType, std::u32string>, std::string> lexicon_phonetic;
  for (const auto& e : lexicon_.entities()) {
    for (const auto& f : e.forms) {
      lexicon_phonetic.emplace(std::make_pair(e.type, extract::PhoneticKey(extract::MatchKeyUtf8(f))), e.id);
    }
  }
  // Rule-found names: normalised and phonetic keys.
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < n; ++i) {
    if (x.keys[i].key.rfind("~", 0) == 0) found.push_back(i);
  }
  // Phonetic tier against the lexicon: a found name joins a lexicon entity of the same type.
  std::vector<std::pair<std::size_t, std::size_t>> joins;  // (found key, lexicon key)
  if (enabled("phonetic")) {
    for (std::size_t i : found) {
      KeyInfo& info = x.keys[i];
      auto it = lexicon_phonetic.find({info.type, extract::PhoneticKey(NamePart(info.key))});
      if (it == lexicon_phonetic.end()) continue;
      std::size_t target = x.KeyFor(it->second, &terms_);  // may add a key: `info` is not used after
      x.keys[i].merge_rule = "phonetic";
      x.keys[i].merge_evidence = "phonetic key equals that of a lexicon form of " + it->second;
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
  // Found names among themselves: phonetic key equal, or one edit apart for long names, same type.
  if (enabled("phonetic")) {
    for (std::size_t a = 0; a < found.size(); ++a) {
      for (std::size_t b = a + 1; b < found.size(); ++b) {
        KeyInfo& ia = x.keys[found[a]];
        KeyInfo& ib = x.keys[found[b]];
        if (ia.type != ib.type) continue;
        auto pa = extract::PhoneticKey(NamePart(ia.key)), pb = extract::PhoneticKey(NamePart(ib.key));
        std::size_t limit = std::min(pa.size(), pb.size()) >= 8 ? 1 : 0;
        if (pa == pb || extract::BoundedEditDistance(pa, pb, limit) <= limit) {
          uf.Union(found[a], found[b]);
          ib.merge_rule = "phonetic";
          ib.merge_evidence = "phonetic key of '" + extract::EncodeUtf8(NamePart(ib.key)) + "' matches '" +
                              extract::EncodeUtf8(NamePart(ia.key)) + "'";
        }
      }
    }
  }
  // Partial person names: a one-word name that is the last word of exactly one multi-word person.
  if (enabled("partial-name")) {
    std::vector<std::pair<std::u32string, std::size_t>> full;  // last word's phonetic key -> key index
    std::vector<std::pair<std::u32string, std::size_t>> first_names;  // first word's phonetic key -> key index
    for (std::size_t i = 0; i < x.keys.size(); ++i) {
      const KeyInfo& info = x.keys[i];
      if (info.type != EntityType::kPerson) continue;
      std::vector<std::u32string> names;
      if (info.lexicon) {
        if (const auto* e = lexicon_.Find(info.key)) {
          for (const auto& f : e->forms) names.push_back(extract::MatchKeyUtf8(f));
        }
      } else {
        names.push_back(NamePart(info.key));
      }
      for (const auto& nm : names) {
        if (nm.find(U' ') == std::u32string::npos) continue;
        full.emplace_back(extract::PhoneticKey(LastWord(nm)), i);
        first_names.emplace_back(extract::PhoneticKey(nm.substr(0, nm.find(U' '))), i);
      }
    }
    for (std::size_t i : found) {
      KeyInfo& info = x.keys[i];
      if (info.type != EntityType::kPerson) continue;
      auto nm = NamePart(info.key);
      if (nm.find(U' ') != std::u32string::npos) continue;
      auto ph = extract::PhoneticKey(nm);
      std::set<std::size_t> fits;
      for (const auto& [last, idx] : full) {
        if (last == ph) fits.insert(uf.Find(idx));
      }
      if (fits.size() == 1) {
        uf.Union(i, *fits.begin());
        info.merge_rule = "partial-name";
        info.merge_evidence = "the only person of the corpus whose last name is '" + extract::EncodeUtf8(nm) + "'";
        continue;
      }
      if (!fits.empty()) continue;
      // A first name alone (جيغام … ستيبانيان) only within an article, when one person there has it.
      std::set<std::string> articles;
      for (const auto& [f, arts] : info.form_articles) articles.insert(arts.begin(), arts.end());
      for (const auto& [first, idx] : first_names) {
        if (first != ph) continue;
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

  // Clusters: representative = the lexicon key if any, else the key with the longest name (then the
  // smallest key), so the IRI does not depend on article order.
  std::map<std::size_t, std::vector<std::size_t>> clusters;
  for (std::size_t i = 0; i < x.keys.size(); ++i) clusters[uf.Find(i)].push_back(i);
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
      std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
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
    // prefLabel@ar: the most frequent form (ties: the shorter, then the smaller); a lexicon entity with
    // no mention uses its first lexicon form.
    std::string pref;
    std::size_t best = 0;
    for (const auto& [f, c] : forms) {
      if (c > best || (c == best && f.size() < pref.size())) {
        pref = f;
        best = c;
      }
    }
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
      if (!lex->qid.empty()) add(ent, std::string(vocab::kOwl) + "sameAs", terms_.Iri(std::string(vocab::kWd) + lex->qid));
      add(ent, Kh(vocab::kh::kLexiconId), terms_.Intern(Term::Lit(lex->id)));
      if (!lex->in.empty()) add(ent, Kh(vocab::kh::kPartOf), terms_.Iri(EntityIriForId(lex->in)));
    }
    if (!r.of.empty()) add(ent, Kh(vocab::kh::kPartOf), terms_.Iri(EntityIriForId(r.of)));
    add(ent, Kh(vocab::kh::kMentionCount),
        terms_.Intern(Term::Typed(std::to_string(mentions), Xsd("nonNegativeInteger"))));
    // Alias evidence: one node per surface form, with the rule that joined it and the articles using it.
    if (options_.alias_evidence) {
      std::size_t ev_n = 0;
      for (std::size_t m : members) {
        const KeyInfo& k = x.keys[m];
        for (const auto& [f, c] : k.forms) {
          TermId ev = terms_.Iri(iri + "/alias/" + std::to_string(++ev_n));
          add(ent, Kh(vocab::kh::kAliasEvidenceP), ev);
          add(ev, rdf_type, terms_.Iri(Kh(vocab::kh::kAliasEvidence)));
          add(ev, Kh(vocab::kh::kSurfaceForm), terms_.Intern(Term::LangLit(f, "ar")));
          std::string rule = m == rep ? (k.lexicon ? "lexicon" : k.key.rfind('~', 0) == 0 ? "normalised" : "derived")
                                      : k.merge_rule;
          add(ev, Kh(vocab::kh::kMergeRule), terms_.Intern(Term::Lit(rule)));
          std::string evidence = m == rep ? (k.lexicon ? "a form of lexicon entry " + k.key
                                                       : k.key.rfind('~', 0) == 0 ? "match key of the name"
                                                                                  : "institution or force of " + k.of)
                                          : k.merge_evidence;
          add(ev, Kh(vocab::kh::kEvidence), terms_.Intern(Term::Lit(evidence)));
          for (const auto& a : k.form_articles.at(f)) add(ev, Kh(vocab::kh::kUsedBy), terms_.Iri(ArticleIri(a)));
        }
      }
    }
  }
  // Replace placeholders, then sort and deduplicate.
  for (auto& tr : triples_) {
    if (auto it = x.ref_of_term.find(tr.s); it != x.ref_of_term.end()) tr.s = final_term[it->second];
    if (auto it = x.ref_of_term.find(tr.o); it != x.ref_of_term.end()) tr.o = final_term[it->second];
  }
  std::sort(triples_.begin(), triples_.end(), [](const Triple& a, const Triple& b) {
    return std::tie(a.s, a.p, a.o) < std::tie(b.s, b.p, b.o);
  });
  triples_.erase(std::unique(triples_.begin(), triples_.end()), triples_.end());
}

std::string Graph::EntityIri(std::string_view key) const {
  auto it = impl_->key_index.find(std::string(key));
  if (it == impl_->key_index.end() || impl_->iri.empty()) return {};
  return impl_->iri[it->second];
}

}  // namespace khabar::graph
