// The extractor on sentences written for these tests (none is taken from the corpora), one test per
// phenomenon of the annotation guidelines (shared/eval/GUIDELINES.md; docs/annotation.md is the
// project's copy). Expected values follow the guidelines, not whatever the extractor happens to output.
#include "khabar/extract/extractor.h"  // first: proves the header is self-contained

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "extractor_fixture.h"

namespace khabar::extract::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using vocab::EntityType;
using vocab::EventType;

// ===================================================================================================
// Mentions: spans

class MentionSpanTest : public ExtractorTest {};

TEST_F(MentionSpanTest, ProcliticsAreExcludedFromTheSpan) {
  // و ف ب ل ك, and two stacked (و + ب): the span starts at the name, after the clitics.
  for (std::string_view s :
       {"وأرمينيا بلد جبلي صغير.", "فأرمينيا لم ترد على الرسالة.", "التقى الوفدان بأرمينيا الشهر الماضي.",
        "أرسلت الحكومة رسالة لأرمينيا.", "لا يوجد بلد كأرمينيا في المنطقة.", "وبأرمينيا جبال عالية."}) {
    SCOPED_TRACE(s);
    ArticleResult r = Run(s);
    ASSERT_THAT(Mentions(r), ElementsAre("أرمينيا|State|armenia"));
    EXPECT_EQ(r.mentions[0].begin, Offset(s, "أرمينيا"));
    EXPECT_EQ(r.mentions[0].end, Offset(s, "أرمينيا") + 7);
    EXPECT_EQ(r.mentions[0].rule, "lexicon");
  }
}

TEST_F(MentionSpanTest, LamLamKeepsTheArticlesLam) {
  // لل = ل + ال: the preposition goes, the article's lam stays in the span.
  const std::string_view s = "وجهت الحكومة رسالة للأمم المتحدة مساء الأحد.";
  ArticleResult r = Run(s);
  ASSERT_THAT(Mentions(r), ElementsAre("لأمم المتحدة|Organization|un"));
  EXPECT_EQ(r.mentions[0].begin, Offset(s, "لأمم المتحدة"));
  // Stacked: و + لل.
  const std::string_view s2 = "وللأمم المتحدة مكتب في المدينة.";
  ArticleResult r2 = Run(s2);
  ASSERT_THAT(Mentions(r2), ElementsAre("لأمم المتحدة|Organization|un"));
  EXPECT_EQ(r2.mentions[0].begin, 2u);
}

TEST_F(MentionSpanTest, OrthographicVariantsMatchAndKeepTheOriginalSpan) {
  struct Case {
    std::string_view sentence, name;
  };
  for (const Case& c : {Case{"وصل الوفد إلى اذربيجان صباحا.", "اذربيجان"},                 // bare alef
                        Case{"وصل الوفد إلى أَذْرَبِيجَانَ صباحا.", "أَذْرَبِيجَانَ"},                 // tashkeel
                        Case{"وصل الوفد إلى أذربيـــجان صباحا.", "أذربيـــجان"},           // tatweel
                        Case{"وصل الوفد إلى أذرب\u200Cيجان صباحا.", "أذرب\u200Cيجان"}}) {  // ZWNJ inside
    SCOPED_TRACE(c.sentence);
    ArticleResult r = Run(c.sentence);
    ASSERT_THAT(Mentions(r), ElementsAre(std::string(c.name) + "|State|azerbaijan"));
    EXPECT_EQ(r.mentions[0].begin, Offset(c.sentence, c.name));
  }
  // ة written as ه in a multi-word name.
  EXPECT_THAT(Mentions("أعلنت منظمة الصحه العالميه ذلك."), ElementsAre("منظمة الصحه العالميه|Organization|who"));
}

// ===================================================================================================
// Mentions: nisba phrases, institutions, forces, capitals

class NisbaMentionTest : public ExtractorTest {};

TEST_F(NisbaMentionTest, GovernmentHeadWithNisbaIsANominalStateMention) {
  ArticleResult r = Run("قالت الحكومة الروسية إن الوضع هادئ.");
  ASSERT_THAT(Mentions(r), ElementsAre("الحكومة الروسية|State|russia"));
  EXPECT_TRUE(r.mentions[0].nominal);

  ArticleResult r2 = Run("واعتقلت السلطات الإيرانية عددا من الصحفيين.");
  ASSERT_THAT(Mentions(r2), ElementsAre("السلطات الإيرانية|State|iran"));
  EXPECT_TRUE(r2.mentions[0].nominal);
}

TEST_F(NisbaMentionTest, ArmyWithNisbaIsANamedArmedForce) {
  ArticleResult r = Run("وتقدم الجيش السوداني نحو الجسر.");
  ASSERT_THAT(Mentions(r), ElementsAre("الجيش السوداني|ArmedForce|sudanese_armed_forces"));
  EXPECT_FALSE(r.mentions[0].nominal) << "a conventional designation of a body is not nominal";

  // A state without a lexicon entry for its army: a derived entity owned by the state.
  ArticleResult r2 = Run("وانسحب الجيش الإثيوبي من البلدة.");
  ASSERT_THAT(Mentions(r2), ElementsAre("الجيش الإثيوبي|ArmedForce|ethiopia_armed_forces"));
  EXPECT_EQ(r2.mentions[0].of, "ethiopia");
  EXPECT_FALSE(r2.mentions[0].nominal);
}

TEST_F(NisbaMentionTest, PersonnelHeadWithNisbaIsANominalArmedForce) {
  ArticleResult r = Run("وقال الجنود الروس إن الطريق مغلق.");
  ASSERT_THAT(Mentions(r), ElementsAre("الجنود الروس|ArmedForce|russia_armed_forces"));
  EXPECT_TRUE(r.mentions[0].nominal);
}

TEST_F(NisbaMentionTest, InstitutionsAreOneSpan) {
  ArticleResult nisba = Run("وقالت وزارة الخارجية التركية إن الوفد غادر.");
  ASSERT_THAT(Mentions(nisba), ElementsAre("وزارة الخارجية التركية|Organization|turkey_mfa"));
  EXPECT_EQ(nisba.mentions[0].subtype, "Ministry");
  EXPECT_EQ(nisba.mentions[0].of, "turkey");

  EXPECT_THAT(Mentions("وأعلنت وزارة الدفاع في روسيا أن الوحدة انسحبت."),
              ElementsAre("وزارة الدفاع في روسيا|Organization|russia_mod"));
  EXPECT_THAT(Mentions("وقالت وزارة خارجية أرمينيا إن الوفد وصل."),
              ElementsAre("وزارة خارجية أرمينيا|Organization|armenia_mfa"));
  // The same institution written two ways is one entity.
  EXPECT_THAT(Mentions("وقالت وزارة الصحة في السودان إن المستشفى أغلق."),
              ElementsAre("وزارة الصحة في السودان|Organization|sudan_moh"));
  // A lexicon institution inside a longer name is not annotated separately.
  EXPECT_THAT(Mentions("وعقد مجلس الأمن التابع للأمم المتحدة جلسة طارئة."),
              ElementsAre("مجلس الأمن التابع للأمم المتحدة|Organization|un_security_council"));
}

TEST_F(NisbaMentionTest, Peacekeepers) {
  ArticleResult r = Run("وانتشرت قوات حفظ السلام الروسية على الطريق.");
  ASSERT_THAT(Mentions(r), ElementsAre("قوات حفظ السلام الروسية|ArmedForce|russian_peacekeepers"));
  EXPECT_EQ(r.mentions[0].subtype, "Peacekeepers");

  ArticleResult r2 = Run("وانتشرت قوات حفظ السلام الكينية في المدينة.");
  ASSERT_THAT(Mentions(r2), ElementsAre("قوات حفظ السلام الكينية|ArmedForce|kenya_peacekeepers"));
  EXPECT_EQ(r2.mentions[0].subtype, "Peacekeepers");
  EXPECT_EQ(r2.mentions[0].of, "kenya");
}

TEST_F(NisbaMentionTest, CapitalMetonymy) {
  // A capital speaking is its state; a capital one travels to is a place.
  ArticleResult says = Run("قالت موسكو إن الاتصالات مستمرة.");
  ASSERT_THAT(Mentions(says), ElementsAre("موسكو|State|russia"));
  EXPECT_EQ(says.mentions[0].rule, "capital-metonymy");

  ArticleResult to = Run("وصل الوفد إلى موسكو مساء.");
  ASSERT_THAT(Mentions(to), ElementsAre("موسكو|Place|moscow"));
  EXPECT_EQ(to.mentions[0].subtype, "City");

  EXPECT_THAT(Mentions("عقد الاجتماع في موسكو."), ElementsAre("موسكو|Place|moscow"));
  EXPECT_THAT(Mentions("عاد الوفد من الخرطوم."), ElementsAre("الخرطوم|Place|khartoum"));
  EXPECT_THAT(Mentions("ورفضت الخرطوم الاتهامات."), ElementsAre("الخرطوم|State|sudan"));
  EXPECT_THAT(Mentions("وعقد الاجتماع بموسكو."), ElementsAre("موسكو|Place|moscow")) << "ب is locative too";
}

// ===================================================================================================
// Mentions: people and places the lexicon does not name

class RuleMentionTest : public ExtractorTest {};

TEST_F(RuleMentionTest, PersonAfterATitleWithItsRole) {
  const std::string_view s = "وقال المتحدث باسم الكرملين سيرافيم دولغوف إن الوضع هادئ.";
  ArticleResult r = Run(s);
  ASSERT_THAT(Mentions(r),
              ElementsAre("الكرملين|Organization|kremlin", "سيرافيم دولغوف|Person|~Person:سيرافيم دولغوف"));
  EXPECT_EQ(r.mentions[1].rule, "title");
  EXPECT_EQ(r.mentions[1].begin, Offset(s, "سيرافيم"));
  EXPECT_THAT(Roles(r), ElementsAre("سيرافيم دولغوف|المتحدث باسم الكرملين|kremlin"));
}

TEST_F(RuleMentionTest, PersonAfterATitleWithANisbaOwner) {
  ArticleResult r = Run("وقال وزير الخارجية الليبي عبد الله الخطيب إن الاجتماع كان مثمرا.");
  EXPECT_THAT(Mentions(r), ElementsAre("عبد الله الخطيب|Person|~Person:عبد الله الخطيب"))
      << "the title (with its nisba) is excluded and is not an institution mention";
  EXPECT_THAT(Roles(r), ElementsAre("عبد الله الخطيب|وزير الخارجية الليبي|libya"));
}

TEST_F(RuleMentionTest, PersonAfterATitleWithAStateOwner) {
  ArticleResult r = Run("قال رئيس وزراء أرمينيا كارين سركيسيان إن الحدود مغلقة.");
  ASSERT_THAT(Mentions(r), ElementsAre("أرمينيا|State|armenia", "كارين سركيسيان|Person|~Person:كارين سركيسيان"));
  EXPECT_THAT(Roles(r), ElementsAre("كارين سركيسيان|رئيس وزراء أرمينيا|armenia"));
}

TEST_F(RuleMentionTest, PersonInApposition) {
  const std::string_view s = "وقالت سلمى حداد، المتحدثة باسم الكرملين، إن الوضع هادئ.";
  ArticleResult r = Run(s);
  ASSERT_THAT(Mentions(r), ElementsAre("سلمى حداد|Person|~Person:سلمي حداد", "الكرملين|Organization|kremlin"));
  EXPECT_EQ(r.mentions[0].rule, "apposition");
  EXPECT_EQ(r.mentions[0].begin, Offset(s, "سلمى"));
  EXPECT_THAT(Roles(r), ElementsAre("سلمى حداد|المتحدثة باسم الكرملين|kremlin"));
}

TEST_F(RuleMentionTest, PersonAfterAReportingVerb) {
  ArticleResult r = Run("وقال كمال الدين عثمان إن القافلة وصلت.");
  ASSERT_THAT(Mentions(r), ElementsAre("كمال الدين عثمان|Person|~Person:كمال الدين عثمان"));
  EXPECT_EQ(r.mentions[0].begin, 5u);
  EXPECT_EQ(r.mentions[0].rule, "reporting-verb");
  EXPECT_THAT(Roles(r), IsEmpty());
  EXPECT_THAT(Mentions("وقالت هالة يوسف إن الطريق مغلق."), ElementsAre("هالة يوسف|Person|~Person:هاله يوسف"));
}

TEST_F(RuleMentionTest, SurnameAloneLaterIsTheSamePerson) {
  const std::string_view s =
      "قالت وزيرة الخارجية ليلى منصوري إن المعبر مفتوح. ولمنصوري تاريخ طويل في العمل الدبلوماسي.";
  ArticleResult r = Run(s);
  const Mention* full = FindMention(r, "ليلى منصوري");
  ASSERT_NE(full, nullptr);
  EXPECT_THAT(Roles(r), ElementsAre("ليلى منصوري|وزيرة الخارجية|"));
  const Mention* last = FindMention(r, "منصوري");
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->entity, full->entity);
  EXPECT_EQ(last->begin, Offset(s, "منصوري", 1)) << "و and ل are outside the span";
}

TEST_F(RuleMentionTest, PlacesAfterAClassifierExcludeIt) {
  const std::string_view s = "وصلت المساعدات إلى قرية أم سيالة وبلدة كرنوي قرب الحدود.";
  ArticleResult r = Run(s);
  ASSERT_THAT(Mentions(r), ElementsAre("أم سيالة|Place|~Place:ام سياله", "كرنوي|Place|~Place:كرنوي"));
  EXPECT_EQ(r.mentions[0].begin, Offset(s, "أم سيالة"));
  EXPECT_EQ(r.mentions[0].subtype, "Village");
  EXPECT_EQ(r.mentions[0].rule, "classifier");
  EXPECT_EQ(r.mentions[1].subtype, "City");
  EXPECT_EQ(r.mentions[1].begin, Offset(s, "كرنوي"));
}

TEST_F(RuleMentionTest, ATimeOfDayAfterAPlaceIsNoPartOfItsName) {
  EXPECT_THAT(Mentions("قصفت طائرات مسيرة مدينة زلفاتين ليل الاثنين."), ElementsAre("زلفاتين|Place|~Place:زلفاتين"));
  EXPECT_THAT(Mentions("وصل النازحون إلى بلدة كرنوي صباح اليوم."), ElementsAre("كرنوي|Place|~Place:كرنوي"));
}

TEST_F(RuleMentionTest, AnIndefiniteClassifierTakesADefiniteNameAndNamesBuiltOnANoun) {
  // مخيم الزهيرات: an idafa, the name keeps its article (العاصمة الأمريكية would be an adjective);
  // دير الصفصاف، كرم أبو طريف: the word after دير/أبو is part of the name; شرقي is a direction, not a name.
  // (Invented names: real ones are in the lexicon.)
  EXPECT_THAT(Mentions("غارات على مخيم الزهيرات وحي القرنفلية شرقي المدينة."),
              ElementsAre("الزهيرات|Place|~Place:الزهيرات", "القرنفلية|Place|~Place:القرنفليه"));
  EXPECT_THAT(Mentions("نزحوا إلى مدينة دير الصفصاف عبر معبر كرم أبو طريف."),
              ElementsAre("دير الصفصاف|Place|~Place:دير الصفصاف", "كرم أبو طريف|Place|~Place:كرم ابو طريف"));
}

TEST_F(RuleMentionTest, ANameAfterATitleStopsBeforeTheObject) {
  ArticleResult r = Run("ودعا رئيس الوزراء اللبناني سليم عواضة المجتمع الدولي إلى التحرك.");
  const Mention* m = FindMention(r, "سليم عواضة");
  ASSERT_NE(m, nullptr) << ::testing::PrintToString(Mentions(r));
  EXPECT_EQ(m->type, EntityType::kPerson);
}

TEST_F(RuleMentionTest, ARuleFoundNameEndingWithALexiconPersonIsThatPerson) {
  // خارجيته: a title word with a pronoun; the rule's span must not swallow the known name after it.
  EXPECT_THAT(Mentions("وقال الرئيس الأمريكي دونالد ترامب ووزير خارجيته ماركو روبيو إن المحادثات مثمرة."),
              ElementsAre("دونالد ترامب|Person|donald_trump", "ماركو روبيو|Person|marco_rubio"));
}

TEST_F(RuleMentionTest, ClassifierBeforeALexiconPlaceKeepsTheLexiconEntity) {
  EXPECT_THAT(Mentions("وتعرضت مدينة الفاشر للقصف."), ElementsAre("الفاشر|Place|el_fasher"));
}

// ===================================================================================================
// Mentions: precision

class PrecisionTest : public ExtractorTest {};

TEST_F(PrecisionTest, MonthNamesAreNotMentions) {
  EXPECT_THAT(Mentions("وفي أكتوبر ونوفمبر تراجع عدد الزوار."), IsEmpty());
  EXPECT_THAT(Mentions("وقال إن مارس كان شهرا صعبا."), IsEmpty());
  EXPECT_THAT(Mentions("وفي أيلول وتشرين الأول هدأ الوضع."), IsEmpty());
}

TEST_F(PrecisionTest, BareCommonNounsAreNotMentions) {
  EXPECT_THAT(Mentions("وقالت مصادر إن الأمن مستتب في المدينة."), IsEmpty());
  EXPECT_THAT(Mentions("وانتشر الجيش في الشوارع وأغلقت السلطات الطرق."), IsEmpty());
  EXPECT_THAT(Mentions("وقالت الوزارة إن المنطقة هادئة."), IsEmpty());
}

TEST_F(PrecisionTest, AFirstNameAloneIsNotAMention) {
  // The lexicon knows نيكول باشينيان; نيكول alone names nobody.
  EXPECT_THAT(Mentions("وقال نيكول إن الرحلة طويلة."), IsEmpty());
  EXPECT_THAT(Mentions("ووصل فلاديمير إلى المطار."), IsEmpty());
}

TEST_F(PrecisionTest, NothingInEmptyOrPunctuationOnlyText) {
  EXPECT_THAT(Run("").mentions, IsEmpty());
  EXPECT_THAT(Run("").events, IsEmpty());
  EXPECT_THAT(Run("... ، ؟ !\n\n").mentions, IsEmpty());
  EXPECT_THAT(Run("\uFFFD\uFFFD نص \uFFFD").mentions, IsEmpty());
}

// ===================================================================================================
// Events

class EventTest : public ExtractorTest {};

TEST_F(EventTest, VerbAndNounTriggersWithTheirInflections) {
  EXPECT_THAT(Events("فرّ السكان من القرية."), ElementsAre("فرّ|Displacement"));
  EXPECT_THAT(Events("فروا من القرية ليلا."), ElementsAre("فروا|Displacement"));
  EXPECT_THAT(Events("يفرون من البلدة كل يوم."), ElementsAre("يفرون|Displacement"));
  EXPECT_THAT(Events("وتواصل فرار المدنيين من البلدة."), ElementsAre("فرار|Displacement"));
  EXPECT_THAT(Events("قصفت الطائرات السوق."), ElementsAre("قصفت|Attack"));
  EXPECT_THAT(Events("ويقصفون الأحياء كل ليلة."), ElementsAre("يقصفون|Attack"));
  EXPECT_THAT(Events("اتهمت الحكومة المتمردين بالتخريب."), ElementsAre("اتهمت|Accusation"));
  EXPECT_THAT(Events("ويتهم الجيش المتمردين بالتخريب."), ElementsAre("يتهم|Accusation"));
  EXPECT_THAT(Events("اشتبك الطرفان قرب الجسر."), ElementsAre("اشتبك|MilitaryOperation"));
  EXPECT_THAT(Events("وبدأت مفاوضات جديدة بين الطرفين."), ElementsAre("مفاوضات|Negotiation"));
}

TEST_F(EventTest, TriggerSpanExcludesProclitics) {
  ArticleResult r = Run("وقصفت الطائرات السوق.");
  ASSERT_THAT(Events(r), ElementsAre("قصفت|Attack"));
  EXPECT_EQ(r.events[0].begin, 1u);
  const std::string_view s = "وقالت المصادر إن السكان فروا، وبالهجوم الأخير تضررت البلدة.";
  ArticleResult r2 = Run(s);
  const Event* attack = FindEvent(r2, EventType::kAttack);  // an attack on a target (GUIDELINES §4)
  ASSERT_NE(attack, nullptr);
  EXPECT_EQ(attack->trigger_text, "الهجوم");
  EXPECT_EQ(attack->begin, Offset(s, "الهجوم"));
}

TEST_F(EventTest, CasualtyFigureWithQualifier) {
  const std::string_view s = "قتل ما لا يقل عن 35 شخصا في الهجوم على السوق.";
  ArticleResult r = Run(s);
  const Event* e = FindEvent(r, EventType::kCasualties);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->trigger_text, "قتل");
  EXPECT_THAT(Figures(*e), ElementsAre("killed 35 atLeast '35'"));
  EXPECT_EQ(e->figures[0].begin, Offset(s, "35"));
}

TEST_F(EventTest, NumbersWithMultipliersAndNumberWords) {
  ArticleResult thousands = Run("نزح 100 ألف شخص من الولاية.");
  ASSERT_THAT(Events(thousands), ElementsAre("نزح|Displacement"));
  EXPECT_THAT(Figures(thousands.events[0]), ElementsAre("displaced 100000 exact '100 ألف'"));

  ArticleResult indic = Run("قتل ٣٥ شخصا في القصف.");
  const Event* killed = FindEvent(indic, EventType::kCasualties);
  ASSERT_NE(killed, nullptr);
  EXPECT_THAT(Figures(*killed), ElementsAre("killed 35 exact '٣٥'"));

  ArticleResult words = Run("نزح سبعة آلاف شخص من المنطقة.");
  ASSERT_THAT(Events(words), ElementsAre("نزح|Displacement"));
  EXPECT_THAT(Figures(words.events[0]), ElementsAre("displaced 7000 exact 'سبعة آلاف'"));

  ArticleResult about = Run("وأصيب نحو 200 شخص بجروح.");
  const Event* injured = FindEvent(about, EventType::kCasualties);
  ASSERT_NE(injured, nullptr);
  EXPECT_THAT(Figures(*injured), ElementsAre("injured 200 about '200'"));
}

TEST_F(EventTest, VagueQuantitiesGiveNoFigure) {
  // GUIDELINES.md: عشرات, مئات, آلاف give no figure (آلاف is a multiplier only after a number).
  for (std::string_view s :
       {"نزح آلاف الأشخاص من المدينة.", "نزح عشرات الأشخاص من المدينة.", "نزح مئات المدنيين من المدينة."}) {
    SCOPED_TRACE(s);
    ArticleResult r = Run(s);
    ASSERT_THAT(Events(r), ElementsAre("نزح|Displacement"));
    EXPECT_THAT(r.events[0].figures, IsEmpty());
  }
}

TEST_F(EventTest, YearsAndPercentagesAreNotFigures) {
  ArticleResult r = Run("نزح السكان في عام 2023 بنسبة 40% من القرية.");
  ASSERT_THAT(Events(r), ElementsAre("نزح|Displacement"));
  EXPECT_THAT(r.events[0].figures, IsEmpty());
}

TEST_F(EventTest, FutureAndNegatedEventsAreNotAsserted) {
  EXPECT_THAT(Events("سوف يقصف الجيش المدينة."), IsEmpty());
  EXPECT_THAT(Events("لم يقصف الجيش المدينة."), IsEmpty());
  EXPECT_THAT(Events("لن يفر السكان من القرية."), IsEmpty());
}

TEST_F(EventTest, PurposeClauseIsNotAnEvent) {
  ArticleResult r = Run("وصل الوفد لإجراء محادثات مع الحكومة.");
  EXPECT_EQ(FindEvent(r, EventType::kNegotiation), nullptr);
}

TEST_F(EventTest, SourceOfAReportedFigure) {
  ArticleResult r = Run("وقالت وزارة الصحة السودانية إن 40 شخصا قتلوا في القصف.");
  const Event* e = FindEvent(r, EventType::kCasualties);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source, "sudan_moh");
  EXPECT_THAT(Figures(*e), ElementsAre("killed 40 exact '40'"));
}

TEST_F(EventTest, SpeechActAgentIsTheSpeaker) {
  ArticleResult r = Run("وأدانت وزارة الخارجية التركية القصف.");
  const Event* e = FindEvent(r, EventType::kCondemnation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("turkey_mfa"));
  EXPECT_TRUE(e->source.empty()) << "the speaker is the agent, not a source";
}

TEST_F(EventTest, RelativeTimesResolveAgainstThePublicationDate) {
  const Date published{2023, 9, 30};  // a Saturday
  ArticleResult monday = Run("قصفت الطائرات السوق يوم الاثنين.", published);
  ASSERT_THAT(Events(monday), ElementsAre("قصفت|Attack"));
  EXPECT_EQ(monday.events[0].time_text, "يوم الاثنين");
  EXPECT_EQ(monday.events[0].date, (Date{2023, 9, 25}));
  EXPECT_FALSE(monday.events[0].date_to.has_value());

  ArticleResult yesterday = Run("قصفت الطائرات السوق أمس.", published);
  ASSERT_THAT(Events(yesterday), ElementsAre("قصفت|Attack"));
  EXPECT_EQ(yesterday.events[0].time_text, "أمس");
  EXPECT_EQ(yesterday.events[0].date, (Date{2023, 9, 29}));

  ArticleResult last_week = Run("نزح السكان الأسبوع الماضي.", published);
  ASSERT_THAT(Events(last_week), ElementsAre("نزح|Displacement"));
  EXPECT_EQ(last_week.events[0].time_text, "الأسبوع الماضي");
  EXPECT_EQ(last_week.events[0].date, (Date{2023, 9, 18})) << "Monday of the previous week";
  EXPECT_EQ(last_week.events[0].date_to, (Date{2023, 9, 24}));

  ArticleResult month = Run("فر السكان في أغسطس.", published);
  ASSERT_THAT(Events(month), ElementsAre("فر|Displacement"));
  EXPECT_EQ(month.events[0].date, (Date{2023, 8, 1}));
  EXPECT_EQ(month.events[0].date_to, (Date{2023, 8, 31}));
}

TEST_F(EventTest, NoDateWithoutAPublicationDate) {
  for (std::string_view s : {"قصفت الطائرات السوق يوم الاثنين.", "قصفت الطائرات السوق أمس.",
                             "نزح السكان الأسبوع الماضي.", "فر السكان في أغسطس."}) {
    SCOPED_TRACE(s);
    ArticleResult r = Run(s);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_FALSE(r.events[0].time_text.empty()) << "the time is still recorded as written";
    EXPECT_FALSE(r.events[0].date.has_value());
    EXPECT_FALSE(r.events[0].date_to.has_value());
  }
}

TEST_F(EventTest, ExplicitYearNeedsNoPublicationDate) {
  ArticleResult r = Run("فر السكان في سبتمبر 2023.");
  ASSERT_THAT(Events(r), ElementsAre("فر|Displacement"));
  EXPECT_EQ(r.events[0].date, (Date{2023, 9, 1}));
  EXPECT_EQ(r.events[0].date_to, (Date{2023, 9, 30}));
}

// ===================================================================================================
// The extractor itself

TEST(ExtractorCreateTest, RefusesALexiconWithoutTheGrammarLists) {
  ontology::Lexicon lexicon;
  ASSERT_TRUE(lexicon
                  .LoadString("<lexicon><entity id=\"x\" type=\"Place\" en=\"X\"><form>س</form></entity>"
                              "<wordlist name=\"title\"><w>وزير</w></wordlist></lexicon>",
                              "small.xml")
                  .ok());
  std::unique_ptr<Extractor> ex;
  Status s = Extractor::Create(lexicon, &ex);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), ::testing::HasSubstr("reporting_verb"));
  EXPECT_EQ(ex, nullptr);
}

class ExtractorDeterminismTest : public ExtractorTest {};

TEST_F(ExtractorDeterminismTest, SameInputSameResult) {
  const std::string_view s =
      "وقال المتحدث باسم الجيش السوداني نبيل عبد الرحيم إن 12 شخصا قتلوا في قصف على قرية كرنقو أمس.";
  ArticleResult a = Run(s, Date{2024, 5, 14});
  ArticleResult b = Run(s, Date{2024, 5, 14});
  EXPECT_EQ(Mentions(a), Mentions(b));
  EXPECT_EQ(Events(a), Events(b));
  EXPECT_EQ(Roles(a), Roles(b));
  EXPECT_THAT(Mentions(a),
              IsSupersetOf({"الجيش السوداني|ArmedForce|sudanese_armed_forces",
                            "نبيل عبد الرحيم|Person|~Person:نبيل عبد الرحيم", "كرنقو|Place|~Place:كرنقو"}));
}

// Agents: sentences written for these tests (Sudan, Ukraine), one phenomenon each.
class AgentTest : public ExtractorTest {};

TEST_F(AgentTest, ForceWithAPossessivePronounIsTheArmedForceOfTheStateBeforeIt) {
  ArticleResult r = Run("وأعلنت وزارة الدفاع السودانية أن قواتها سيطرت على مدينة ود مدني.");
  const Event* e = FindEvent(r, EventType::kMilitaryOperation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("sudanese_armed_forces")) << "قواتها: the ministry's state's forces";
}

TEST_F(AgentTest, AnAttackFromAnActorNamesItsAgent) {
  ArticleResult r = Run("وقالت السلطات إن المدينة تعرضت لقصف عنيف من قوات الدعم السريع.");
  const Event* e = FindEvent(r, EventType::kAttack);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("rapid_support_forces"));
}

TEST_F(AgentTest, TheGenitiveOfANounNeverCrossesAPreposition) {
  ArticleResult r = Run("شنت روسيا هجوما على أوكرانيا.");
  const Event* e = FindEvent(r, EventType::kMilitaryOperation);  // an attack on a country: an offensive
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("russia")) << "أوكرانيا after على is the target";
}

TEST_F(AgentTest, TheTitledPersonAfterLamIsTheAddresseeNotTheSpeaker) {
  ArticleResult r =
      Run("قال وزير الخارجية الأمريكي أنتوني بلينكن إن الوضع خطير. وقال لمراسل قناة الجزيرة، أحمد سالم: "
          "“إدانة كاملة للقصف”.");
  const Event* e = FindEvent(r, EventType::kCondemnation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("antony_blinken"));
}

TEST_F(AgentTest, AVerbAgreesWithItsSubjectInGender) {
  // دعا: the alef belongs to the root; the verb is masculine and أذربيجان (feminine) is its object.
  ArticleResult peskov = Run("قال دميتري بيسكوف إن الوضع خطير، ودعا أذربيجان إلى وقف القتال.");
  const Event* appeal = FindEvent(peskov, EventType::kAppeal);
  ASSERT_NE(appeal, nullptr);
  EXPECT_THAT(appeal->agents, ElementsAre("dmitry_peskov"));
  // طالبت (feminine) cannot have مجلس الأمن (masculine head) as its subject; طالب can.
  ArticleResult object = Run("رفضت أرمينيا الاتهامات، وطالبت مجلس الأمن الدولي بعقد جلسة طارئة.");
  appeal = FindEvent(object, EventType::kAppeal);
  ASSERT_NE(appeal, nullptr);
  EXPECT_THAT(appeal->agents, ElementsAre("armenia"));
  ArticleResult subject = Run("وطالب مجلس الأمن الدولي بعقد جلسة طارئة.");
  appeal = FindEvent(subject, EventType::kAppeal);
  ASSERT_NE(appeal, nullptr);
  EXPECT_THAT(appeal->agents, ElementsAre("un_security_council"));
}

TEST_F(AgentTest, ARelativeClauseDoesNotChangeTheDiscourseSubject) {
  ArticleResult r =
      Run("قالت أوكرانيا إن الوضع صعب. وتحدثت عن قصف من قبل روسيا يستهدف المدنيين، ونفت أن تكون قواتها انسحبت.");
  const Event* e = FindEvent(r, EventType::kDenial);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("ukraine")) << "يستهدف's subject is the shelling by Russia";
}

TEST_F(AgentTest, ThePlaceOfAnExodusIsWherePeopleFledFromNotWhereTheyWent) {
  ArticleResult r = Run("وقال مسؤول إن سكان كردفان فروا إلى تشاد.");
  const Event* e = FindEvent(r, EventType::kDisplacement);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->place, "kordofan");
}

// Agents from clause structure: relative clauses, coordination inside a reported clause, echoes, and
// first-person appeals. Sentences written for these tests.
class ClauseAgentTest : public ExtractorTest {
 protected:
  // The event of that type whose trigger text is `trigger`, or nullptr.
  static const Event* EventAt(const ArticleResult& r, EventType type, std::string_view trigger) {
    for (const Event& e : r.events) {
      if (e.type == type && e.trigger_text == trigger) return &e;
    }
    return nullptr;
  }
};

TEST_F(ClauseAgentTest, AVerbCoordinatedWithANounsRelativeClauseSharesItsDoer) {
  ArticleResult r = Run("أجلت روسيا المدنيين بعد العملية العسكرية التي أطلقتها تركيا وسيطرت خلالها على عدة قرى.");
  const Event* e = EventAt(r, EventType::kMilitaryOperation, "سيطرت");
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("turkey")) << "not روسيا, the subject of the main clause";
}

TEST_F(ClauseAgentTest, AnIndefiniteNounsRelativeClauseNamesAMediatorBesideTheParties) {
  ArticleResult r = Run("انتهت الحرب بهدنة توسطت فيها فرنسا بين أرمينيا وأذربيجان.");
  const Event* e = FindEvent(r, EventType::kCeasefire);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("france", "armenia", "azerbaijan"));
}

TEST_F(ClauseAgentTest, ARelativeClauseWithoutAPronounBackToTheNounNamesItsTargetNotItsDoer) {
  // The noun is the verb's subject (the attack targets Armenia): أرمينيا is no agent.
  for (const char* text : {"وقع هجوم يستهدف أرمينيا قرب الحدود.", "ندد المسؤولون بالهجوم الذي استهدف أرمينيا."}) {
    ArticleResult r = Run(text);
    const Event* e = FindEvent(r, EventType::kAttack);
    ASSERT_NE(e, nullptr) << text;
    EXPECT_THAT(e->agents, ::testing::Not(::testing::Contains("armenia"))) << text;
  }
  ArticleResult r = Run("ندد المسؤولون بالهجوم الذي شنته أذربيجان.");
  const Event* e = FindEvent(r, EventType::kAttack);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("azerbaijan")) << "شنته: the pronoun is the noun, the actor its doer";
}

TEST_F(ClauseAgentTest, AVerbCoordinatedInsideAReportedClauseHasThatClausesSubject) {
  ArticleResult r = Run("قال أنطونيو غوتيريش إن الولايات المتحدة تشعر بقلق عميق وتدعو إلى وقف القتال.");
  const Event* e = FindEvent(r, EventType::kAppeal);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("united_states")) << "the speaker reports the appeal; the US makes it";
}

TEST_F(ClauseAgentTest, ThoseWhoEchoAStatementMadeItToo) {
  ArticleResult r =
      Run("وقال الرئيس الفرنسي إيمانويل ماكرون: “ندين الهجوم بشدة”، وهو الموقف الذي ردده الاتحاد الأوروبي "
          "وحلف شمال الأطلسي.");
  const Event* e = FindEvent(r, EventType::kCondemnation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("emmanuel_macron", "eu", "nato"));
  // "وهو ما نفته روسيا": a denial is no echo.
  ArticleResult denied = Run("وقال ماكرون: “ندين الهجوم بشدة”، وهو ما نفته روسيا.");
  e = FindEvent(denied, EventType::kCondemnation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("emmanuel_macron"));
}

TEST_F(ClauseAgentTest, AFirstPersonAppealIsTheSpeakersNotItsAddressees) {
  ArticleResult r = Run("وقال بوتين: “نتوقع أن يتخذ مجلس الأمن الدولي إجراءات”.");
  const Event* e = FindEvent(r, EventType::kAppeal);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("vladimir_putin"));
}

TEST_F(ClauseAgentTest, AnotherMeetingOfTheSameTalksHasTheSameParties) {
  ArticleResult r = Run("بدأت المحادثات بين أرمينيا وأذربيجان في بروكسل بعد الاجتماع الافتتاحي الأسبوع الماضي.");
  const Event* talks = EventAt(r, EventType::kNegotiation, "المحادثات");
  const Event* meeting = EventAt(r, EventType::kNegotiation, "الاجتماع");
  ASSERT_NE(talks, nullptr);
  ASSERT_NE(meeting, nullptr);
  EXPECT_THAT(talks->agents, ElementsAre("armenia", "azerbaijan"));
  EXPECT_THAT(meeting->agents, ElementsAre("armenia", "azerbaijan"));
}

TEST_F(ClauseAgentTest, StatesPeopleComeFromAreNotWhereTheEventHappened) {
  ArticleResult r = Run("واجتمع مبعوثون من أرمينيا وأذربيجان، يوم الثلاثاء، في بروكسل لإجراء محادثات.");
  const Event* e = FindEvent(r, EventType::kNegotiation);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->place, "brussels");
  // Displacement keeps its origin: من X is where people fled from.
  ArticleResult fled = Run("فر آلاف المدنيين من أذربيجان إلى جورجيا.");
  e = FindEvent(fled, EventType::kDisplacement);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->place, "azerbaijan");
}

TEST_F(ClauseAgentTest, TheActorOfAnAsideIsNotTheNounsAgent) {
  ArticleResult r = Run("وقال مسؤول إن قوات الدعم السريع، التي لا تتبع الجيش السوداني، تبدي مقاومة عنيفة.");
  const Event* e = FindEvent(r, EventType::kMilitaryOperation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("rapid_support_forces")) << "not the army named inside the aside";
}

TEST_F(ClauseAgentTest, ABareTitleIsThePersonTheArticleNamedWithIt) {
  ArticleResult r =
      Run("ودعا الأمين العام للأمم المتحدة أنطونيو غوتيريش إلى وقف القتال.\n"
          "وقال المتحدث ستيفان دوجاريك إن \"الأمين العام يطالب بحماية المدنيين\".");
  const Event* e = nullptr;
  for (const Event& ev : r.events) {
    if (ev.type == EventType::kAppeal && ev.trigger_text == "يطالب") e = &ev;
  }
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("antonio_guterres")) << "the spokesman reports it: he is the source";
  EXPECT_EQ(e->source, "stephane_dujarric");
}

TEST_F(ClauseAgentTest, AnInstrumentsNisbaNamesTheAttacker) {
  ArticleResult r = Run("أصيب خمسة مدنيين في هجوم بطائرات مسيرة روسية على مدينة زلفاتين.");
  const Event* e = FindEvent(r, EventType::kAttack);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("russia"));
}

TEST_F(ClauseAgentTest, ADatelineIsWhereTheReportWasFiledNotWhereItHappened) {
  ArticleResult r = Run("الخرطوم (أ ف ب) - قتل أكثر من 40 شخصا في قصف استهدف سوقا في مدينة الفاشر.");
  const Event* e = FindEvent(r, EventType::kCasualties);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->place, "el_fasher");
}

TEST_F(ClauseAgentTest, TalksBetweenAKnownPartyAndAnUnnamedOneHaveTheKnownParty) {
  ArticleResult r = Run("استؤنفت المحادثات بين وفدي الجيش وقوات الدعم السريع في جدة.");
  const Event* e = FindEvent(r, EventType::kNegotiation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("rapid_support_forces"));
}

TEST_F(ClauseAgentTest, CommitteesAreNoRefugeAndResistanceCommitteesNoResistance) {
  ArticleResult r = Run("بحسب ما أفادت لجان المقاومة المحلية في مدينة الفاشر.");
  EXPECT_THAT(Events(r), IsEmpty());
}

TEST_F(ClauseAgentTest, ThePronounOnInnaIsTheSpeaker) {
  ArticleResult r = Run("وقال الجيش السوداني في بيان إنه استهدف مواقع لقوات الدعم السريع.");
  const Event* e = FindEvent(r, EventType::kAttack);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("sudanese_armed_forces"));
}

TEST_F(ClauseAgentTest, DecimalFiguresWithAMultiplier) {
  ArticleResult r = Run("وقالت الأمم المتحدة إن نحو 1.9 مليون شخص نزحوا من منازلهم.");
  const Event* e = FindEvent(r, EventType::kDisplacement);
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->figures.size(), 1u);
  EXPECT_EQ(e->figures[0].value, 1900000);
  ArticleResult comma = Run("وقالت إن 2٫5 مليون شخص نزحوا.");
  e = FindEvent(comma, EventType::kDisplacement);
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->figures.size(), 1u);
  EXPECT_EQ(e->figures[0].value, 2500000) << "٫ is the Arabic decimal separator";
}

TEST_F(ClauseAgentTest, ThePeopleKilledOrDisplacedAreVictimsNotDoers) {
  ArticleResult r = Run("وقال مسؤولون إن 25 فلسطينيا قتلوا في غارة على المخيم.");
  const Event* e = FindEvent(r, EventType::kCasualties);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, IsEmpty());
  EXPECT_THAT(e->patients, ::testing::Contains("palestinians"));
}

TEST_F(ClauseAgentTest, NoInjuriesIsNoCasualtyEvent) {
  ArticleResult r = Run("وأكدت الهيئة وقوع الحادث قرب الحديدة، مشيرة إلى عدم وقوع إصابات.");
  EXPECT_EQ(FindEvent(r, EventType::kCasualties), nullptr);
}

TEST_F(ClauseAgentTest, AfterACoordinatedAccusationTheActorBeforeBiIsTheAccused) {
  ArticleResult r = Run("ورفضت الحكومة اليمنية هذه الهجمات، واتهمت إيران بتزويد الحوثيين بالأسلحة.");
  const Event* e = FindEvent(r, EventType::kAccusation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("yemen"));
  EXPECT_THAT(e->patients, ::testing::Contains("iran"));
}

TEST_F(ClauseAgentTest, CoordinatedActorsBeforeANounAreAllItsAgentsAndNoneItsPlace) {
  ArticleResult r = Run("وردت الولايات المتحدة وبريطانيا بشن غارات جوية على مواقع في محافظة الحديدة.");
  const Event* e = FindEvent(r, EventType::kAttack);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("united_states", "united_kingdom"));
  EXPECT_EQ(e->place, "hodeidah") << "وبريطانيا: و joins, it is no locative";
}

TEST_F(ClauseAgentTest, RocketFireIsAnAttackButACeasefireIsNot) {
  ArticleResult r = Run("وقصفت الطائرات مواقع ردا على إطلاق صواريخ من جنوب لبنان.");
  int attacks = 0;
  for (const Event& e : r.events) attacks += e.type == EventType::kAttack;
  EXPECT_EQ(attacks, 2) << ::testing::PrintToString(Events(r));
  ArticleResult truce = Run("وتم التوصل إلى وقف إطلاق النار أمس.");
  EXPECT_THAT(Events(truce), ElementsAre("وقف إطلاق النار|Ceasefire"));
}

TEST_F(ClauseAgentTest, TheAttackCondemnedRightAfterTheShellingIsNoNewEvent) {
  ArticleResult r = Run("قصفت القوات سوق المدينة. وأدان الاتحاد الأفريقي الهجوم.");
  EXPECT_EQ(FindEvent(r, EventType::kMilitaryOperation), nullptr) << ::testing::PrintToString(Events(r));
  EXPECT_NE(FindEvent(r, EventType::kCondemnation), nullptr);
}

TEST_F(ClauseAgentTest, AidTrucksAreAnAidDelivery) {
  ArticleResult r = Run("ودخلت 80 شاحنة محملة بالمساعدات الإنسانية عبر المعبر يوم الأربعاء.");
  EXPECT_NE(FindEvent(r, EventType::kAidDelivery), nullptr) << ::testing::PrintToString(Events(r));
  ArticleResult trucks = Run("ودخلت 80 شاحنة تجارية عبر المعبر.");
  EXPECT_EQ(FindEvent(trucks, EventType::kAidDelivery), nullptr) << "no aid in the sentence";
}

TEST_F(ClauseAgentTest, AfterANumberTheInFormIsAPluralNotADual) {
  ArticleResult r = Run("أسفر القصف عن إصابة سبعة مدنيين بينهم طفلان.");
  const Event* e = FindEvent(r, EventType::kCasualties);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(Figures(*e), ElementsAre("injured 7 exact 'سبعة'", "other 2 exact 'طفلان'"))
      << "طفلان is a subset; مدنيين after سبعة is no dual";
}

TEST_F(ClauseAgentTest, AWeaponAsSubjectNamesTheAttackerByItsNisba) {
  ArticleResult r = Run("وقصفت طائرات روسية مواقع في محيط مدينة إدلب.");
  const Event* e = FindEvent(r, EventType::kAttack);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("russia"));
}

TEST_F(ClauseAgentTest, AnAppealingParticipleIsTheMainSubjectsAppealToTheActorAfterIt) {
  ArticleResult r = Run("أعلنت تركيا أنها لن تسمح بموجة جديدة، داعية موسكو ودمشق إلى احترام الاتفاق.");
  const Event* e = FindEvent(r, EventType::kAppeal);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("turkey")) << "موسكو is addressed";
}

TEST_F(ClauseAgentTest, AVerbWhoseStemStartsWithTehIsNotFeminineByIt) {
  ArticleResult r = Run("وقالت فرنسا إن الوضع خطير. وتعهد الاتحاد الأوروبي بتقديم 50 مليون يورو للبنان.");
  const Event* e = FindEvent(r, EventType::kPledge);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("eu")) << "تعهد: the ت is the stem's, the verb is masculine";
}

TEST_F(ClauseAgentTest, ACallWithSomeoneHasTheClausesSubjectAsTheOtherParty) {
  ArticleResult r =
      Run("ودعا وزير الخارجية الصيني وانغ يي جميع الأطراف إلى ضبط النفس والامتناع عن أي خطوات أحادية، خلال محادثات "
          "هاتفية مع نظيره الإيراني عباس عراقجي.");
  const Event* e = FindEvent(r, EventType::kNegotiation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("wang_yi", "abbas_araghchi"));
}

// Wire-story patterns met outside the seeds (Sudan, Gaza, Ukraine): visits by arrival, what a blockade
// keeps out, speakers who are not doers, and words that only look like triggers. Sentences written here.
TEST_F(ClauseAgentTest, BaOrKafIsNeverReadAsAProcliticOnAVerb) {
  // وبحث = و + بحث "and discussed", never و + ب + حث "and by urging" (an appeal).
  EXPECT_THAT(Events("والتقى وزير الخارجية الروسي سيرغي لافروف نظيره التركي وبحث معه الوضع في سوريا."),
              ElementsAre("التقى|Negotiation"));
}

TEST_F(ClauseAgentTest, AWordInsideANameConfirmsNoWeakTrigger) {
  // اللاجئين inside the agency's name is no sign of refugees: دخول (weak Displacement) stays unconfirmed.
  EXPECT_THAT(Events("قالت وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين (الأونروا) إن دخول الوقود "
                     "متوقف منذ أسبوع."),
              IsEmpty());
  EXPECT_THAT(Events("وقالت السلطات إن دخول اللاجئين مستمر."), ElementsAre("دخول|Displacement"));
}

TEST_F(ClauseAgentTest, AReportedClauseIsNeitherTheSpeakersDeedNorWhereItWasSaid) {
  ArticleResult r = Run("وقال رئيس البلدية فيتالي كليتشكو في مؤتمر صحفي بكييف إن القصف أسفر عن أضرار كبيرة.");
  const Event* e = EventAt(r, EventType::kAttack, "القصف");
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, IsEmpty()) << "the mayor reports the shelling, he did not shell";
  EXPECT_EQ(e->place, "") << "كييف is where he spoke";
}

TEST_F(ClauseAgentTest, ProtestersAndARelativeClausesSubjectAreNotTheLastSpeaker) {
  ArticleResult r =
      Run("وقال وزير الخارجية الإيراني عباس عراقجي إن بلاده ترفض التهديدات. وتظاهر آلاف الإيرانيين في طهران.");
  const Event* e = FindEvent(r, EventType::kProtest);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("iran_people")) << "the Iranians counted protest, not the minister";
  EXPECT_EQ(e->place, "tehran");
  r =
      Run("وقالت وزارة الدفاع الروسية إن الوضع مستقر. واستقبل الرئيس المصري عبد الفتاح السيسي في القاهرة وزير "
          "الخارجية الإيطالي، الذي تعهد بدعم جهود التهدئة.");
  e = FindEvent(r, EventType::kPledge);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, IsEmpty()) << "the Italian minister pledged (unnamed), not the Russian ministry";
  r = Run("واستقبل الرئيس الفرنسي إيمانويل ماكرون رئيس الوزراء الهندي ناريندرا مودي، الذي تعهد بتوسيع التعاون.");
  e = FindEvent(r, EventType::kPledge);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("narendra_modi"));
}

TEST_F(ClauseAgentTest, ABreachOfTheLawIsNoAttackButACeasefireViolationIs) {
  EXPECT_THAT(Events("ووصفت الحكومة القرار بأنه انتهاك صارخ للقانون الدولي."), IsEmpty());
  EXPECT_THAT(Events("وأكدت المنظمة وقوع انتهاكات جسيمة لحقوق الإنسان."), IsEmpty());
  // The truce breached is in force: a Ceasefire too (as the wire gold annotates خروقاتها لوقف إطلاق النار).
  EXPECT_THAT(Events("وقال الجيش إن القوات المعادية ارتكبت انتهاكات للهدنة."),
              ElementsAre("انتهاكات|Attack", "لهدنة|Ceasefire"));
}

TEST_F(ClauseAgentTest, WhatABlockadeKeepsOutIsNoDelivery) {
  ArticleResult r = Run("وقال مسؤول إن السلطات منعت دخول 30 شاحنة محملة بالمساعدات إلى المدينة.");
  EXPECT_THAT(Events(r), ElementsAre("منعت دخول|Blockade"));
  EXPECT_THAT(Events("ووصلت 30 شاحنة محملة بالمساعدات إلى المدينة."), ElementsAre("شاحنة|AidDelivery"));
}

TEST_F(ClauseAgentTest, AnOfficialsArrivalIsAVisitAndRefugeesArrivalIsNot) {
  ArticleResult r = Run("ووصل وزير الخارجية الأمريكي أنتوني بلينكن إلى القاهرة يوم الأحد.");
  const Event* e = FindEvent(r, EventType::kVisit);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("antony_blinken"));
  EXPECT_EQ(e->place, "cairo");
  EXPECT_THAT(Events("ووصل آلاف اللاجئين إلى أرمينيا."), ElementsAre("وصل|Displacement"));
}

TEST_F(ClauseAgentTest, AnEnvoyWithAnAdjectiveBeforeHisPostingIsNamed) {
  ArticleResult r = Run("وقال المبعوث الأممي الخاص إلى اليمن هانس غروندبرغ إن الوضع خطير.");
  EXPECT_THAT(Roles(r), ElementsAre("هانس غروندبرغ|المبعوث الأممي الخاص إلى اليمن|"));
}

TEST_F(ClauseAgentTest, WhereAVisitorMetSomeoneIsThePlaceBeforeWhere) {
  ArticleResult r = Run("ووصل الرئيس التركي رجب طيب أردوغان إلى عمان، حيث التقى الملك عبد الله الثاني.");
  const Event* e = FindEvent(r, EventType::kNegotiation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, IsSupersetOf({"recep_tayyip_erdogan"}));
  EXPECT_EQ(e->place, "amman");
}

TEST_F(ClauseAgentTest, ANameListedWithItsClassifierIsAnnotatedWithoutIt) {
  // Names that are common words alone are listed with their classifier; the span leaves it out, as for
  // every classifier + name. A classifier that is part of the name stays.
  EXPECT_THAT(Mentions("وقالت قناة المسيرة إن الغارات استهدفت مدينة الأبيض وولاية الجزيرة."),
              ElementsAre("المسيرة|Organization|al_masirah", "الأبيض|Place|el_obeid", "الجزيرة|Place|gezira_state"));
  EXPECT_THAT(Mentions("ونقلت وكالة الأنباء الفرنسية الخبر."), ElementsAre("وكالة الأنباء الفرنسية|Organization|afp"));
}

TEST_F(ClauseAgentTest, MunicipalTitlesAreOwnedByAPlaceAndRoyalTitlesIntroduceAName) {
  ArticleResult r = Run("وقال رئيس بلدية خاركيف إيغور تيريخوف إن انفجارات هزت المدينة.");
  EXPECT_THAT(Roles(r), ElementsAre("إيغور تيريخوف|رئيس بلدية خاركيف|kharkiv"));
  r = Run("والتقى وزير الدفاع السعودي الأمير خالد بن سلمان نظيره الأمريكي.");
  EXPECT_NE(FindMention(r, "خالد بن سلمان"), nullptr);
}

TEST_F(ClauseAgentTest, AServiceOfAStatesForcesIsItsArmedForce) {
  EXPECT_THAT(Mentions("وأعلنت القوات الجوية الأوكرانية إسقاط 20 مسيرة."),
              ElementsAre("القوات الجوية الأوكرانية|ArmedForce|ukraine_armed_forces"));
}

TEST_F(ClauseAgentTest, RaidsAndPhoneCallsAreEvents) {
  EXPECT_THAT(Events("وقال الجيش إن الطائرات الحربية أغارت على مواقع في المنطقة."), ElementsAre("أغارت|Attack"));
  ArticleResult r = Run("وأجرى الرئيس الفرنسي إيمانويل ماكرون اتصالا هاتفيا مع نظيره الإيراني.");
  const Event* e = FindEvent(r, EventType::kNegotiation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("emmanuel_macron"));
}

TEST_F(ClauseAgentTest, ADelegationsSenderIsTheSubject) {
  ArticleResult r = Run("وقالت وزارة الدفاع التركية إن قواتها تقدمت. وزار وفد من الأمم المتحدة مخيم الهول.");
  const Event* e = FindEvent(r, EventType::kVisit);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("un"));
  r = Run("وقالت وزارة الدفاع التركية إن قواتها تقدمت. وزار وفد حكومي مخيم الهول.");
  e = FindEvent(r, EventType::kVisit);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, IsEmpty()) << "an unnamed delegation, not the ministry of the sentence before";
}

TEST_F(ClauseAgentTest, APlaceFrontedAtTheHeadOfTheSentenceIsWhereItHappened) {
  ArticleResult r = Run("وفي الرياض، التقى المبعوث الأممي إلى اليمن هانس غروندبرغ وزير الدفاع السعودي.");
  const Event* e = FindEvent(r, EventType::kNegotiation);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->place, "riyadh") << "اليمن is his posting";
}

TEST_F(ClauseAgentTest, AircraftWithNisbasBeforeAStrikeNounAreItsAttackers) {
  ArticleResult r = Run("وشنت طائرات أمريكية وبريطانية غارات على مواقع في محافظة الحديدة.");
  const Event* e = FindEvent(r, EventType::kAttack);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("united_states", "united_kingdom"));
}

TEST_F(ClauseAgentTest, TheSubjectOfASentenceOpenedByAnyVerbCarriesOn) {
  // رحب is no trigger, but its subject is who appeals next, not the speaker of the sentence before.
  ArticleResult r =
      Run("وقال وزير الخارجية الأمريكي أنتوني بلينكن إن بلاده تدعم أوكرانيا. ورحب الأمين العام لحلف "
          "شمال الأطلسي ينس ستولتنبرغ بالقرار، ودعا الدول الأعضاء إلى زيادة الدعم.");
  const Event* e = EventAt(r, EventType::kAppeal, "دعا");
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("jens_stoltenberg"));
}

TEST_F(ClauseAgentTest, WhatIsPledgedHasNotHappened) {
  EXPECT_THAT(Events("وتعهد الرئيس الأوكراني فولوديمير زيلينسكي بمواصلة القتال حتى استعادة الأراضي."),
              ElementsAre("تعهد|Pledge"));
  EXPECT_THAT(Events("وطالب وزير الخارجية الفرنسي جميع الأطراف بوقف القتال فورا."), ElementsAre("طالب|Appeal"));
  // An agreement with its own date was made: it stays an event inside the call.
  EXPECT_THAT(Events("ودعا الوزير الطرفين إلى الالتزام بوقف إطلاق النار لعام 2020."),
              ElementsAre("دعا|Appeal", "وقف إطلاق النار|Ceasefire"));
}

TEST_F(ClauseAgentTest, AnActorAfterAPrepositionIsNoDoerOfTheNounAfterIt) {
  ArticleResult r = Run("وفر آلاف اللاجئين إلى تشاد منذ بدء الحرب.");
  const Event* e = FindEvent(r, EventType::kMilitaryOperation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, IsEmpty()) << "تشاد is where they fled to";
}

TEST_F(ClauseAgentTest, RefugeesCrossingAndAidDistributedAreEvents) {
  ArticleResult r = Run("وقالت المفوضية إن عدد اللاجئين الذين عبروا الحدود إلى تشاد تجاوز 600 ألف شخص.");
  const Event* e = FindEvent(r, EventType::kDisplacement);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->trigger_text, "عبروا");
  EXPECT_THAT(Events("وعبروا عن قلقهم من الوضع."), IsEmpty()) << "عبروا عن: they expressed";
  EXPECT_THAT(Events("وأوضح برنامج الأغذية العالمي أنه وزع مساعدات غذائية على آلاف الأسر."),
              ElementsAre("وزع|AidDelivery"));
}

TEST_F(ClauseAgentTest, AFormSpelledLikeANisbaIsTheNisba) {
  // تركيه (Türkiye) folds to the same key as تركية (Turkish): Turkish aircraft are no mention of Turkey,
  // and their nisba names the attacker of the verb after them.
  ArticleResult r = Run("وكانت طائرات تركية قد قصفت مواقع في شمال العراق.");
  EXPECT_EQ(FindMention(r, "تركية"), nullptr);
  const Event* e = FindEvent(r, EventType::kAttack);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("turkey"));
}

TEST_F(ClauseAgentTest, ANisbaSurnameNeverStandsAloneForThePerson) {
  ArticleResult r = Run("والتقى محمد شياع السوداني قائد الجيش. وقال الجيش السوداني إن الوضع هادئ.");
  ASSERT_NE(FindMention(r, "محمد شياع السوداني"), nullptr);
  EXPECT_EQ(FindMention(r, "محمد شياع السوداني")->entity, "mohammed_shia_al_sudani");
  const Mention* army = FindMention(r, "الجيش السوداني");
  ASSERT_NE(army, nullptr);
  EXPECT_EQ(army->type, EntityType::kArmedForce);
}

TEST_F(ClauseAgentTest, AnAdjectiveAfterAClassifierIsNoName) {
  EXPECT_THAT(Mentions("وتبنت حركة الشباب الهجوم في بيان نشرته على موقع موال لها."),
              ElementsAre("حركة الشباب|Organization|al_shabaab"));
}

TEST_F(ClauseAgentTest, ACounterpartIsATitle) {
  ArticleResult r = Run("وقال فيدان في مؤتمر صحفي مع نظيره المصري بدر عبد العاطي إن المحادثات مثمرة.");
  EXPECT_THAT(Roles(r), ElementsAre("بدر عبد العاطي|نظيره المصري|egypt"));
}

TEST_F(ClauseAgentTest, RaidsAreOperationsOfTheForcesNotOfTheirCaptives) {
  ArticleResult r = Run("واعتقلت القوات الإسرائيلية 20 فلسطينيا على الأقل في حملة مداهمات في الضفة الغربية.");
  const Event* e = FindEvent(r, EventType::kMilitaryOperation);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->trigger_text, "مداهمات");
  EXPECT_THAT(e->agents, ElementsAre("israel_defense_forces"));
  EXPECT_THAT(Events("قتل ثلاثة فلسطينيين خلال اقتحام القوات الإسرائيلية مدينة جنين."),
              ElementsAre("قتل|Casualties", "اقتحام|MilitaryOperation"));
}

TEST_F(ClauseAgentTest, HoldingSomeoneResponsibleIsAnAccusation) {
  ArticleResult r = Run("وأدانت الرئاسة الفلسطينية الجريمة، وحملت الحكومة الإسرائيلية المسؤولية الكاملة عن التصعيد.");
  const Event* e = FindEvent(r, EventType::kAccusation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("palestine_presidency"));
  EXPECT_THAT(e->patients, ElementsAre("israel"));
  EXPECT_THAT(Events("وحملت الشاحنات المواد الغذائية إلى المدينة."), IsEmpty());
}

TEST_F(ClauseAgentTest, AnAffiliateNamedAfterTheActorIsNotTheDoer) {
  ArticleResult r = Run("وتبنت حركة الشباب المرتبطة بتنظيم القاعدة الهجوم في بيان.");
  const Event* e = FindEvent(r, EventType::kAttack);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("al_shabaab"));
}

TEST_F(ClauseAgentTest, ACapitalNamedAsTheCapitalIsTheCity) {
  ArticleResult r = Run("وأسفر انفجار في العاصمة مقديشو عن مقتل 8 أشخاص.");
  const Mention* m = FindMention(r, "مقديشو");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->type, EntityType::kPlace);
}

TEST_F(ClauseAgentTest, AReceptionsGuestIsTheVisitor) {
  ArticleResult r =
      Run("واستقبل الرئيس المصري عبد الفتاح السيسي في القاهرة يوم الأحد وزير الخارجية التركي هاكان فيدان.");
  const Event* e = FindEvent(r, EventType::kVisit);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("hakan_fidan"));
  EXPECT_THAT(e->patients, ElementsAre("abdel_fattah_el_sisi"));
  EXPECT_EQ(e->place, "cairo");
}

TEST_F(ClauseAgentTest, ProtestersAppealWithAParticiple) {
  ArticleResult r =
      Run("وقالت وزارة الدفاع التركية إن طائراتها قصفت مواقع للحزب. واحتج مئات الأكراد في أربيل على "
          "الغارات، مطالبين الحكومة العراقية باتخاذ موقف حازم.");
  const Event* e = FindEvent(r, EventType::kAppeal);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("kurds"));
  EXPECT_THAT(e->patients, ElementsAre("iraq"));
}

TEST_F(ClauseAgentTest, AnIndefiniteCeasefireIsOneAndItsGovernmentDeclaredIt) {
  ArticleResult r = Run("وأعلنت حكومة الوحدة الوطنية برئاسة عبد الحميد الدبيبة وقفا لإطلاق النار.");
  const Event* e = FindEvent(r, EventType::kCeasefire);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("government_of_national_unity")) << "not the head named after برئاسة";
}

TEST_F(ClauseAgentTest, AnEmbassyIsAnActorAndWhatItCondemnsIsNotItsDeed) {
  ArticleResult r =
      Run("وأعربت الأمم المتحدة عن قلقها. كما نددت السفارة الأمريكية في طرابلس بالاشتباكات، وطالبت "
          "بمحاسبة المسؤولين عنها.");
  EXPECT_NE(FindMention(r, "السفارة الأمريكية"), nullptr);
  const Event* e = FindEvent(r, EventType::kCondemnation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("united_states_embassy"));
  e = FindEvent(r, EventType::kMilitaryOperation);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, IsEmpty());
}

TEST_F(ClauseAgentTest, ClosingIsABlockadeOnlyOfAWayInOrOut) {
  EXPECT_THAT(Events("وأغلقت المدارس والجامعات أبوابها."), IsEmpty());
  EXPECT_THAT(Events("وأغلقت إسرائيل المعابر مع القطاع."), ElementsAre("أغلقت|Blockade"));
}

TEST_F(ClauseAgentTest, ACapitalAfterTheCapitalAndANisbaIsTheCity) {
  ArticleResult r = Run("واندلعت اشتباكات في العاصمة الليبية طرابلس.");
  const Mention* m = FindMention(r, "طرابلس");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->type, EntityType::kPlace);
}

TEST_F(ClauseAgentTest, ABareGovernmentSubjectIsTheGovernmentNamedBefore) {
  ArticleResult r =
      Run("وأعلنت الحكومة الإثيوبية حالة الطوارئ. وقال مسؤول محلي لوكالة فرانس برس إن 30 شخصا قتلوا في "
          "غارة. ونفت الحكومة استهداف المدنيين.");
  const Event* e = FindEvent(r, EventType::kDenial);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("ethiopia")) << "not the agency the official spoke to";
  e = FindEvent(r, EventType::kAttack);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ::testing::Not(::testing::Contains("afp")));
}

TEST_F(ClauseAgentTest, CoordinatedSubjectsAreAllAgents) {
  ArticleResult r = Run("وحثت الولايات المتحدة والاتحاد الأوروبي الحكومة على السماح بوصول المساعدات.");
  const Event* e = FindEvent(r, EventType::kAppeal);
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->agents, ElementsAre("united_states", "eu"));
}

}  // namespace
}  // namespace khabar::extract::testing
