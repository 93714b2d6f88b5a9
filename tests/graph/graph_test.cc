// The corpus graph end to end, from hand-made extraction results (no extractor involved) and a small
// lexicon defined here: cross-article entity merging by each tier, the guards that keep different things
// apart, the switches that turn tiers off, and the triples written for entities.
#include "khabar/graph/graph.h"  // first: proves the header is self-contained

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "khabar/extract/arabic.h"
#include "khabar/extract/document.h"
#include "khabar/extract/extractor.h"
#include "khabar/ontology/lexicon.h"
#include "khabar/ontology/vocab.h"

namespace khabar::graph {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using vocab::EntityType;

constexpr const char* kLexicon = R"(<lexicon>
  <entity id="sudan" type="State" en="Sudan" qid="Q1049" capital="khartoum">
    <form>السودان</form><nisba>سوداني</nisba>
  </entity>
  <entity id="khartoum" type="Place" subtype="City" en="Khartoum" in="sudan" capital-of="sudan">
    <form>الخرطوم</form>
  </entity>
  <entity id="rapid_support_forces" type="ArmedForce" en="Rapid Support Forces">
    <form>قوات الدعم السريع</form><form>الدعم السريع</form>
  </entity>
  <entity id="antonio_guterres" type="Person" en="António Guterres" qid="Q311440">
    <form>أنطونيو غوتيريش</form>
  </entity>
</lexicon>)";

const std::string kKh(vocab::kKh);
const std::string kRdfType = std::string(vocab::kRdf) + "type";
const std::string kSkos(vocab::kSkos);

// The entity key the extractor gives a name found by rule: "~<Type>:<match key>".
std::string RuleKey(EntityType type, std::string_view name) {
  return "~" + std::string(vocab::Name(type)) + ":" + extract::EncodeUtf8(extract::MatchKeyUtf8(name));
}

// Builds one article's result: each mention's text is appended to the document, offsets computed.
class ArticleBuilder {
 public:
  explicit ArticleBuilder(std::string id, std::optional<extract::Date> published = std::nullopt) {
    r_.document.id = r_.document.path = id;
    r_.document.file_name = id.substr(id.rfind('/') + 1);
    r_.document.published = published;
  }
  // Adds a mention; returns its index.
  std::size_t Mention(std::string_view text, EntityType type, std::string entity, std::string rule = "title") {
    if (!r_.document.text.empty()) r_.document.text += U" ";
    extract::Mention m;
    m.begin = static_cast<std::uint32_t>(r_.document.text.size());
    r_.document.text += extract::DecodeUtf8(text, nullptr);
    m.end = static_cast<std::uint32_t>(r_.document.text.size());
    m.text = std::string(text);
    m.type = type;
    m.entity = std::move(entity);
    m.rule = std::move(rule);
    r_.mentions.push_back(std::move(m));
    return r_.mentions.size() - 1;
  }
  // A rule-found name, keyed as the extractor keys it.
  std::size_t Found(std::string_view text, EntityType type) { return Mention(text, type, RuleKey(type, text)); }
  extract::ArticleResult& result() { return r_; }

 private:
  extract::ArticleResult r_;
};

class GraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status s = lexicon_.LoadString(kLexicon, "graph_test.xml");
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // Builds and finishes a graph over the articles, in order.
  std::unique_ptr<Graph> Build(std::vector<extract::ArticleResult> articles, GraphOptions options = {}) {
    auto g = std::make_unique<Graph>(lexicon_, std::move(options));
    for (const auto& a : articles) g->AddArticle(a);
    g->Finish();
    return g;
  }

  // A term in N-Triples syntax (without escaping: the test data has no quotes or backslashes).
  static std::string Nt(const Term& t) {
    if (t.kind == Term::Kind::kIri) return "<" + t.value + ">";
    std::string s = "\"" + t.value + "\"";
    if (!t.lang.empty()) return s + "@" + t.lang;
    if (!t.datatype.empty()) return s + "^^<" + t.datatype + ">";
    return s;
  }
  // Every triple as an N-Triples line, in the graph's order.
  static std::vector<std::string> Lines(const Graph& g) {
    std::vector<std::string> out;
    for (const Triple& t : g.triples()) {
      out.push_back(Nt(g.terms().Get(t.s)) + " " + Nt(g.terms().Get(t.p)) + " " + Nt(g.terms().Get(t.o)) + " .");
    }
    return out;
  }
  // Objects of (subject, predicate), as N-Triples terms.
  static std::vector<std::string> Objects(const Graph& g, const std::string& s, const std::string& p) {
    std::vector<std::string> out;
    for (const Triple& t : g.triples()) {
      const Term& ts = g.terms().Get(t.s);
      const Term& tp = g.terms().Get(t.p);
      if (ts.kind == Term::Kind::kIri && ts.value == s && tp.value == p) out.push_back(Nt(g.terms().Get(t.o)));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  // Subjects having (predicate, object-as-N-Triples).
  static std::vector<std::string> Subjects(const Graph& g, const std::string& p, const std::string& o) {
    std::vector<std::string> out;
    for (const Triple& t : g.triples()) {
      if (g.terms().Get(t.p).value == p && Nt(g.terms().Get(t.o)) == o) out.push_back(g.terms().Get(t.s).value);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  // Distinct entity IRIs typed with kh:<type>.
  static std::vector<std::string> EntitiesOfType(const Graph& g, EntityType type) {
    return Subjects(g, kRdfType, "<" + kKh + std::string(vocab::Name(type)) + ">");
  }
  // The merge rules recorded for the surface forms of an entity: "form -> rule".
  static std::vector<std::string> Evidence(const Graph& g, const std::string& entity_iri) {
    std::vector<std::string> out;
    for (const std::string& ev : Objects(g, entity_iri, kKh + std::string(vocab::kh::kAliasEvidenceP))) {
      const std::string node = ev.substr(1, ev.size() - 2);
      auto forms = Objects(g, node, kKh + std::string(vocab::kh::kSurfaceForm));
      auto rules = Objects(g, node, kKh + std::string(vocab::kh::kMergeRule));
      EXPECT_EQ(forms.size(), 1u);
      EXPECT_EQ(rules.size(), 1u);
      if (forms.size() == 1 && rules.size() == 1) out.push_back(forms[0] + " -> " + rules[0]);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  ontology::Lexicon lexicon_;
};

// ---------------------------------------------------------------------------------------------------
// Merging

TEST_F(GraphTest, SameLexiconIdInTwoArticlesIsOneEntity) {
  ArticleBuilder a("news/a.txt", extract::Date{2024, 5, 14});
  a.Mention("السودان", EntityType::kState, "sudan", "lexicon");
  ArticleBuilder b("news/b.txt");
  b.Mention("السودان", EntityType::kState, "sudan", "lexicon");
  b.Mention("الحكومة السودانية", EntityType::kState, "sudan", "government+nisba");
  auto g = Build({a.result(), b.result()});

  const std::string iri = EntityIriForId("sudan");
  EXPECT_EQ(iri, "https://w3id.org/khabar/entity/sudan");
  EXPECT_EQ(g->EntityIri("sudan"), iri);
  EXPECT_THAT(EntitiesOfType(*g, EntityType::kState), ::testing::ElementsAre(iri));
  EXPECT_THAT(Objects(*g, iri, kKh + "mentionCount"),
              ::testing::ElementsAre("\"3\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"));
  // Every mention phrase of both articles points at that one IRI.
  EXPECT_EQ(Subjects(*g, std::string(vocab::kItsrdf) + "taIdentRef", "<" + iri + ">").size(), 3u);
  EXPECT_EQ(g->stats().articles, 2u);
  EXPECT_EQ(g->stats().mentions, 3u);
  EXPECT_EQ(g->stats().entities_by_type.at("State"), 1u);
}

TEST_F(GraphTest, AFormReadAsALexiconEntryByARuleNamesThatRule) {
  // الحكومة السودانية is no listed form of Sudan: the extractor read it so by government+nisba, and the
  // alias evidence says so, where a listed form says "lexicon" (as القوات الأرمينية read as the Karabakh
  // forces by force+nisba+kin can be told from a listed form of them).
  ArticleBuilder a("a.txt");
  a.Mention("السودان", EntityType::kState, "sudan", "lexicon");
  a.Mention("الحكومة السودانية", EntityType::kState, "sudan", "government+nisba");
  auto g = Build({a.result()});
  EXPECT_THAT(Evidence(*g, EntityIriForId("sudan")),
              ::testing::ElementsAre("\"الحكومة السودانية\"@ar -> \"reading:government+nisba\"",
                                     "\"السودان\"@ar -> \"lexicon\""));
}

TEST_F(GraphTest, SurnameAloneMergesWithTheOnlyPersonOfThatSurname) {
  ArticleBuilder a("a.txt");
  a.Found("سيرافيم دولغوف", EntityType::kPerson);
  a.Found("هالة يوسف", EntityType::kPerson);
  ArticleBuilder b("b.txt");
  b.Found("دولغوف", EntityType::kPerson);
  auto g = Build({a.result(), b.result()});

  const std::string full = g->EntityIri(RuleKey(EntityType::kPerson, "سيرافيم دولغوف"));
  ASSERT_FALSE(full.empty());
  EXPECT_EQ(g->EntityIri(RuleKey(EntityType::kPerson, "دولغوف")), full);
  EXPECT_NE(g->EntityIri(RuleKey(EntityType::kPerson, "هالة يوسف")), full);
  EXPECT_THAT(full, HasSubstr("/entity/person/")) << "a rule-found person's IRI names its type";
  EXPECT_EQ(EntitiesOfType(*g, EntityType::kPerson).size(), 2u);
  EXPECT_THAT(Evidence(*g, full),
              ::testing::ElementsAre("\"دولغوف\"@ar -> \"partial-name\"", "\"سيرافيم دولغوف\"@ar -> \"normalised\""));
}

TEST_F(GraphTest, SurnameAloneStaysApartWhenTwoPeopleShareIt) {
  ArticleBuilder a("a.txt");
  a.Found("سيرافيم دولغوف", EntityType::kPerson);
  ArticleBuilder b("b.txt");
  b.Found("إيفان دولغوف", EntityType::kPerson);
  ArticleBuilder c("c.txt");
  c.Found("دولغوف", EntityType::kPerson);
  auto g = Build({a.result(), b.result(), c.result()});

  const std::string seraphim = g->EntityIri(RuleKey(EntityType::kPerson, "سيرافيم دولغوف"));
  const std::string ivan = g->EntityIri(RuleKey(EntityType::kPerson, "إيفان دولغوف"));
  const std::string surname = g->EntityIri(RuleKey(EntityType::kPerson, "دولغوف"));
  EXPECT_NE(seraphim, ivan);
  EXPECT_NE(surname, seraphim) << "ambiguous: two people are called دولغوف";
  EXPECT_NE(surname, ivan);
  EXPECT_EQ(EntitiesOfType(*g, EntityType::kPerson).size(), 3u);
}

TEST_F(GraphTest, SurnameOfALexiconPersonOfTheCorpusMerges) {
  ArticleBuilder a("a.txt");
  a.Mention("أنطونيو غوتيريش", EntityType::kPerson, "antonio_guterres", "lexicon");
  ArticleBuilder b("b.txt");
  b.Found("غوتيريش", EntityType::kPerson);
  auto g = Build({a.result(), b.result()});
  EXPECT_EQ(g->EntityIri(RuleKey(EntityType::kPerson, "غوتيريش")), EntityIriForId("antonio_guterres"));
  EXPECT_THAT(Objects(*g, EntityIriForId("antonio_guterres"), std::string(vocab::kOwl) + "sameAs"),
              ::testing::ElementsAre("<http://www.wikidata.org/entity/Q311440>"));
}

TEST_F(GraphTest, SpellingsDifferingInGhainAndJeemMergePhonetically) {
  ArticleBuilder a("a.txt");
  a.Found("ميخائيل غوردون", EntityType::kPerson);
  ArticleBuilder b("b.txt");
  b.Found("ميخائيل جوردون", EntityType::kPerson);
  auto g = Build({a.result(), b.result()});

  const std::string iri = g->EntityIri(RuleKey(EntityType::kPerson, "ميخائيل غوردون"));
  EXPECT_EQ(g->EntityIri(RuleKey(EntityType::kPerson, "ميخائيل جوردون")), iri);
  EXPECT_EQ(EntitiesOfType(*g, EntityType::kPerson).size(), 1u);
  EXPECT_THAT(Objects(*g, iri, kSkos + "altLabel"), ::testing::SizeIs(1)) << "the other spelling is an altLabel";
  EXPECT_EQ(Evidence(*g, iri).size(), 2u) << "one evidence node per surface form";
}

TEST_F(GraphTest, ARuleFoundVariantOfALexiconNameJoinsTheLexiconEntity) {
  ArticleBuilder a("a.txt");
  a.Mention("أنطونيو غوتيريش", EntityType::kPerson, "antonio_guterres", "lexicon");
  ArticleBuilder b("b.txt");
  b.Found("أنطونيو جوتيرش", EntityType::kPerson);
  auto g = Build({a.result(), b.result()});
  const std::string iri = EntityIriForId("antonio_guterres");
  EXPECT_EQ(g->EntityIri(RuleKey(EntityType::kPerson, "أنطونيو جوتيرش")), iri);
  EXPECT_THAT(Evidence(*g, iri),
              ::testing::ElementsAre("\"أنطونيو جوتيرش\"@ar -> \"phonetic\"", "\"أنطونيو غوتيريش\"@ar -> \"lexicon\""));
}

TEST_F(GraphTest, SamePhoneticKeyButSpelledFarApartDoNotMerge) {
  // بيلغورود (Belgorod) and بلغراد (Belgrade) share a phonetic key (long vowels dropped) but are three
  // edits apart: different places. غوتيريش and جوتيرش stay two edits apart and merge (test above).
  ArticleBuilder a("a.txt");
  a.Found("بلغراد", EntityType::kPlace);
  ArticleBuilder b("b.txt");
  b.Found("بيلغورود", EntityType::kPlace);
  auto g = Build({a.result(), b.result()});
  EXPECT_NE(g->EntityIri(RuleKey(EntityType::kPlace, "بيلغورود")), g->EntityIri(RuleKey(EntityType::kPlace, "بلغراد")));
  EXPECT_EQ(EntitiesOfType(*g, EntityType::kPlace).size(), 2u);
}

TEST_F(GraphTest, DifferentTypesNeverMerge) {
  ArticleBuilder a("a.txt");
  a.Found("كرنقو", EntityType::kPerson);
  a.Found("كرنقو", EntityType::kPlace);
  ArticleBuilder b("b.txt");
  b.Found("جرنقو", EntityType::kPlace);                // phonetic variant of the place
  b.Found("الخرطومي", EntityType::kPerson);            // a person whose name resembles a lexicon place
  b.Found("الدعم السريع", EntityType::kOrganization);  // same key as a lexicon ArmedForce form
  auto g = Build({a.result(), b.result()});

  const std::string person = g->EntityIri(RuleKey(EntityType::kPerson, "كرنقو"));
  const std::string place = g->EntityIri(RuleKey(EntityType::kPlace, "كرنقو"));
  EXPECT_NE(person, place);
  EXPECT_EQ(g->EntityIri(RuleKey(EntityType::kPlace, "جرنقو")), place) << "same type: merged";
  EXPECT_NE(g->EntityIri(RuleKey(EntityType::kPerson, "الخرطومي")), EntityIriForId("khartoum"));
  EXPECT_NE(g->EntityIri(RuleKey(EntityType::kOrganization, "الدعم السريع")), EntityIriForId("rapid_support_forces"));
  // Each IRI carries one base type.
  for (const std::string& iri : {person, place}) {
    int base_types = 0;
    for (const auto& o : Objects(*g, iri, kRdfType)) {
      for (auto name : vocab::kEntityTypeNames) base_types += o == "<" + kKh + std::string(name) + ">";
    }
    EXPECT_EQ(base_types, 1) << iri;
  }
}

TEST_F(GraphTest, AShortLastNameIsNoCorpusWidePartialName) {
  // كيم and جيغام share a phonetic key of two sounds: a first name of another article is not the only
  // person whose last name is كيم; a longer last name still merges.
  ArticleBuilder a("a.txt");
  a.Found("هيون كيم", EntityType::kPerson);
  a.Found("سيرافيم دولغوف", EntityType::kPerson);
  ArticleBuilder b("b.txt");
  b.Found("جيغام", EntityType::kPerson);
  b.Found("دولغوف", EntityType::kPerson);
  auto g = Build({a.result(), b.result()});
  EXPECT_NE(g->EntityIri(RuleKey(EntityType::kPerson, "جيغام")),
            g->EntityIri(RuleKey(EntityType::kPerson, "هيون كيم")));
  EXPECT_EQ(g->EntityIri(RuleKey(EntityType::kPerson, "دولغوف")),
            g->EntityIri(RuleKey(EntityType::kPerson, "سيرافيم دولغوف")));
}

TEST_F(GraphTest, NoMergeSwitchesATierOff) {
  ArticleBuilder a("a.txt");
  a.Found("ميخائيل غوردون", EntityType::kPerson);
  a.Found("سيرافيم دولغوف", EntityType::kPerson);
  ArticleBuilder b("b.txt");
  b.Found("ميخائيل جوردون", EntityType::kPerson);
  b.Found("دولغوف", EntityType::kPerson);

  GraphOptions no_phonetic;
  no_phonetic.no_merge = {"phonetic"};
  auto g = Build({a.result(), b.result()}, no_phonetic);
  EXPECT_NE(g->EntityIri(RuleKey(EntityType::kPerson, "ميخائيل غوردون")),
            g->EntityIri(RuleKey(EntityType::kPerson, "ميخائيل جوردون")));
  EXPECT_EQ(g->EntityIri(RuleKey(EntityType::kPerson, "دولغوف")),
            g->EntityIri(RuleKey(EntityType::kPerson, "سيرافيم دولغوف")))
      << "partial-name is still on";
  for (const auto& line : Lines(*g)) EXPECT_THAT(line, Not(HasSubstr("\"phonetic\""))) << line;

  GraphOptions no_partial;
  no_partial.no_merge = {"partial-name"};
  auto g2 = Build({a.result(), b.result()}, no_partial);
  EXPECT_NE(g2->EntityIri(RuleKey(EntityType::kPerson, "دولغوف")),
            g2->EntityIri(RuleKey(EntityType::kPerson, "سيرافيم دولغوف")));
  EXPECT_EQ(g2->EntityIri(RuleKey(EntityType::kPerson, "ميخائيل غوردون")),
            g2->EntityIri(RuleKey(EntityType::kPerson, "ميخائيل جوردون")));
}

// ---------------------------------------------------------------------------------------------------
// Triples

// A label is a whole name (issue 16): the clipped span of للدعم السريع (لدعم السريع) counts for the whole
// form, and a lexicon entity is labelled by a lexicon form (السودان, not the more frequent capital الخرطوم).
TEST_F(GraphTest, LabelsAreWholeNames) {
  ArticleBuilder a("a.txt");
  for (int i = 0; i < 3; ++i) a.Mention("لدعم السريع", EntityType::kArmedForce, "rapid_support_forces", "lexicon");
  a.Mention("الدعم السريع", EntityType::kArmedForce, "rapid_support_forces", "lexicon");
  for (int i = 0; i < 3; ++i) a.Mention("الخرطوم", EntityType::kState, "sudan", "capital");
  a.Mention("السودان", EntityType::kState, "sudan", "lexicon");
  auto g = Build({a.result()});
  const std::string rsf = EntityIriForId("rapid_support_forces");
  EXPECT_THAT(Objects(*g, rsf, kSkos + "prefLabel"), Contains("\"الدعم السريع\"@ar"));
  EXPECT_THAT(Objects(*g, EntityIriForId("sudan"), kSkos + "prefLabel"), Contains("\"السودان\"@ar"));
  EXPECT_THAT(Objects(*g, rsf, kSkos + "altLabel"), Contains("\"لدعم السريع\"@ar"));
}

TEST_F(GraphTest, LabelsSameAsAndPartOf) {
  ArticleBuilder a("a.txt");
  a.Mention("السودان", EntityType::kState, "sudan", "lexicon");
  a.Mention("السودان", EntityType::kState, "sudan", "lexicon");
  a.Mention("الحكومة السودانية", EntityType::kState, "sudan", "government+nisba");
  a.Mention("السّودان", EntityType::kState, "sudan", "lexicon");
  a.Mention("الخرطوم", EntityType::kPlace, "khartoum", "lexicon");
  auto g = Build({a.result()});

  const std::string sudan = EntityIriForId("sudan");
  // prefLabel: the most frequent form in Arabic, and the English label.
  EXPECT_THAT(Objects(*g, sudan, kSkos + "prefLabel"), ::testing::ElementsAre("\"Sudan\"@en", "\"السودان\"@ar"));
  // One altLabel per other distinct form.
  EXPECT_THAT(Objects(*g, sudan, kSkos + "altLabel"),
              ::testing::UnorderedElementsAre("\"الحكومة السودانية\"@ar", "\"السّودان\"@ar"));
  EXPECT_THAT(Objects(*g, sudan, std::string(vocab::kOwl) + "sameAs"),
              ::testing::ElementsAre("<http://www.wikidata.org/entity/Q1049>"));
  EXPECT_THAT(Objects(*g, sudan, kKh + "lexiconId"), ::testing::ElementsAre("\"sudan\""));

  const std::string khartoum = EntityIriForId("khartoum");
  EXPECT_THAT(Objects(*g, khartoum, std::string(vocab::kOwl) + "sameAs"), ::testing::IsEmpty()) << "no qid, no sameAs";
  EXPECT_THAT(Objects(*g, khartoum, kKh + "partOf"), Contains("<" + sudan + ">"));
  EXPECT_THAT(Objects(*g, khartoum, kRdfType),
              ::testing::UnorderedElementsAre("<" + kKh + "Place>", "<" + kKh + "City>"));
}

TEST_F(GraphTest, RolesAndEventsPointAtMergedEntities) {
  ArticleBuilder a("a.txt", extract::Date{2024, 5, 14});
  a.Found("سيرافيم دولغوف", EntityType::kPerson);
  ArticleBuilder b("b.txt", extract::Date{2024, 5, 15});
  std::size_t p = b.Found("دولغوف", EntityType::kPerson);
  b.Mention("الخرطوم", EntityType::kState, "sudan", "capital-metonymy");
  b.result().roles.push_back({p, "المتحدث باسم الخرطوم", "sudan"});
  extract::Event ev;
  ev.type = vocab::EventType::kDenial;
  ev.begin = 0;
  ev.end = 3;
  ev.trigger_text = "دول";
  ev.agents = {RuleKey(EntityType::kPerson, "دولغوف")};
  ev.patients = {"rapid_support_forces"};
  b.result().events.push_back(ev);
  auto g = Build({a.result(), b.result()});

  const std::string person = g->EntityIri(RuleKey(EntityType::kPerson, "سيرافيم دولغوف"));
  const std::string event = std::string(vocab::kResource) + "event/b.txt/0-3";
  EXPECT_THAT(Objects(*g, event, kKh + "agent"), ::testing::ElementsAre("<" + person + ">"));
  EXPECT_THAT(Objects(*g, event, kKh + "patient"),
              ::testing::ElementsAre("<" + EntityIriForId("rapid_support_forces") + ">"));
  EXPECT_THAT(Subjects(*g, std::string(vocab::kOrg) + "member", "<" + person + ">"), ::testing::SizeIs(1));
  // An entity referenced only as an argument is still described (typed from the lexicon).
  EXPECT_THAT(Objects(*g, EntityIriForId("rapid_support_forces"), kRdfType), Contains("<" + kKh + "ArmedForce>"));
  // No placeholder survives Finish().
  for (const auto& line : Lines(*g)) EXPECT_THAT(line, Not(HasSubstr("urn:khabar:pending"))) << line;
}

TEST_F(GraphTest, TriplesAreDistinct) {
  ArticleBuilder a("a.txt");
  a.Mention("السودان", EntityType::kState, "sudan", "lexicon");
  // The same mention twice (a duplicate from upstream) must not duplicate its triples.
  a.result().mentions.push_back(a.result().mentions.back());
  ArticleBuilder b("b.txt");
  b.Mention("السودان", EntityType::kState, "sudan", "lexicon");
  auto g = Build({a.result(), b.result()});

  std::vector<std::string> lines = Lines(*g);
  std::set<std::string> unique(lines.begin(), lines.end());
  EXPECT_EQ(unique.size(), lines.size()) << "duplicate triples in output";
  const auto& tr = g->triples();
  for (std::size_t i = 1; i < tr.size(); ++i) EXPECT_FALSE(tr[i] == tr[i - 1]);
  EXPECT_EQ(std::count(lines.begin(), lines.end(),
                       "<" + EntityIriForId("sudan") + "> <" + kRdfType + "> <" + kKh + "State> ."),
            1);
}

TEST_F(GraphTest, SameInputSameTriples) {
  auto corpus = [] {
    ArticleBuilder a("x/a.txt", extract::Date{2024, 5, 14});
    a.Found("ميخائيل غوردون", EntityType::kPerson);
    a.Found("سيرافيم دولغوف", EntityType::kPerson);
    a.Found("كرنقو", EntityType::kPlace);
    a.Mention("قوات الدعم السريع", EntityType::kArmedForce, "rapid_support_forces", "lexicon");
    ArticleBuilder b("x/b.txt");
    b.Found("ميخائيل جوردون", EntityType::kPerson);
    b.Found("دولغوف", EntityType::kPerson);
    b.Found("جرنقو", EntityType::kPlace);
    b.Mention("السودان", EntityType::kState, "sudan", "lexicon");
    return std::vector<extract::ArticleResult>{a.result(), b.result()};
  };
  auto g1 = Build(corpus());
  auto g2 = Build(corpus());
  EXPECT_EQ(Lines(*g1), Lines(*g2));

  // Entity IRIs do not depend on the order of the articles either.
  std::vector<extract::ArticleResult> reversed = corpus();
  std::reverse(reversed.begin(), reversed.end());
  auto g3 = Build(reversed);
  for (const auto& article : corpus()) {
    for (const auto& m : article.mentions) EXPECT_EQ(g3->EntityIri(m.entity), g1->EntityIri(m.entity)) << m.entity;
  }
}

TEST_F(GraphTest, EveryArticleOrderGivesTheSameTriples) {
  // A graph is a function of the set of articles. Before, the first mention of a derived key decided
  // its English label and owner (lost when a nominal mention without them came first), the first of
  // two phonetically equal names kept no evidence, alias nodes were numbered in order of first sight
  // and a happening was named after the report read first.
  auto event = [](vocab::EventType type, std::uint32_t begin, std::string place) {
    extract::Event ev;
    ev.type = type;
    ev.begin = begin;
    ev.end = begin + 3;
    ev.trigger_text = "هجوم";
    ev.place = std::move(place);
    ev.date = extract::Date{2024, 5, 14};
    return ev;
  };
  ArticleBuilder a("x/a.txt", extract::Date{2024, 5, 14});
  std::size_t army = a.Mention("الجيش السوداني", EntityType::kArmedForce, "sudan_army", "force+nisba");
  a.result().mentions[army].en = "Army of Sudan";
  a.result().mentions[army].of = "sudan";
  a.Found("ميخائيل غوردون", EntityType::kPerson);
  a.Found("كرنقو", EntityType::kPlace);
  a.result().events.push_back(event(vocab::EventType::kAttack, 0, "khartoum"));
  ArticleBuilder b("x/b.txt", extract::Date{2024, 5, 14});
  b.Mention("الجيش", EntityType::kArmedForce, "sudan_army", "nominal");  // no English label, no owner
  b.Found("ميخائيل جوردون", EntityType::kPerson);
  b.Found("جرنقو", EntityType::kPlace);
  b.result().events.push_back(event(vocab::EventType::kAttack, 4, "khartoum"));
  ArticleBuilder c("y/c.txt", extract::Date{2024, 5, 15});
  c.Mention("الجيش", EntityType::kArmedForce, "sudan_army", "nominal");
  c.Found("ميخائيل قوردون", EntityType::kPerson);
  c.Found("غوردون", EntityType::kPerson);
  c.result().events.push_back(event(vocab::EventType::kAttack, 8, "khartoum"));
  std::vector<extract::ArticleResult> corpus{a.result(), b.result(), c.result()};

  std::vector<std::size_t> order{0, 1, 2};
  std::optional<std::vector<std::string>> first;
  do {
    std::vector<extract::ArticleResult> in;
    for (std::size_t i : order) in.push_back(corpus[i]);
    std::vector<std::string> lines = Lines(*Build(in));
    std::sort(lines.begin(), lines.end());
    if (!first) {
      first = lines;
      const std::string army_iri = EntityIriForId("sudan_army");
      EXPECT_THAT(Objects(*Build(in), army_iri, kSkos + "prefLabel"), Contains("\"Army of Sudan\"@en"));
      EXPECT_THAT(Objects(*Build(in), army_iri, kKh + "partOf"), Contains("<" + EntityIriForId("sudan") + ">"));
    } else {
      EXPECT_EQ(lines, *first) << "articles in order " << order[0] << order[1] << order[2];
    }
  } while (std::next_permutation(order.begin(), order.end()));
}

TEST_F(GraphTest, NamedGraphsPutEachArticlesFactsInItsGraphAndEntitiesInTheirs) {
  // Three articles reporting one attack (a happening), with a role, a figure and a duplicate mention.
  auto event = [](std::uint32_t begin) {
    extract::Event ev;
    ev.type = vocab::EventType::kAttack;
    ev.begin = begin;
    ev.end = begin + 3;
    ev.trigger_text = "هجوم";
    ev.place = "khartoum";
    ev.date = extract::Date{2024, 5, 14};
    ev.agents = {"rapid_support_forces"};
    return ev;
  };
  ArticleBuilder a("x/a.txt", extract::Date{2024, 5, 14});
  std::size_t p = a.Found("سيرافيم دولغوف", EntityType::kPerson);
  a.Mention("السودان", EntityType::kState, "sudan", "lexicon");
  a.result().mentions.push_back(a.result().mentions.back());
  a.result().roles.push_back({p, "المتحدث باسم الخرطوم", "sudan"});
  a.result().events.push_back(event(0));
  extract::Figure killed;
  killed.kind = vocab::FigureKind::kKilled;
  killed.value = 12;
  killed.text = "12";
  a.result().events.back().figures.push_back(killed);
  ArticleBuilder b("x/b.txt", extract::Date{2024, 5, 14});
  b.Found("دولغوف", EntityType::kPerson);
  b.result().events.push_back(event(4));
  ArticleBuilder c("y/c.txt", extract::Date{2024, 5, 15});
  c.Mention("قوات الدعم السريع", EntityType::kArmedForce, "rapid_support_forces", "lexicon");
  c.result().events.push_back(event(8));
  std::vector<extract::ArticleResult> corpus{a.result(), b.result(), c.result()};

  GraphOptions quads;
  quads.named_graphs = true;
  auto g = Build(corpus, quads);
  auto plain = Build(corpus);
  // The same triples as without named graphs (the union of the graphs is the N-Triples output), and a
  // plain build keeps no graph per triple.
  EXPECT_EQ(Lines(*g), Lines(*plain));
  EXPECT_TRUE(plain->graph_of().empty());
  ASSERT_EQ(g->graph_of().size(), g->triples().size());

  const std::string res(vocab::kResource);
  const std::string report_of = kKh + std::string(vocab::kh::kReportOf);
  std::map<std::string, std::size_t> per_graph;
  for (std::size_t i = 0; i < g->triples().size(); ++i) {
    const Triple& t = g->triples()[i];
    const std::string s = g->terms().Get(t.s).value, pred = g->terms().Get(t.p).value;
    const std::string graph = g->terms().Get(g->graph_of()[i]).value;
    ++per_graph[graph];
    std::string want;
    if (s.rfind(res + "entity/", 0) == 0) {
      want = EntitiesGraphIri();  // descriptions and alias evidence (…/alias/N)
    } else if (s.rfind(res + "happening/", 0) == 0 || pred == report_of) {
      want = HappeningsGraphIri();
    } else {
      for (const auto& r : corpus) {
        const std::string& id = r.document.id;
        const std::string art = ArticleIri(id);
        if (s == art || s.rfind(art + "#", 0) == 0 || s.rfind(res + "event/" + PercentEncode(id) + "/", 0) == 0 ||
            s.rfind(res + "role/" + PercentEncode(id) + "/", 0) == 0) {
          want = art;
        }
      }
    }
    EXPECT_EQ(graph, want) << Lines(*g)[i];
  }
  EXPECT_EQ(per_graph.size(), 5u);  // three articles, the entities, the happenings
  EXPECT_GT(per_graph[ArticleIri("x/a.txt")], per_graph[ArticleIri("x/b.txt")]);
  EXPECT_GT(per_graph[EntitiesGraphIri()], 0u);
  EXPECT_EQ(g->stats().happenings, 1u);
  EXPECT_THAT(Subjects(*g, report_of, "<" + res + "happening/x/a.txt/0-3>"), ::testing::SizeIs(3));
  EXPECT_GT(per_graph[HappeningsGraphIri()], 3u);
}

TEST(GraphIriTest, PercentEncodingKeepsUnreservedAndSlash) {
  EXPECT_EQ(PercentEncode("a-b_c.d~e/f"), "a-b_c.d~e/f");
  EXPECT_EQ(PercentEncode("a b"), "a%20b");
  EXPECT_EQ(PercentEncode("س"), "%D8%B3");
  EXPECT_EQ(PercentEncode("#?%"), "%23%3F%25");
  EXPECT_EQ(ArticleIri("news/a b.txt"), "https://w3id.org/khabar/article/news/a%20b.txt");
  EXPECT_EQ(EntityIriForId("sudan"), "https://w3id.org/khabar/entity/sudan");
}

TEST(TermStoreTest, InternsEachTermOnce) {
  TermStore store;
  TermId a = store.Iri("http://example.org/a");
  EXPECT_EQ(store.Iri("http://example.org/a"), a);
  TermId lit = store.Intern(Term::Lit("http://example.org/a"));
  EXPECT_NE(lit, a) << "an IRI and a literal with the same text are different terms";
  TermId ar = store.Intern(Term::LangLit("x", "ar"));
  TermId en = store.Intern(Term::LangLit("x", "en"));
  TermId typed = store.Intern(Term::Typed("x", "http://www.w3.org/2001/XMLSchema#string"));
  EXPECT_NE(ar, en);
  EXPECT_NE(typed, store.Intern(Term::Lit("x")));
  EXPECT_EQ(store.Intern(Term::LangLit("x", "ar")), ar);
  EXPECT_EQ(store.size(), 6u);
  EXPECT_EQ(store.Get(en).lang, "en");
}

}  // namespace
}  // namespace khabar::graph
