// An article from another conflict, written for this test: Sudan, with a fictional village (كرنقو), town
// (أم حجار), camp (أبو سنيطة) and people (عمر يحيى دوسة, عوض الكريم موسى, مريم آدم حسين) that no lexicon
// entry names. The extractor's rules must find them from local syntax (classifier, apposition, title,
// reporting verb) while the lexicon supplies the Rapid Support Forces, the Sudanese army and Darfur.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <algorithm>

#include <string>
#include <string_view>

#include "extractor_fixture.h"

namespace khabar::extract::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsSupersetOf;
using vocab::EntityType;
using vocab::EventType;

constexpr std::string_view kArticle =
    "هجوم على قرية كرنقو في دارفور\n"
    "هاجمت قوات الدعم السريع فجر الأحد قرية كرنقو الواقعة غرب بلدة أم حجار.\n"
    "وقال عمر يحيى دوسة، المسؤول المحلي في القرية، إن ما لا يقل عن 23 شخصا قتلوا في الهجوم.\n"
    "وأضاف دوسة أن مئات الأسر فرت نحو مخيم أبو سنيطة القريب.\n"
    "وقال المتحدث باسم الجيش السوداني عوض الكريم موسى إن القوات استعادت السيطرة على البلدة.\n"
    "ونفت قوات الدعم السريع في بيان استهداف المدنيين.\n"
    "وقالت مريم آدم حسين إن عائلتها فرت سيرا على الأقدام.\n"
    "وذكرت وزارة الصحة السودانية أن 40 جريحا نقلوا إلى مستشفى بلدة أم حجار.\n"
    "ودعت منظمة الصحة العالمية إلى وقف القتال في دارفور.\n"
    "وقال شهود إن طائرات مسيرة قصفت سوق قرية كرنقو يوم الاثنين.\n";

class SudanArticleTest : public ExtractorTest {
 protected:
  void SetUp() override {
    ExtractorTest::SetUp();
    if (!HasFatalFailure()) r_ = Run(kArticle, Date{2024, 5, 14});  // a Tuesday
  }
  ArticleResult r_;
};

TEST_F(SudanArticleTest, EveryActorAndPlaceIsFound) {
  // Every mention GUIDELINES.md asks for in this article, with its span (classifiers outside place
  // spans, proclitics outside every span) and type. Bare القرية/البلدة/القوات/المدنيين are not mentions.
  auto at = [](std::string_view text, std::string_view type, int nth = 0) {
    return std::string(text) + "|" + std::string(type) + "@" + std::to_string(Offset(kArticle, text, nth));
  };
  EXPECT_THAT(
      Spans(r_),
      IsSupersetOf({at("كرنقو", "Place", 0),  // headline
                    at("دارفور", "Place", 0), at("قوات الدعم السريع", "ArmedForce", 0), at("كرنقو", "Place", 1),
                    at("أم حجار", "Place", 0), at("عمر يحيى دوسة", "Person"), at("دوسة", "Person", 1),
                    at("أبو سنيطة", "Place"), at("الجيش السوداني", "ArmedForce"), at("عوض الكريم موسى", "Person"),
                    at("قوات الدعم السريع", "ArmedForce", 1), at("مريم آدم حسين", "Person"),
                    at("وزارة الصحة السودانية", "Organization"), at("أم حجار", "Place", 1),
                    at("منظمة الصحة العالمية", "Organization"), at("دارفور", "Place", 1), at("كرنقو", "Place", 2)}));
  // No mention swallows a classifier, a title or a proclitic.
  for (const Mention& m : r_.mentions) {
    for (std::string_view word : {"قرية", "بلدة", "مخيم", "المتحدث", "المسؤول"}) {
      EXPECT_EQ(m.text.find(word), std::string::npos) << m.text;
    }
  }
}

TEST_F(SudanArticleTest, PlacesTheLexiconDoesNotName) {
  const Mention* village = FindMention(r_, "كرنقو", 1);
  ASSERT_NE(village, nullptr);
  EXPECT_EQ(village->type, EntityType::kPlace);
  EXPECT_EQ(village->subtype, "Village");
  EXPECT_EQ(village->rule, "classifier");
  EXPECT_EQ(village->begin, Offset(kArticle, "كرنقو", 1)) << "قرية is outside the span";

  const Mention* town = FindMention(r_, "أم حجار");
  ASSERT_NE(town, nullptr);
  EXPECT_EQ(town->type, EntityType::kPlace);
  EXPECT_EQ(town->subtype, "City");
  EXPECT_EQ(town->begin, Offset(kArticle, "أم حجار"));

  const Mention* camp = FindMention(r_, "أبو سنيطة");
  ASSERT_NE(camp, nullptr);
  EXPECT_EQ(camp->type, EntityType::kPlace);
  EXPECT_EQ(camp->begin, Offset(kArticle, "أبو سنيطة"));
  // All mentions of the village are one entity.
  EXPECT_EQ(FindMention(r_, "كرنقو", 0)->entity, village->entity);
  EXPECT_EQ(FindMention(r_, "كرنقو", 2)->entity, village->entity);
}

TEST_F(SudanArticleTest, PeopleTheLexiconDoesNotName) {
  const Mention* official = FindMention(r_, "عمر يحيى دوسة");
  ASSERT_NE(official, nullptr);
  EXPECT_EQ(official->type, EntityType::kPerson);
  EXPECT_EQ(official->rule, "apposition");
  EXPECT_EQ(official->begin, Offset(kArticle, "عمر يحيى دوسة"));

  const Mention* surname = FindMention(r_, "دوسة", 0);
  ASSERT_NE(surname, nullptr);
  EXPECT_EQ(surname->type, EntityType::kPerson);
  EXPECT_EQ(surname->begin, Offset(kArticle, "دوسة", 1));

  const Mention* spokesman = FindMention(r_, "عوض الكريم موسى");
  ASSERT_NE(spokesman, nullptr);
  EXPECT_EQ(spokesman->type, EntityType::kPerson);
  EXPECT_EQ(spokesman->rule, "title");

  const Mention* witness = FindMention(r_, "مريم آدم حسين");
  ASSERT_NE(witness, nullptr);
  EXPECT_EQ(witness->type, EntityType::kPerson);
  EXPECT_EQ(witness->begin, Offset(kArticle, "مريم"));

  EXPECT_THAT(Roles(r_), Contains("عوض الكريم موسى|المتحدث باسم الجيش السوداني|sudanese_armed_forces"));
}

TEST_F(SudanArticleTest, LexiconActorsOfTheConflict) {
  const Mention* rsf = FindMention(r_, "قوات الدعم السريع");
  ASSERT_NE(rsf, nullptr);
  EXPECT_EQ(rsf->entity, "rapid_support_forces");
  EXPECT_EQ(rsf->type, EntityType::kArmedForce);
  EXPECT_EQ(rsf->begin, Offset(kArticle, "قوات الدعم السريع"));
  EXPECT_EQ(FindMention(r_, "قوات الدعم السريع", 1)->begin, Offset(kArticle, "قوات الدعم السريع", 1))
      << "ونفت: the span starts after the verb's و, at قوات";

  const Mention* army = FindMention(r_, "الجيش السوداني");
  ASSERT_NE(army, nullptr);
  EXPECT_EQ(army->entity, "sudanese_armed_forces");
  EXPECT_EQ(army->type, EntityType::kArmedForce);

  const Mention* moh = FindMention(r_, "وزارة الصحة السودانية");
  ASSERT_NE(moh, nullptr);
  EXPECT_EQ(moh->of, "sudan");
}

TEST_F(SudanArticleTest, Events) {
  // The headline's هجوم and the body's هاجمت are both attacks; the body's verb carries the details.
  auto it = std::find_if(r_.events.begin(), r_.events.end(), [](const Event& e) { return e.trigger_text == "هاجمت"; });
  ASSERT_NE(it, r_.events.end());
  const Event* attack = &*it;
  EXPECT_EQ(attack->type, EventType::kAttack);
  EXPECT_THAT(attack->agents, ElementsAre("rapid_support_forces"));
  EXPECT_EQ(attack->place, "~Place:كرنقو");
  EXPECT_EQ(attack->time_text, "الأحد");
  EXPECT_EQ(attack->date, (Date{2024, 5, 12}));

  const Event* killed = FindEvent(r_, EventType::kCasualties);
  ASSERT_NE(killed, nullptr);
  EXPECT_EQ(killed->trigger_text, "قتلوا");
  EXPECT_THAT(Figures(*killed), ElementsAre("killed 23 atLeast '23'"));
  EXPECT_EQ(killed->source, "~Person:عمر يحيي دوسه");

  const Event* denial = FindEvent(r_, EventType::kDenial);
  ASSERT_NE(denial, nullptr);
  EXPECT_EQ(denial->trigger_text, "نفت");
  EXPECT_THAT(denial->agents, ElementsAre("rapid_support_forces")) << "the denier, the subject after the verb";

  const Event* appeal = FindEvent(r_, EventType::kAppeal);
  ASSERT_NE(appeal, nullptr);
  EXPECT_THAT(appeal->agents, ElementsAre("who"));
  // The content of the call (وقف القتال) is not an event of its own.
  for (const Event& e : r_.events) EXPECT_NE(e.type, EventType::kCeasefire) << e.trigger_text;

  // The last line's strike: يوم الاثنين before a Tuesday publication.
  const Event* last = &r_.events.back();
  EXPECT_EQ(last->trigger_text, "قصفت");
  EXPECT_EQ(last->date, (Date{2024, 5, 13}));
  EXPECT_EQ(last->place, "~Place:كرنقو");
}

}  // namespace
}  // namespace khabar::extract::testing
