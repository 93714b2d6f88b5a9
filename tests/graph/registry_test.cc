// The article registry's segment files: records round-trip exactly (awkward bytes, every field), later
// segments replace and remove, sources that disagree are refused, and every kind of damage gives an
// error naming the file and line.
#include "khabar/graph/registry.h"  // first: proves the header is self-contained

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace khabar::graph {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("khabar_registry_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // An article with every kind of record and fields that need escaping.
  static extract::ArticleResult Article(const std::string& id, const std::string& word) {
    extract::ArticleResult r;
    r.document.id = id;
    r.document.path = "in/" + id;
    r.document.file_name = id;
    r.document.text = std::u32string(40, U'x');
    r.document.outlet = "outlet\twith tab\\and\nnewline";
    r.document.published = extract::Date{2023, 9, 19};
    extract::Mention m;
    m.begin = 1;
    m.end = 5;
    m.text = word;
    m.entity = "~Person:" + word;
    m.type = vocab::EntityType::kPerson;
    m.nominal = true;
    m.rule = "title";
    m.pass = "title";
    m.en = "";
    m.of = "armenia";
    r.mentions.push_back(m);
    m.begin = 6;
    m.end = 9;
    m.entity = "armenia";
    m.type = vocab::EntityType::kState;
    m.subtype = "";
    m.nominal = false;
    r.mentions.push_back(m);
    r.roles.push_back({0, "المتحدث\r", "kremlin"});
    extract::Event ev;
    ev.type = vocab::EventType::kAttack;
    ev.begin = 10;
    ev.end = 14;
    ev.trigger_text = "قصف";
    ev.agents = {"armenia", "~Person:" + word};
    ev.patients = {"azerbaijan"};
    ev.place = "khankendi";
    ev.time_text = "أمس";
    ev.date = extract::Date{-1, 12, 25};  // before year 1: kept as is
    ev.date_to = extract::Date{0, 1, 1};
    ev.source = "armenpress";
    ev.figures.push_back({vocab::FigureKind::kKilled, -3, vocab::Qualifier::kAtLeast, 15, 20, "ثلاثة"});
    r.events.push_back(ev);
    return r;
  }
  fs::path Write(const std::string& name, const std::vector<extract::ArticleResult>& arts,
                 const std::vector<std::string>& removed = {}) {
    std::unique_ptr<SegmentWriter> w;
    fs::path p = dir_ / name;
    EXPECT_TRUE(SegmentWriter::Open(p, "fp", &w).ok());
    for (const auto& a : arts) EXPECT_TRUE(w->Add(a, ContentHash(a.document)).ok());
    for (const auto& id : removed) EXPECT_TRUE(w->Remove(id).ok());
    EXPECT_TRUE(w->Commit().ok());
    return p;
  }
  static void Put(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
  static std::string Get(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  fs::path dir_;
};

TEST_F(RegistryTest, RecordsRoundTripExactly) {
  auto a = Article("a.txt", "باشينيان\t\\n");
  fs::path seg = Write("seg-000001.kreg", {a});
  Registry reg;
  ASSERT_TRUE(reg.AddSource(dir_).ok());
  ASSERT_EQ(reg.articles().size(), 1u);
  extract::ArticleResult back;
  ASSERT_TRUE(reg.Load(*reg.Find("a.txt"), &back).ok());
  EXPECT_EQ(FormatArticle(back, ContentHash(a.document)), FormatArticle(a, ContentHash(a.document)));
  EXPECT_EQ(back.document.text.size(), 40u);
  EXPECT_EQ(back.mentions[0].text, "باشينيان\t\\n");
  EXPECT_EQ(back.document.outlet, a.document.outlet);
  EXPECT_EQ(back.events[0].date->year, -1);
  EXPECT_EQ(back.events[0].figures[0].value, -3);
  EXPECT_EQ(reg.segments()[0].fingerprint, "fp");
  EXPECT_FALSE(fs::exists(seg.string() + ".tmp-" + std::to_string(::getpid())));
}

TEST_F(RegistryTest, LaterSegmentsReplaceAndRemove) {
  Write("seg-000001.kreg", {Article("a.txt", "one"), Article("b.txt", "two")});
  auto changed = Article("a.txt", "three");
  changed.document.text += U'y';
  Write("seg-000002.kreg", {changed}, {"b.txt"});
  Registry reg;
  ASSERT_TRUE(reg.AddSource(dir_).ok());
  ASSERT_EQ(reg.articles().size(), 1u);
  extract::ArticleResult back;
  ASSERT_TRUE(reg.Load(*reg.Find("a.txt"), &back).ok());
  EXPECT_EQ(back.mentions[0].text, "three");
  EXPECT_EQ(reg.Find("a.txt")->hash, ContentHash(changed.document));
}

TEST_F(RegistryTest, SourcesThatDisagreeAreRefused) {
  fs::path one = Write("one.kreg", {Article("a.txt", "one")});
  auto other = Article("a.txt", "one");
  other.document.text += U'z';
  fs::path two = Write("two.kreg", {other});
  fs::path same = Write("same.kreg", {Article("a.txt", "one")});
  Registry reg;
  ASSERT_TRUE(reg.AddSource(one).ok());
  EXPECT_TRUE(reg.AddSource(same).ok());
  Status s = reg.AddSource(two);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("one.kreg"));
  EXPECT_THAT(s.message(), HasSubstr("two.kreg"));
}

TEST_F(RegistryTest, DamageIsReportedWithFileAndLine) {
  fs::path good = Write("good.kreg", {Article("a.txt", "one")});
  const std::string text = Get(good);
  struct Case {
    std::string name, text, want;
  };
  std::string no_end = text.substr(0, text.rfind("end\t"));
  std::string short_mention = text;
  short_mention.replace(short_mention.find("mention\t1\t5\t"), 12, "mention\t1\t");
  std::string bad_number = text;
  bad_number.replace(bad_number.find("mention\t1\t5"), 11, "mention\tx\t5");
  std::string bad_type = text;
  bad_type.replace(bad_type.find("\tState\t"), 7, "\tStat\t");
  const Case cases[] = {
      {"version.kreg", "khabar-registry\t2\nfingerprint\tfp\nend\t0\t0\n", ""},
      {"magic.kreg", "hello\n", "not a Khabar registry segment"},
      {"truncated.kreg", no_end, "truncated"},
      {"fields.kreg", short_mention, ":4: a 'mention' record has 11 fields, this one has 10"},
      {"number.kreg", bad_number, ":4: field 1 is not a number"},
      {"type.kreg", bad_type, "unknown entity type 'Stat'"},
      {"counts.kreg", text.substr(0, text.rfind("end\t")) + "end\t2\t0\n", "the end line counts 2 articles"},
      {"unknown.kreg", text.substr(0, text.rfind("end\t")) + "bogus\n", "unknown record 'bogus'"},
  };
  for (const auto& c : cases) {
    fs::path p = dir_ / c.name;
    Put(p, c.text);
    Registry reg;
    Status s = reg.AddSource(p);
    EXPECT_FALSE(s.ok()) << c.name;
    EXPECT_THAT(s.message(), HasSubstr(c.name)) << c.name;
    if (c.name == "version.kreg") {
      EXPECT_THAT(s.message(), HasSubstr("version '2', this khabar reads version 1"));
    } else {
      EXPECT_THAT(s.message(), HasSubstr(c.want)) << c.name;
    }
  }
}

TEST_F(RegistryTest, DirectoryIsLockedAndNumbersSegments) {
  std::unique_ptr<RegistryDir> d;
  ASSERT_TRUE(RegistryDir::Open(dir_ / "reg", &d).ok());
  EXPECT_EQ(d->NextSegmentPath().filename(), "seg-000001.kreg");
  std::unique_ptr<RegistryDir> again;
  Status busy = RegistryDir::Open(dir_ / "reg", &again);
  EXPECT_EQ(busy.code(), Status::Code::kInvalidArgument);
  EXPECT_THAT(busy.message(), HasSubstr("in use"));
  Put(dir_ / "reg" / "seg-000007.kreg", "");
  Put(dir_ / "reg" / "seg-000009.kreg.tmp-1", "");
  EXPECT_EQ(d->NextSegmentPath().filename(), "seg-000008.kreg");
}

TEST(HasherTest, FieldsAreDelimited) {
  Hasher a, b;
  a.UpdateField("ab");
  a.UpdateField("c");
  b.UpdateField("a");
  b.UpdateField("bc");
  EXPECT_NE(a.Hex(), b.Hex());
  EXPECT_EQ(a.Hex().size(), 32u);
}

}  // namespace
}  // namespace khabar::graph
