// The event types are listed once, in vocab::kEventTypes; the files that also name them must agree with
// that list: the OWL classes and their labels (khabar.ttl), the shapes' targets (shapes.ttl) and the
// evaluation query (queries/eval/events.rq). The diagrams read the table itself (export/src/dot.cc).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "khabar/ontology/vocab.h"

namespace khabar::vocab {
namespace {

std::string Slurp(const std::string& relative) {
  const char* root = std::getenv("KHABAR_DATA_DIR");
  EXPECT_NE(root, nullptr) << "KHABAR_DATA_DIR is not set (CTest sets it to the source tree)";
  if (root == nullptr) return "";
  std::ifstream in(std::filesystem::path(root) / relative);
  EXPECT_TRUE(in.good()) << relative;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::set<std::string> Table() {
  std::set<std::string> names;
  for (const auto& t : kEventTypes) names.insert(std::string(t.name));
  return names;
}

// Every kh:Name in `text` that names a class of the table or claims to be an event class.
std::set<std::string> KhNamesIn(const std::string& text, const std::set<std::string>& known) {
  std::set<std::string> out;
  std::regex kh("kh:([A-Z][A-Za-z]+)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kh); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1];
    if (known.count(name)) out.insert(name);
  }
  return out;
}

TEST(EventTypeTable, OntologyHasEveryClassAsAnEventSubclassWithTheTablesLabels) {
  std::string ttl = Slurp("ontology/khabar.ttl");
  for (const auto& t : kEventTypes) {
    std::string head = "kh:" + std::string(t.name) + " a owl:Class ;";
    std::size_t at = ttl.find(head);
    ASSERT_NE(at, std::string::npos) << t.name << " is not a class in khabar.ttl";
    std::string block = ttl.substr(at, ttl.find(" .\n", at) - at);
    EXPECT_THAT(block, ::testing::ContainsRegex("rdfs:subClassOf (kh:Statement , )?kh:Event ;")) << t.name;
    EXPECT_THAT(block, ::testing::HasSubstr("rdfs:label \"" + std::string(t.label_en) + "\"@en , \"" +
                                            std::string(t.label_ar) + "\"@ar"))
        << t.name << ": the labels differ from vocab::kEventTypes";
  }
  // …and no event class that the table lacks (an abstract one, with subclasses of its own, aside).
  std::regex sub("\\nkh:([A-Za-z]+) a owl:Class ;\\s*rdfs:subClassOf (kh:Statement , )?kh:Event ;");
  for (auto it = std::sregex_iterator(ttl.begin(), ttl.end(), sub); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1];
    if (ttl.find("rdfs:subClassOf kh:" + name + " ,") != std::string::npos) continue;  // kh:Statement
    EXPECT_TRUE(Table().count(name)) << "khabar.ttl has event class " << name << " that vocab lacks";
  }
}

TEST(EventTypeTable, ShapesTargetEveryType) {
  std::string shapes = Slurp("ontology/shapes.ttl");
  std::size_t at = shapes.find("khsh:EventShape");
  ASSERT_NE(at, std::string::npos);
  std::string targets = shapes.substr(at, shapes.find("sh:targetSubjectsOf", at) - at);
  EXPECT_EQ(KhNamesIn(targets, Table()), Table());
}

TEST(EventTypeTable, TheEvaluationQueryAsksForEveryType) {
  std::string rq = Slurp("queries/eval/events.rq");
  std::size_t at = rq.find("FILTER (?type IN (");
  ASSERT_NE(at, std::string::npos);
  std::string list = rq.substr(at, rq.find("))", at) - at);
  EXPECT_EQ(KhNamesIn(list, Table()), Table());
}

TEST(EventTypeTable, NamesAreInEnumOrderAndLabelsAreFilled) {
  for (std::size_t i = 0; i < kEventTypes.size(); ++i) {
    EXPECT_EQ(Name(static_cast<EventType>(i)), kEventTypes[i].name);
    EXPECT_FALSE(kEventTypes[i].label_ar.empty());
    EXPECT_FALSE(kEventTypes[i].edge_en.empty());
    EXPECT_NE(std::string_view("fsca").find(kEventTypes[i].family), std::string_view::npos);
  }
}

}  // namespace
}  // namespace khabar::vocab
