// "The Armenian forces" in an article about Nagorno-Karabakh: the kin state's informal force name stands
// for the polity's own forces when the phrase or its sentence ties it to the polity; the kin state's
// formal army name, and the informal name in a sentence about the kin state itself, stay the state's army.
// Sentences are written for these tests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extractor_fixture.h"

namespace khabar::extract::testing {
namespace {

using ::testing::Contains;
using ::testing::Not;

using KinForcesTest = ExtractorTest;

constexpr const char* kSeparatists = "karabakh_separatist_forces";
constexpr const char* kArmenianArmy = "armenian_armed_forces";

TEST_F(KinForcesTest, InformalForcesInASentenceAboutThePolitysLandAreThePolitysForces) {
  std::vector<std::string> m =
      Mentions("تجدد القتال في ناغورنو كاراباخ. واشتبكت القوات الأرمينية مع الجيش الأذربيجاني قرب ستيباناكيرت.");
  EXPECT_THAT(m, Contains(std::string("القوات الأرمينية|ArmedForce|") + kSeparatists))
      << "ستيباناكيرت lies in Nagorno-Karabakh";
  EXPECT_THAT(m, Not(Contains(std::string("القوات الأرمينية|ArmedForce|") + kArmenianArmy)));
}

TEST_F(KinForcesTest, AnEthnicModifierMakesThemThePolitysForcesWithoutAPlaceInTheSentence) {
  std::vector<std::string> m =
      Mentions("تجدد القتال في ناغورنو كاراباخ. وقال مسؤول إن القوات الأرمنية العرقية سلمت أسلحتها.");
  EXPECT_THAT(m, Contains(std::string("القوات الأرمنية العرقية|ArmedForce|") + kSeparatists));
}

TEST_F(KinForcesTest, InformalForcesInASentenceAboutTheKinStateAreItsArmy) {
  std::vector<std::string> m =
      Mentions("تجدد القتال في ناغورنو كاراباخ. وفي سياق آخر، انتشرت القوات الأرمينية على الحدود قرب يريفان.");
  EXPECT_THAT(m, Contains(std::string("القوات الأرمينية|ArmedForce|") + kArmenianArmy))
      << "nothing in the sentence ties them to the polity";
}

TEST_F(KinForcesTest, TheFormalArmyNameIsAlwaysTheKinStatesArmy) {
  std::vector<std::string> m = Mentions("واتهمت أذربيجان الجيش الأرميني بقصف مواقعها في ناغورنو كاراباخ.");
  EXPECT_THAT(m, Contains(std::string("الجيش الأرميني|ArmedForce|") + kArmenianArmy));
}

TEST_F(KinForcesTest, WithoutAPolityInTheArticleTheyAreTheStatesArmy) {
  std::vector<std::string> m = Mentions("أجرت القوات الأرمينية مناورات عسكرية قرب يريفان.");
  EXPECT_THAT(m, Contains(std::string("القوات الأرمينية|ArmedForce|") + kArmenianArmy));
}

TEST_F(KinForcesTest, TheKinStatesAuthoritiesInThePolitysLandAreThePolity) {
  std::vector<std::string> m = Mentions(
      "تجدد القتال في ناغورنو كاراباخ. وبدأت أذربيجان مفاوضات مع السلطات الأرمينية في كاراباخ. "
      "ونفت السلطات الأرمينية أي تدخل.");
  EXPECT_THAT(m, Contains(std::string("السلطات الأرمينية|Polity|nk_republic")));
  EXPECT_THAT(m, Contains(std::string("السلطات الأرمينية|State|armenia"))) << "without في + the polity's land";
}

// "Russian soldiers of the peacekeeping force", and "the Russian forces" right after a sentence about the
// peacekeepers, are the peacekeepers; "the Russian forces" with no peacekeepers before them are the army.
TEST_F(KinForcesTest, AMemberOfThePeacekeepersIsThePeacekeepers) {
  std::vector<std::string> m = Mentions("وصل نحو 500 جندي روسي من قوات حفظ السلام إلى المنطقة.");
  EXPECT_THAT(m, Contains(std::string("جندي روسي|ArmedForce|russian_peacekeepers")));
}

TEST_F(KinForcesTest, RussianForcesRightAfterThePeacekeepersAreThePeacekeepers) {
  std::vector<std::string> m =
      Mentions("قالت موسكو إن قوات حفظ السلام الروسية نقلت مئات المدنيين.\n\nوأقامت القوات الروسية مخيما مؤقتا لهم.");
  EXPECT_THAT(m, Contains(std::string("القوات الروسية|ArmedForce|russian_peacekeepers")));
}

TEST_F(KinForcesTest, RussianForcesFarFromAnyPeacekeepersAreTheArmy) {
  std::vector<std::string> m = Mentions(
      "قالت موسكو إن قوات حفظ السلام الروسية نقلت مئات المدنيين. ثم عاد الهدوء. "
      "وفي أوكرانيا، قصفت القوات الروسية مدينة خاركيف.");
  EXPECT_THAT(m, Contains(std::string("القوات الروسية|ArmedForce|russia_armed_forces")))
      << "two sentences away: no longer the peacekeepers";
}

}  // namespace
}  // namespace khabar::extract::testing
