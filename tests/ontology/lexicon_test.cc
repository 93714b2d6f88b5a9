// Lexicon loader: what a well-formed file gives, and that every malformed input is refused with a
// message naming the file and the line, so a lexicon author can find the mistake.
#include "khabar/ontology/lexicon.h"  // first: proves the header is self-contained

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <unistd.h>

#include "khabar/ontology/status.h"

namespace khabar::ontology {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kGood = R"(<?xml version="1.0" encoding="UTF-8"?>
<lexicon>
  <entity id="sudan" type="State" en="Sudan" qid="Q1049" capital="khartoum">
    <form>السودان</form>
    <form>جمهورية السودان</form>
    <nisba>سوداني</nisba>
  </entity>
  <entity id="khartoum" type="Place" subtype="City" en="Khartoum" in="sudan" capital-of="sudan">
    <form>  الخرطوم  </form>
  </entity>
  <entity id="sudanese" type="Group" en="Sudanese" ethnonym-of="sudan">
    <form>السودانيون</form>
    <demonym>سودانيون</demonym>
  </entity>
  <wordlist name="title">
    <w takes="owner">وزير</w>
    <w>الشيخ</w>
  </wordlist>
</lexicon>
)";

TEST(LexiconLoadTest, LoadsEntitiesAndWordLists) {
  Lexicon lex;
  Status s = lex.LoadString(kGood, "good.xml");
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(lex.entities().size(), 3u);

  const EntityEntry* sudan = lex.Find("sudan");
  ASSERT_NE(sudan, nullptr);
  EXPECT_EQ(sudan->type, vocab::EntityType::kState);
  EXPECT_EQ(sudan->en, "Sudan");
  EXPECT_EQ(sudan->qid, "Q1049");
  EXPECT_EQ(sudan->capital, "khartoum");
  EXPECT_THAT(sudan->forms, ElementsAre("السودان", "جمهورية السودان"));
  EXPECT_THAT(sudan->nisbas, ElementsAre("سوداني"));
  EXPECT_THAT(sudan->origin, HasSubstr("good.xml:3"));

  const EntityEntry* khartoum = lex.Find("khartoum");
  ASSERT_NE(khartoum, nullptr);
  EXPECT_EQ(khartoum->subtype, "City");
  EXPECT_EQ(khartoum->in, "sudan");
  EXPECT_EQ(khartoum->capital_of, "sudan");
  EXPECT_THAT(khartoum->forms, ElementsAre("الخرطوم")) << "surrounding whitespace is trimmed";

  const EntityEntry* group = lex.Find("sudanese");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->ethnonym_of, "sudan");
  EXPECT_THAT(group->demonyms, ElementsAre("سودانيون"));

  EXPECT_EQ(lex.Find("chad"), nullptr);
  EXPECT_EQ(lex.Find(""), nullptr);

  EXPECT_THAT(lex.WordListNames(), ElementsAre("title"));
  const auto& titles = lex.WordList("title");
  ASSERT_EQ(titles.size(), 2u);
  EXPECT_EQ(titles[0].text, "وزير");
  EXPECT_EQ(titles[0].Attr("takes"), "owner");
  EXPECT_EQ(titles[1].Attr("takes"), "");
  EXPECT_EQ(titles[1].Attr("takes", "none"), "none");
  EXPECT_TRUE(lex.WordList("no_such_list").empty());
}

TEST(LexiconLoadTest, LoadsAddUpAndWordListsAppend) {
  Lexicon lex;
  ASSERT_TRUE(lex.LoadString(R"(<lexicon><entity id="a" type="Place" en="A"><form>أ</form></entity>
      <wordlist name="month"><w n="1">يناير</w></wordlist></lexicon>)",
                             "one.xml")
                  .ok());
  ASSERT_TRUE(lex.LoadString(R"(<lexicon><entity id="b" type="Person" en="B"><form>ب ب</form></entity>
      <wordlist name="month"><w n="2">فبراير</w></wordlist></lexicon>)",
                             "two.xml")
                  .ok());
  EXPECT_EQ(lex.entities().size(), 2u);
  EXPECT_NE(lex.Find("a"), nullptr);
  EXPECT_NE(lex.Find("b"), nullptr);
  ASSERT_EQ(lex.WordList("month").size(), 2u);
  EXPECT_EQ(lex.WordList("month")[1].Attr("n"), "2");
}

// A malformed input: the loader must refuse it with a parse error whose message names the file and the
// line (as "name:line") and says what is wrong.
struct BadCase {
  const char* label;
  const char* xml;
  const char* where;   // "bad.xml:<line>"
  const char* reason;  // a part of the message
};

class LexiconErrorTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(LexiconErrorTest, RefusedWithFileLineAndReason) {
  const BadCase& c = GetParam();
  Lexicon lex;
  Status s = lex.LoadString(c.xml, "bad.xml");
  ASSERT_FALSE(s.ok()) << c.label;
  EXPECT_EQ(s.code(), Status::Code::kParseError);
  EXPECT_THAT(s.message(), HasSubstr(c.where));
  EXPECT_THAT(s.message(), HasSubstr(c.reason));
  // Entities of a refused input are not added.
  EXPECT_TRUE(lex.entities().empty()) << c.label;
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, LexiconErrorTest,
    ::testing::Values(
        BadCase{"UppercaseId",
                "<lexicon>\n<entity id=\"ok\" type=\"Place\" en=\"Ok\"><form>x</form></entity>\n"
                "<entity id=\"Sudan\" type=\"State\" en=\"Sudan\"><form>س</form></entity>\n</lexicon>",
                "bad.xml:3", "bad entity id 'Sudan'"},
        BadCase{"HyphenInId",
                "<lexicon>\n\n<entity id=\"el-fasher\" type=\"Place\" en=\"F\"><form>ف</form></entity>\n</lexicon>",
                "bad.xml:3", "bad entity id 'el-fasher'"},
        BadCase{"MissingId", "<lexicon>\n<entity type=\"Place\" en=\"F\"><form>ف</form></entity>\n</lexicon>",
                "bad.xml:2", "bad entity id ''"},
        BadCase{
            "UnknownType",
            "<lexicon>\n<entity id=\"rsf\" type=\"Militia\" en=\"RSF\"><form>الدعم السريع</form></entity>\n</lexicon>",
            "bad.xml:2", "unknown type 'Militia'"},
        BadCase{"LowercaseType",
                "<lexicon>\n<entity id=\"x\" type=\"state\" en=\"X\"><form>س</form></entity>\n</lexicon>", "bad.xml:2",
                "unknown type 'state'"},
        BadCase{"QidWithoutQ",
                "<lexicon>\n<entity id=\"x\" type=\"State\" en=\"X\" qid=\"1049\"><form>س</form></entity>\n</lexicon>",
                "bad.xml:2", "malformed qid '1049'"},
        BadCase{"QidLowercase",
                "<lexicon>\n<entity id=\"x\" type=\"State\" en=\"X\" qid=\"q1049\"><form>س</form></entity>\n</lexicon>",
                "bad.xml:2", "malformed qid 'q1049'"},
        BadCase{"QidLeadingZero",
                "<lexicon>\n<entity id=\"x\" type=\"State\" en=\"X\" qid=\"Q0\"><form>س</form></entity>\n</lexicon>",
                "bad.xml:2", "malformed qid 'Q0'"},
        BadCase{
            "QidTrailingText",
            "<lexicon>\n<entity id=\"x\" type=\"State\" en=\"X\" qid=\"Q1049 \"><form>س</form></entity>\n</lexicon>",
            "bad.xml:2", "malformed qid"},
        BadCase{"DuplicateId",
                "<lexicon>\n<entity id=\"x\" type=\"Place\" en=\"X\"><form>س</form></entity>\n\n\n"
                "<entity id=\"x\" type=\"Place\" en=\"X\"><form>ص</form></entity>\n</lexicon>",
                "bad.xml:5", "duplicate entity id 'x'"},
        BadCase{"UnknownChildElement",
                "<lexicon>\n<entity id=\"x\" type=\"Place\" "
                "en=\"X\">\n<form>س</form>\n<alias>ص</alias>\n</entity>\n</lexicon>",
                "bad.xml:4", "unknown element <alias>"},
        BadCase{"UnknownTopElement", "<lexicon>\n\n<place id=\"x\"/>\n</lexicon>", "bad.xml:3",
                "unknown element <place>"},
        BadCase{"EntityWithoutForm",
                "<lexicon>\n<entity id=\"x\" type=\"Place\" en=\"X\">\n<form>  </form>\n</entity>\n</lexicon>",
                "bad.xml:2", "has no <form>"},
        BadCase{"WordListWithoutName", "<lexicon>\n<wordlist>\n<w>x</w>\n</wordlist>\n</lexicon>", "bad.xml:2",
                "<wordlist> without name"},
        BadCase{"EmptyWord", "<lexicon>\n<wordlist name=\"title\">\n<w>x</w>\n<w> </w>\n</wordlist>\n</lexicon>",
                "bad.xml:4", "empty <w>"},
        BadCase{"MismatchedTag",
                "<lexicon>\n<entity id=\"x\" type=\"Place\" en=\"X\">\n<form>س</frm>\n</entity>\n</lexicon>",
                "bad.xml:3", "bad.xml"},
        BadCase{"UnclosedRoot", "<lexicon>\n<entity id=\"x\" type=\"Place\" en=\"X\">\n<form>س</form>\n</entity>\n",
                "bad.xml:", "bad.xml"},
        BadCase{"BadAttributeSyntax", "<lexicon>\n\n\n<entity id=x type=\"Place\"><form>س</form></entity>\n</lexicon>",
                "bad.xml:4", "bad.xml"},
        BadCase{"WrongRoot", "<corpus>\n<entity id=\"x\" type=\"Place\" en=\"X\"><form>س</form></entity>\n</corpus>",
                "bad.xml", "root element must be <lexicon>"}),
    [](const ::testing::TestParamInfo<BadCase>& p) { return std::string(p.param.label); });

TEST(LexiconLoadTest, DuplicateIdAcrossLoadsIsRefused) {
  Lexicon lex;
  ASSERT_TRUE(
      lex.LoadString("<lexicon><entity id=\"x\" type=\"Place\" en=\"X\"><form>س</form></entity></lexicon>", "first.xml")
          .ok());
  Status s = lex.LoadString(
      "<lexicon>\n<entity id=\"y\" type=\"Place\" en=\"Y\"><form>ص</form></entity>\n"
      "<entity id=\"x\" type=\"Place\" en=\"X2\"><form>ض</form></entity>\n</lexicon>",
      "second.xml");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("second.xml:3"));
  EXPECT_THAT(s.message(), HasSubstr("duplicate entity id 'x'"));
  // The refused file adds nothing, not even its valid entries.
  EXPECT_EQ(lex.entities().size(), 1u);
  EXPECT_EQ(lex.Find("y"), nullptr);
  EXPECT_EQ(lex.Find("x")->en, "X");
}

TEST(LexiconLoadTest, MalformedXmlLineCountsFromTheStart) {
  // pugixml reports a byte offset; the message must turn it into the line of the error, here line 6.
  std::string xml =
      "<lexicon>\n<!-- one -->\n<!-- two -->\n<!-- three -->\n<!-- four -->\n<entity id=\"x\" <\n</lexicon>";
  Lexicon lex;
  Status s = lex.LoadString(xml, "lines.xml");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("lines.xml:6"));
}

// Directory loading: files in name order; an error in any file leaves the output lexicon unchanged.
class LexiconDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("khabar_lexicon_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name, std::ios::binary) << text; }
  std::filesystem::path dir_;
};

TEST_F(LexiconDirectoryTest, LoadsEveryXmlFileInNameOrder) {
  Write("b.xml", "<lexicon><entity id=\"b\" type=\"Place\" en=\"B\"><form>ب</form></entity></lexicon>");
  Write("a.xml", "<lexicon><entity id=\"a\" type=\"Place\" en=\"A\"><form>أ</form></entity></lexicon>");
  Write("notes.txt", "<lexicon><entity id=\"c\" type=\"Place\" en=\"C\"><form>ج</form></entity></lexicon>");
  Lexicon lex;
  Status s = Lexicon::LoadDirectory(dir_, &lex);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(lex.entities().size(), 2u);
  EXPECT_EQ(lex.entities()[0].id, "a");
  EXPECT_EQ(lex.entities()[1].id, "b");
  EXPECT_THAT(lex.entities()[1].origin, HasSubstr("b.xml:1"));
  EXPECT_EQ(lex.Find("c"), nullptr) << "only *.xml files are read";
}

TEST_F(LexiconDirectoryTest, ErrorInOneFileLeavesTheLexiconUnchanged) {
  Write("a.xml", "<lexicon><entity id=\"a\" type=\"Place\" en=\"A\"><form>أ</form></entity></lexicon>");
  Write("b.xml", "<lexicon>\n<entity id=\"a\" type=\"Place\" en=\"A again\"><form>أ</form></entity>\n</lexicon>");
  Lexicon lex;
  ASSERT_TRUE(lex.LoadString("<lexicon><entity id=\"old\" type=\"Place\" en=\"Old\"><form>ق</form></entity></lexicon>",
                             "old.xml")
                  .ok());
  Status s = Lexicon::LoadDirectory(dir_, &lex);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("b.xml:2"));
  ASSERT_EQ(lex.entities().size(), 1u);
  EXPECT_EQ(lex.entities()[0].id, "old");
}

TEST_F(LexiconDirectoryTest, MissingDirectoryIsNotFound) {
  Lexicon lex;
  Status s = Lexicon::LoadDirectory(dir_ / "nope", &lex);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_THAT(s.message(), HasSubstr("nope"));
}

TEST(StatusTest, ToStringNamesTheCode) {
  EXPECT_EQ(Status::Ok().ToString(), "ok");
  EXPECT_TRUE(Status().ok());
  Status s = Status::ParseError("x.xml:3: bad");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kParseError);
  EXPECT_THAT(s.ToString(), HasSubstr("x.xml:3: bad"));
  EXPECT_NE(Status::IoError("m").ToString(), Status::NotFound("m").ToString());
}

}  // namespace
}  // namespace khabar::ontology
