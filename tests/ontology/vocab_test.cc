// The vocabulary is the output contract: every enum value has exactly one name, names parse back to the
// same value, and parsing is exact (no case folding, no prefixes), so a typo in a lexicon attribute is
// caught instead of silently mapping to another type.
#include "khabar/ontology/vocab.h"  // first: proves the header is self-contained

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

namespace khabar::vocab {
namespace {

TEST(VocabTest, EntityTypeNamesRoundTrip) {
  for (std::size_t i = 0; i < kEntityTypeNames.size(); ++i) {
    const auto t = static_cast<EntityType>(i);
    EXPECT_EQ(Name(t), kEntityTypeNames[i]);
    auto parsed = ParseEntityType(Name(t));
    ASSERT_TRUE(parsed.has_value()) << Name(t);
    EXPECT_EQ(*parsed, t);
  }
  EXPECT_EQ(Name(EntityType::kState), "State");
  EXPECT_EQ(Name(EntityType::kPolity), "Polity");
}

TEST(VocabTest, EventTypeNamesRoundTrip) {
  ASSERT_EQ(kEventTypeNames.size(), kEventTypes.size());
  for (std::size_t i = 0; i < kEventTypeNames.size(); ++i) {
    const auto t = static_cast<EventType>(i);
    EXPECT_EQ(Name(t), kEventTypeNames[i]);
    auto parsed = ParseEventType(Name(t));
    ASSERT_TRUE(parsed.has_value()) << Name(t);
    EXPECT_EQ(*parsed, t);
  }
  EXPECT_EQ(Name(EventType::kMilitaryOperation), "MilitaryOperation");
  EXPECT_EQ(Name(EventType::kPledge), "Pledge");
}

TEST(VocabTest, FigureKindNamesRoundTrip) {
  for (std::size_t i = 0; i < kFigureKindNames.size(); ++i) {
    const auto k = static_cast<FigureKind>(i);
    EXPECT_EQ(Name(k), kFigureKindNames[i]);
    auto parsed = ParseFigureKind(Name(k));
    ASSERT_TRUE(parsed.has_value()) << Name(k);
    EXPECT_EQ(*parsed, k);
  }
  EXPECT_EQ(Name(FigureKind::kAidTonnes), "aid_tonnes");
}

TEST(VocabTest, QualifierNames) {
  EXPECT_EQ(Name(Qualifier::kExact), "exact");
  EXPECT_EQ(Name(Qualifier::kAtLeast), "atLeast");
  EXPECT_EQ(Name(Qualifier::kLessThan), "lessThan");
  for (std::size_t i = 0; i < kQualifierNames.size(); ++i) {
    EXPECT_EQ(Name(static_cast<Qualifier>(i)), kQualifierNames[i]);
  }
}

TEST(VocabTest, ParsingIsExact) {
  for (std::string_view bad : {"", "state", "STATE", "State ", " State", "Stat", "States", "kh:State"}) {
    EXPECT_FALSE(ParseEntityType(bad).has_value()) << "'" << bad << "'";
  }
  for (std::string_view bad : {"", "attack", "Attack#", "Military Operation", "Casualty"}) {
    EXPECT_FALSE(ParseEventType(bad).has_value()) << "'" << bad << "'";
  }
  for (std::string_view bad : {"", "Killed", "aid tonnes", "person"}) {
    EXPECT_FALSE(ParseFigureKind(bad).has_value()) << "'" << bad << "'";
  }
}

TEST(VocabTest, NamesAreDistinct) {
  EXPECT_EQ(std::set<std::string_view>(kEntityTypeNames.begin(), kEntityTypeNames.end()).size(),
            kEntityTypeNames.size());
  EXPECT_EQ(std::set<std::string_view>(kEventTypeNames.begin(), kEventTypeNames.end()).size(), kEventTypeNames.size());
  EXPECT_EQ(std::set<std::string_view>(kFigureKindNames.begin(), kFigureKindNames.end()).size(),
            kFigureKindNames.size());
  EXPECT_EQ(std::set<std::string_view>(kQualifierNames.begin(), kQualifierNames.end()).size(), kQualifierNames.size());
}

TEST(VocabTest, ExactlyTheSpeechActsAreStatements) {
  const std::set<EventType> statements{EventType::kAccusation, EventType::kDenial, EventType::kCondemnation,
                                       EventType::kAppeal, EventType::kPledge};
  for (std::size_t i = 0; i < kEventTypeNames.size(); ++i) {
    const auto t = static_cast<EventType>(i);
    EXPECT_EQ(IsStatement(t), statements.count(t) == 1) << Name(t);
  }
}

TEST(VocabTest, PrefixesAreDistinctNamespaces) {
  std::set<std::string_view> names, iris;
  for (const Prefix& p : kPrefixes) {
    EXPECT_TRUE(names.insert(p.name).second) << "duplicate prefix " << p.name;
    EXPECT_TRUE(iris.insert(p.iri).second) << "duplicate namespace " << p.iri;
    ASSERT_FALSE(p.iri.empty());
    const char last = p.iri.back();
    EXPECT_TRUE(last == '#' || last == '/') << p.name << ": a namespace IRI ends with # or /";
    EXPECT_EQ(p.iri.substr(0, 4), "http") << p.name;
  }
  EXPECT_EQ(kPrefixes.front().name, "kh");
  EXPECT_EQ(kPrefixes.front().iri, kKh);
  // Entity IRIs live below the resource namespace, so one base covers all data.
  EXPECT_EQ(kEntity.substr(0, kResource.size()), kResource);
}

}  // namespace
}  // namespace khabar::vocab
