// Readers: UTF-8 decoding (Unicode's "maximal subpart" replacement), dates, and ReadArticle on real
// files of every supported and refused kind, including hostile XML.
#include "khabar/extract/document.h"  // first: proves the header is self-contained

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

namespace khabar::extract {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char32_t kFFFD = 0xFFFD;

// ---------------------------------------------------------------------------------------------------
// DecodeUtf8 / EncodeUtf8

struct Decoded {
  std::u32string text;
  std::vector<std::size_t> bad;
};
Decoded Decode(std::string_view bytes) {
  Decoded d;
  d.text = DecodeUtf8(bytes, &d.bad);
  return d;
}

TEST(DecodeUtf8Test, ValidSequencesOfEveryLength) {
  Decoded d = Decode("A\xD8\xB3\xE2\x82\xAC\xF0\x9F\x98\x80");  // A س € 😀
  EXPECT_EQ(d.text, (std::u32string{U'A', 0x0633, 0x20AC, 0x1F600}));
  EXPECT_THAT(d.bad, IsEmpty());
  // Boundaries of the valid ranges.
  EXPECT_EQ(Decode("\xC2\x80").text, std::u32string(1, 0x80));
  EXPECT_EQ(Decode("\xED\x9F\xBF").text, std::u32string(1, 0xD7FF));
  EXPECT_EQ(Decode("\xEE\x80\x80").text, std::u32string(1, 0xE000));
  EXPECT_EQ(Decode("\xF4\x8F\xBF\xBF").text, std::u32string(1, 0x10FFFF));
  EXPECT_THAT(Decode("\xF4\x8F\xBF\xBF").bad, IsEmpty());
}

TEST(DecodeUtf8Test, OverlongEncodingsAreReplaced) {
  // C0/C1 never start a sequence; each byte is its own maximal invalid subpart.
  Decoded two = Decode("\xC0\xAF");  // overlong '/'
  EXPECT_EQ(two.text, (std::u32string{kFFFD, kFFFD}));
  EXPECT_THAT(two.bad, ElementsAre(0u, 1u));
  Decoded three = Decode("x\xE0\x80\xAFy");  // overlong 3-byte '/'
  EXPECT_EQ(three.text, (std::u32string{U'x', kFFFD, kFFFD, kFFFD, U'y'}));
  EXPECT_THAT(three.bad, ElementsAre(1u, 2u, 3u));
  Decoded four = Decode("\xF0\x80\x80\xAF");  // overlong 4-byte '/'
  EXPECT_EQ(four.text, std::u32string(4, kFFFD));
}

TEST(DecodeUtf8Test, SurrogatesAreReplaced) {
  Decoded d = Decode("a\xED\xA0\x80z");  // U+D800 encoded directly
  EXPECT_EQ(d.text, (std::u32string{U'a', kFFFD, kFFFD, kFFFD, U'z'}));
  EXPECT_THAT(d.bad, ElementsAre(1u, 2u, 3u));
  EXPECT_EQ(Decode("\xED\xBF\xBF").text, std::u32string(3, kFFFD));  // U+DFFF
}

TEST(DecodeUtf8Test, TruncatedSequencesGiveOneReplacementEach) {
  Decoded end = Decode("ab\xE2\x82");  // € cut short at the end
  EXPECT_EQ(end.text, (std::u32string{U'a', U'b', kFFFD}));
  EXPECT_THAT(end.bad, ElementsAre(2u));
  Decoded mid = Decode(
      "\xF0\x9F\x98"
      "A");  // 😀 missing its last byte, then ASCII
  EXPECT_EQ(mid.text, (std::u32string{kFFFD, U'A'}));
  EXPECT_THAT(mid.bad, ElementsAre(0u));
  Decoded lone = Decode("\xD8 \x80");  // a lead byte then a space; a lone continuation byte
  EXPECT_EQ(lone.text, (std::u32string{kFFFD, U' ', kFFFD}));
  EXPECT_THAT(lone.bad, ElementsAre(0u, 2u));
}

TEST(DecodeUtf8Test, FiveByteFormsAndBytesAboveF4AreReplaced) {
  Decoded five = Decode("\xF8\x88\x80\x80\x80");
  EXPECT_EQ(five.text, std::u32string(5, kFFFD));
  EXPECT_THAT(five.bad, ElementsAre(0u, 1u, 2u, 3u, 4u));
  Decoded f5 = Decode("\xF5\x80\x80\x80");
  EXPECT_EQ(f5.text, std::u32string(4, kFFFD));
  Decoded above = Decode("\xF4\x90\x80\x80");  // would be U+110000
  EXPECT_EQ(above.text, std::u32string(4, kFFFD));
  for (unsigned b = 0xF5; b <= 0xFF; ++b) {
    std::string s(1, static_cast<char>(b));
    EXPECT_EQ(Decode(s).text, std::u32string(1, kFFFD)) << std::hex << b;
  }
}

TEST(DecodeUtf8Test, NullBadVectorIsAllowed) {
  EXPECT_EQ(DecodeUtf8("\xFF"
                       "a",
                       nullptr),
            (std::u32string{kFFFD, U'a'}));
}

TEST(EncodeUtf8Test, RoundTripsEveryScalarValueRange) {
  std::u32string all;
  for (char32_t c : {0x0, 0x7F, 0x80, 0x7FF, 0x800, 0x0627, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF}) {
    all.push_back(c);
  }
  std::vector<std::size_t> bad;
  EXPECT_EQ(DecodeUtf8(EncodeUtf8(all), &bad), all);
  EXPECT_THAT(bad, IsEmpty());
  std::string out;
  AppendUtf8(0x0633, &out);
  EXPECT_EQ(out, "س");
}

// ---------------------------------------------------------------------------------------------------
// Date

TEST(DateTest, ParsesTheThreeAcceptedForms) {
  EXPECT_EQ(Date::Parse("2023-09-30"), (Date{2023, 9, 30}));
  EXPECT_EQ(Date::Parse("20230930"), (Date{2023, 9, 30}));
  EXPECT_EQ(Date::Parse("20230930T101500+0300"), (Date{2023, 9, 30}));
  EXPECT_EQ(Date::Parse("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2023, 9, 30}).ToString(), "2023-09-30");
  EXPECT_EQ((Date{987, 1, 2}).ToString(), "0987-01-02");
}

TEST(DateTest, RefusesInvalidDates) {
  for (const char* s : {"", "2023", "2023-9-30", "2023/09/30", "2023-13-01", "2023-00-10", "2023-09-31", "2023-02-29",
                        "1900-02-29", "2023-09-00", "202309301", "2023093", "abcd-ef-gh", "0000-01-01"}) {
    EXPECT_FALSE(Date::Parse(s).has_value()) << "'" << s << "'";
  }
  EXPECT_TRUE(Date::Parse("2000-02-29").has_value()) << "2000 is a leap year";
  EXPECT_FALSE((Date{2023, 2, 29}.Valid()));
  EXPECT_FALSE((Date{}.Valid()));
  EXPECT_TRUE((Date{2023, 12, 31}.Valid()));
}

TEST(DateTest, WeekdaysOfKnownDates) {
  EXPECT_EQ((Date{2023, 9, 30}).Weekday(), 6);   // Saturday
  EXPECT_EQ((Date{2023, 9, 25}).Weekday(), 1);   // Monday
  EXPECT_EQ((Date{1970, 1, 1}).Weekday(), 4);    // Thursday
  EXPECT_EQ((Date{1969, 12, 28}).Weekday(), 0);  // Sunday, before the epoch
  EXPECT_EQ((Date{2000, 2, 29}).Weekday(), 2);   // Tuesday
  EXPECT_EQ((Date{1970, 1, 1}).DaysSinceEpoch(), 0);
  EXPECT_EQ((Date{2023, 9, 30}).DaysSinceEpoch(), 19630);
}

TEST(DateTest, DaysRoundTripAndWeekdaysAdvance) {
  // From 1600-01-01 to 2400-12-31: FromDays inverts DaysSinceEpoch, every date is valid, consecutive days
  // are consecutive dates and weekdays cycle.
  const long first = Date{1600, 1, 1}.DaysSinceEpoch();
  const long last = Date{2400, 12, 31}.DaysSinceEpoch();
  Date prev = Date::FromDays(first - 1);
  for (long d = first; d <= last; ++d) {
    Date date = Date::FromDays(d);
    ASSERT_TRUE(date.Valid()) << d;
    ASSERT_EQ(date.DaysSinceEpoch(), d) << date.ToString();
    ASSERT_EQ(Date::Parse(date.ToString()), date);
    ASSERT_EQ(date.Weekday(), (prev.Weekday() + 1) % 7) << date.ToString();
    const bool next_day = date.day == prev.day + 1 && date.month == prev.month && date.year == prev.year;
    const bool next_month = date.day == 1 && (date.month == prev.month + 1 || (date.month == 1 && prev.month == 12));
    ASSERT_TRUE(next_day || next_month) << prev.ToString() << " -> " << date.ToString();
    prev = date;
  }
}

TEST(DiagnosticTest, ToStringFormat) {
  Diagnostic d{Diagnostic::Severity::kWarning, "a.txt", 3, 7, "bad byte"};
  EXPECT_EQ(d.ToString(), "a.txt:3:7: warning: bad byte");
  d.column = 0;
  EXPECT_EQ(d.ToString(), "a.txt:3: warning: bad byte");
  d.line = 0;
  d.severity = Diagnostic::Severity::kError;
  EXPECT_EQ(d.ToString(), "a.txt: error: bad byte");
}

// ---------------------------------------------------------------------------------------------------
// ReadArticle on files written by the test.

class ReadArticleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("khabar_read_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::filesystem::path Write(const std::string& name, const std::string& bytes) {
    std::filesystem::path p = dir_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  std::filesystem::path dir_;
};

TEST_F(ReadArticleTest, PlainUtf8) {
  auto p = Write("a.txt", "عنوان\nقال الوزير إن الوفد وصل.\n");
  Document doc;
  Status s = ReadArticle(p, "sub/a.txt", nullptr, &doc);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(EncodeUtf8(doc.text), "عنوان\nقال الوزير إن الوفد وصل.\n");
  EXPECT_EQ(doc.id, "sub/a.txt");
  EXPECT_EQ(doc.file_name, "a.txt");
  EXPECT_EQ(doc.path, p.string());
  EXPECT_FALSE(doc.published.has_value());
  EXPECT_TRUE(doc.outlet.empty());
  EXPECT_THAT(doc.diagnostics, IsEmpty());
}

TEST_F(ReadArticleTest, Utf8BomIsNotPartOfTheText) {
  auto p = Write("bom.txt",
                 "\xEF\xBB\xBF"
                 "السودان");
  Document doc;
  ASSERT_TRUE(ReadArticle(p, "bom.txt", nullptr, &doc).ok());
  ASSERT_EQ(doc.text.size(), 7u);
  EXPECT_EQ(doc.text[0], U'\u0627') << "offset 0 is the first letter, not the BOM";
  EXPECT_EQ(EncodeUtf8(doc.text), "السودان");
}

TEST_F(ReadArticleTest, Utf16LittleEndianWithBom) {
  const std::u32string want = U"دارفور\nA😀";
  std::string bytes = "\xFF\xFE";
  for (char32_t c : want) {
    auto unit = [&](char16_t u) {
      bytes.push_back(static_cast<char>(u & 0xFF));
      bytes.push_back(static_cast<char>(u >> 8));
    };
    if (c >= 0x10000) {
      unit(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)));
      unit(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
    } else {
      unit(static_cast<char16_t>(c));
    }
  }
  auto p = Write("u16.txt", bytes);
  Document doc;
  Status s = ReadArticle(p, "u16.txt", nullptr, &doc);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(doc.text, want);
  for (const auto& d : doc.diagnostics) EXPECT_NE(d.severity, Diagnostic::Severity::kWarning) << d.ToString();
}

TEST_F(ReadArticleTest, Utf16BigEndianWithBom) {
  auto p = Write("u16be.txt", std::string("\xFE\xFF\x06\x33\x00\x0A", 6));  // س\n
  Document doc;
  ASSERT_TRUE(ReadArticle(p, "u16be.txt", nullptr, &doc).ok());
  EXPECT_EQ(doc.text, U"\u0633\n");
}

TEST_F(ReadArticleTest, EmptyFileIsAnError) {
  auto p = Write("empty.txt", "");
  Document doc;
  Status s = ReadArticle(p, "empty.txt", nullptr, &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("empty"));
  EXPECT_THAT(s.message(), HasSubstr("empty.txt"));
}

TEST_F(ReadArticleTest, NulBytesMeanBinary) {
  auto p = Write("image.txt", std::string("GIF89a\0\0\x01\x02", 10));
  Document doc;
  Status s = ReadArticle(p, "image.txt", nullptr, &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("binary"));
  EXPECT_THAT(s.message(), HasSubstr("image.txt"));
}

TEST_F(ReadArticleTest, DirectoryAndMissingFileAreErrors) {
  std::filesystem::create_directories(dir_ / "folder.txt");
  Document doc;
  Status dir = ReadArticle(dir_ / "folder.txt", "folder.txt", nullptr, &doc);
  ASSERT_FALSE(dir.ok());
  EXPECT_THAT(dir.message(), HasSubstr("directory"));
  Status missing = ReadArticle(dir_ / "missing.txt", "missing.txt", nullptr, &doc);
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.message(), HasSubstr("missing.txt"));
}

TEST_F(ReadArticleTest, InvalidUtf8IsAWarningWithLineAndColumnAndTheTextIsKept) {
  auto p = Write("bad.txt",
                 "سطر أول\nab\xFF"
                 "cd\n");
  Document doc;
  Status s = ReadArticle(p, "bad.txt", nullptr, &doc);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(doc.text, U"سطر أول\nab\uFFFDcd\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  const Diagnostic& d = doc.diagnostics[0];
  EXPECT_EQ(d.severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(d.file, p.string());
  EXPECT_EQ(d.line, 2u);
  EXPECT_EQ(d.column, 3u) << "column in code points";
  EXPECT_THAT(d.message, HasSubstr("U+FFFD"));
}

TEST_F(ReadArticleTest, MostlyInvalidBytesAreNotText) {
  auto p = Write("latin1.txt", std::string(200, '\xE9'));
  Document doc;
  Status s = ReadArticle(p, "latin1.txt", nullptr, &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("not UTF-8"));
}

constexpr const char* kNitf = R"(<?xml version="1.0" encoding="UTF-8"?>
<nitf>
  <head>
    <title>ignored</title>
    <docdata><date.issue norm="20240514T083000Z"/></docdata>
    <pubdata name="صحيفة الاختبار" type="web"/>
  </head>
  <body>
    <body.head><hedline><hl1>هجوم على قرية</hl1></hedline></body.head>
    <body.content>
      <p>الفقرة الأولى
         تمتد على سطرين.</p>
      <block><p>الفقرة <em>الثانية</em>.</p></block>
      <p>   </p>
    </body.content>
  </body>
</nitf>
)";

TEST_F(ReadArticleTest, NitfHeadlineParagraphsDateAndOutlet) {
  auto p = Write("story.xml", kNitf);
  Document doc;
  Status s = ReadArticle(p, "story.xml", nullptr, &doc);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(EncodeUtf8(doc.text), "هجوم على قرية\nالفقرة الأولى          تمتد على سطرين.\nالفقرة الثانية.\n");
  ASSERT_TRUE(doc.published.has_value());
  EXPECT_EQ(*doc.published, (Date{2024, 5, 14}));
  EXPECT_EQ(doc.outlet, "صحيفة الاختبار");
}

TEST_F(ReadArticleTest, DeeplyNestedMarkupIsReadWithoutRecursion) {
  // 100,000 nested <b> in one paragraph overflowed the stack of the recursive text walk (SIGSEGV).
  constexpr int kDepth = 100000;
  std::string deep = "<nitf><body><body.content><p>قبل ";
  for (int i = 0; i < kDepth; ++i) deep += "<b>";
  deep += "عميق";
  for (int i = 0; i < kDepth; ++i) deep += "</b>";
  deep += " بعد</p><p>فقرة <i>ثانية</i></p></body.content></body></nitf>";
  auto p = Write("deep.xml", deep);
  Document doc;
  Status s = ReadArticle(p, "deep.xml", nullptr, &doc);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(EncodeUtf8(doc.text), "قبل عميق بعد\nفقرة ثانية\n");
}

TEST_F(ReadArticleTest, MalformedXmlIsAnErrorWithItsLine) {
  auto p = Write("broken.xml", "<nitf>\n<body>\n<body.content>\n<p>نص</b>\n</body.content>\n</body>\n</nitf>\n");
  Document doc;
  Status s = ReadArticle(p, "broken.xml", nullptr, &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kParseError);
  EXPECT_THAT(s.message(), HasSubstr("broken.xml:4"));
  EXPECT_THAT(s.message(), HasSubstr("malformed XML"));
}

TEST_F(ReadArticleTest, ExternalEntitiesAreNeverFetched) {
  // XXE: a DOCTYPE declaring an external entity. The reader must not include the file's content.
  auto p = Write("xxe.xml", R"(<?xml version="1.0"?>
<!DOCTYPE nitf [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<nitf><body><body.content><p>قبل &x; بعد</p></body.content></body></nitf>
)");
  Document doc;
  Status s = ReadArticle(p, "xxe.xml", nullptr, &doc);
  // Refusing the file is as good as reading it inertly; leaking the file is not.
  if (s.ok()) {
    const std::string text = EncodeUtf8(doc.text);
    EXPECT_EQ(text.find("root:"), std::string::npos) << text;
    EXPECT_EQ(text.find("/bin/"), std::string::npos) << text;
    EXPECT_THAT(text, HasSubstr("قبل"));
  }
}

TEST_F(ReadArticleTest, NestedEntitiesAreNotExpanded) {
  // "Billion laughs": ten levels of tenfold entities. Expanded, the text would be 10^9 "lol"s.
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n<!ENTITY lol0 \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    xml += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) xml += "&lol" + std::to_string(i - 1) + ";";
    xml += "\">\n";
  }
  xml += "]>\n<nitf><body><body.content><p>&lol9;</p></body.content></body></nitf>\n";
  auto p = Write("lol.xml", xml);
  Document doc;
  const auto start = std::chrono::steady_clock::now();
  Status s = ReadArticle(p, "lol.xml", nullptr, &doc);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  if (s.ok()) {
    EXPECT_LT(doc.text.size(), 1000u);
    EXPECT_EQ(EncodeUtf8(doc.text).find("lollol"), std::string::npos);
  }
}

TEST_F(ReadArticleTest, XmlThatIsNotNitfKeepsItsParagraphsWithANote) {
  auto p = Write("other.xml", "<article><title>ت</title><p>أولى</p><div><p>ثانية</p></div></article>");
  Document doc;
  ASSERT_TRUE(ReadArticle(p, "other.xml", nullptr, &doc).ok());
  EXPECT_EQ(EncodeUtf8(doc.text), "أولى\nثانية\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].severity, Diagnostic::Severity::kNote);
}

// ---------------------------------------------------------------------------------------------------
// Manifest

TEST_F(ReadArticleTest, ManifestLookupByPathAndByBaseName) {
  Write("corpus/a/one.txt", "نص");
  Write("corpus/b/two.txt", "نص");
  Write("corpus/manifest.xml", R"(<corpus>
  <article file="a/one.txt" outlet="الأولى" published="2023-09-30"/>
  <article file="b/two.txt" outlet="unknown"/>
  <article file="a/dup.txt" outlet="x" published="2023-01-01"/>
  <article file="b/dup.txt" outlet="y" published="2023-01-02"/>
</corpus>)");
  Manifest m;
  Status s = Manifest::Load(dir_ / "corpus" / "manifest.xml", &m);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(m.size(), 4u);

  // By path, however it is spelled.
  const Manifest::Entry* one = m.Lookup(dir_ / "corpus" / "a" / "one.txt");
  ASSERT_NE(one, nullptr);
  EXPECT_EQ(one->outlet, "الأولى");
  EXPECT_EQ(one->published, (Date{2023, 9, 30}));
  EXPECT_EQ(m.Lookup(dir_ / "corpus" / "b" / ".." / "a" / "one.txt"), one);

  // "unknown" outlet means none; no date means none.
  const Manifest::Entry* two = m.Lookup(dir_ / "corpus" / "b" / "two.txt");
  ASSERT_NE(two, nullptr);
  EXPECT_TRUE(two->outlet.empty());
  EXPECT_FALSE(two->published.has_value());

  // By base name, from a copy elsewhere, when the name is unique in the manifest.
  EXPECT_EQ(m.Lookup(dir_ / "elsewhere" / "one.txt"), one);
  EXPECT_EQ(m.Lookup("two.txt"), two);
  // Ambiguous base names match only by path.
  EXPECT_EQ(m.Lookup(dir_ / "elsewhere" / "dup.txt"), nullptr);
  const Manifest::Entry* dup = m.Lookup(dir_ / "corpus" / "b" / "dup.txt");
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ(dup->outlet, "y");
  EXPECT_EQ(m.Lookup(dir_ / "corpus" / "three.txt"), nullptr);

  // ReadArticle takes the outlet and date from the manifest.
  Document doc;
  ASSERT_TRUE(ReadArticle(dir_ / "corpus" / "a" / "one.txt", "a/one.txt", &m, &doc).ok());
  EXPECT_EQ(doc.outlet, "الأولى");
  EXPECT_EQ(doc.published, (Date{2023, 9, 30}));
}

TEST_F(ReadArticleTest, ManifestBadDatesAndDuplicatesAreWarningsNotErrors) {
  // One bad date stopped the whole build; "2023-09-20garbage" was read as 2023-09-20; a duplicate entry
  // silently won. Each is now a warning, and the other entries are kept.
  Write("a.txt", "نص");
  Write("b.txt", "نص");
  Write("c.txt", "نص");
  Write("d.txt", "نص");
  auto file = Write("m.xml",
                    "<corpus><article file=\"a.txt\" published=\"30/09/2023\"/>"
                    "<article file=\"b.txt\" published=\"2023-09-20garbage\"/>"
                    "<article file=\"c.txt\" published=\"2023-02-30\" outlet=\"C\"/>"
                    "<article file=\"d.txt\" published=\"2023-09-19\" outlet=\"first\"/>"
                    "<article file=\"d.txt\" published=\"2023-09-20\" outlet=\"last\"/></corpus>");
  Manifest m;
  Status s = Manifest::Load(file, &m);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::vector<std::string> messages;
  for (const auto& d : m.diagnostics()) messages.push_back(d.ToString());
  EXPECT_THAT(messages, ::testing::ElementsAre(HasSubstr("'30/09/2023' is not a date"),
                                               HasSubstr("'2023-09-20garbage' is not a date"),
                                               HasSubstr("'2023-02-30' is not a date"),
                                               HasSubstr("d.txt: listed more than once; the last entry is used")));
  for (const char* name : {"a.txt", "b.txt", "c.txt"}) {
    const Manifest::Entry* e = m.Lookup(dir_ / name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_FALSE(e->published.has_value()) << name;
  }
  EXPECT_EQ(m.Lookup(dir_ / "c.txt")->outlet, "C");
  const Manifest::Entry* d = m.Lookup(dir_ / "d.txt");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->outlet, "last");
  EXPECT_EQ(*d->published, (Date{2023, 9, 20}));
}

TEST_F(ReadArticleTest, ManifestErrors) {
  Manifest m;
  auto no_file = Write("m2.xml", "<corpus><article outlet=\"x\"/></corpus>");
  EXPECT_FALSE(Manifest::Load(no_file, &m).ok());
  auto wrong_root = Write("m3.xml", "<lexicon/>");
  EXPECT_FALSE(Manifest::Load(wrong_root, &m).ok());
  auto malformed = Write("m4.xml", "<corpus><article file=\"a.txt\"></corpus>");
  EXPECT_FALSE(Manifest::Load(malformed, &m).ok());
  EXPECT_FALSE(Manifest::Load(dir_ / "none.xml", &m).ok());
}

// The size guard of issue 14: a text over the limit is cut at a line or sentence end, with a warning.
TEST(LimitArticleSizeTest, CutsAtSentenceEnd) {
  Document doc;
  doc.path = "big.txt";
  doc.text = DecodeUtf8("قال الوزير.\nوصل الوفد. ثم غادر", nullptr);
  Document copy = doc;
  EXPECT_FALSE(LimitArticleSize(&copy, 1000));
  EXPECT_EQ(copy.text, doc.text);
  EXPECT_TRUE(copy.diagnostics.empty());
  ASSERT_TRUE(LimitArticleSize(&doc, 40));  // "قال الوزير.\nوصل الوفد." is 39 bytes
  EXPECT_EQ(EncodeUtf8(doc.text), "قال الوزير.\nوصل الوفد.");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(doc.diagnostics[0].file, "big.txt");
  EXPECT_NE(doc.diagnostics[0].message.find("over the size limit of 40 bytes"), std::string::npos);
  Document word;  // no sentence end, no space: cut at the limit, on a character boundary
  word.text = DecodeUtf8("الحربالحرب", nullptr);
  ASSERT_TRUE(LimitArticleSize(&word, 5));
  EXPECT_EQ(EncodeUtf8(word.text), "ال");
}

}  // namespace
}  // namespace khabar::extract
