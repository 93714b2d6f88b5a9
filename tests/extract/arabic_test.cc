// Arabic match keys, tokens, phonetic keys, edit distance and slugs: each key rule of arabic.h checked
// on its own, offsets checked against the original text, the edit distance against a plain model.
#include "khabar/extract/arabic.h"  // first: proves the header is self-contained

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "khabar/extract/document.h"

namespace khabar::extract {
namespace {

using ::testing::ElementsAre;

std::u32string U32(std::string_view utf8) { return DecodeUtf8(utf8, nullptr); }
std::string Key(std::string_view utf8) { return EncodeUtf8(MatchKeyUtf8(utf8)); }

// ---------------------------------------------------------------------------------------------------
// MatchKey

TEST(MatchKeyTest, AlefFormsBecomeBareAlef) {
  EXPECT_EQ(Key("أحمد"), "احمد");
  EXPECT_EQ(Key("إبراهيم"), "ابراهيم");
  EXPECT_EQ(Key("آسيا"), "اسيا");
  EXPECT_EQ(Key("\u0671لله"), "الله");  // alef wasla
  EXPECT_EQ(Key("أإآٱا"), "ااااا");
}

TEST(MatchKeyTest, HamzaSeatsBecomeTheirLetters) {
  EXPECT_EQ(Key("مؤتمر"), "موتمر");  // ؤ → و
  EXPECT_EQ(Key("رئيس"), "رييس");    // ئ → ي
  EXPECT_EQ(Key("ء"), "ء");          // a bare hamza stays
}

TEST(MatchKeyTest, AlefMaqsuraAndTehMarbuta) {
  EXPECT_EQ(Key("موسى"), "موسي");
  EXPECT_EQ(Key("مصطفى"), Key("مصطفي"));
  EXPECT_EQ(Key("مدينة"), "مدينه");
  EXPECT_EQ(Key("غزة"), Key("غزه"));
}

TEST(MatchKeyTest, TashkeelAndTatweelAreDropped) {
  EXPECT_EQ(Key("مُحَمَّدٌ"), "محمد");
  EXPECT_EQ(Key("أَذْرَبِيجَانُ"), "اذربيجان");
  EXPECT_EQ(Key("هٰذا"), "هذا");  // superscript alef
  EXPECT_EQ(Key("محـــمد"), "محمد");
  EXPECT_EQ(Key("الســـودان"), Key("السودان"));
}

TEST(MatchKeyTest, InvisibleFormatMarksAreDropped) {
  EXPECT_EQ(Key("أذرب\u200Cيجان"), "اذربيجان");  // ZWNJ
  EXPECT_EQ(Key("أذرب\u200Dيجان"), "اذربيجان");  // ZWJ
  EXPECT_EQ(Key("أذرب\u200Fيجان"), "اذربيجان");  // RLM
  EXPECT_EQ(Key("أذرب\u200Eيجان"), "اذربيجان");  // LRM
  EXPECT_EQ(Key("\u061Cأذربيجان"), "اذربيجان");  // ALM
  EXPECT_EQ(Key("\u202Bنص\u202C"), "نص");        // embedding controls
}

TEST(MatchKeyTest, ArabicIndicAndPersianDigitsBecomeAscii) {
  EXPECT_EQ(Key("٠١٢٣٤٥٦٧٨٩"), "0123456789");
  EXPECT_EQ(Key("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
  EXPECT_EQ(Key("٣٥ شخصا"), "35 شخصا");
}

TEST(MatchKeyTest, PresentationFormsAreNormalisedNfkc) {
  EXPECT_EQ(Key("\uFEFB"), "لا");                                  // lam-alef ligature, isolated
  EXPECT_EQ(Key("\uFEF7"), "لا");                                  // lam-alef with hamza above → لأ → لا
  EXPECT_EQ(Key("\uFE8D\uFEDF\uFEE4\uFEE0\uFE8E"), Key("الملا"));  // contextual forms of letters
  EXPECT_EQ(Key("\uFE83"), "ا");                                   // isolated alef with hamza above
  EXPECT_EQ(Key("\uFE93"), "ه");                                   // isolated teh marbuta → ة → ه
  EXPECT_EQ(Key("\uFDF2"), Key("الله"));                           // the Allah ligature
  EXPECT_EQ(Key("\uFF21\uFF22"), "ab");                            // fullwidth Latin, lower-cased
}

TEST(MatchKeyTest, LatinIsLowerCasedAndSpacesCollapse) {
  EXPECT_EQ(Key("TRT"), "trt");
  EXPECT_EQ(Key("  الأمم \t  المتحدة\n "), "الامم المتحده");
  EXPECT_EQ(Key("a\u00A0b"), "a b");  // no-break space separates like a space
  EXPECT_EQ(Key(""), "");
  EXPECT_EQ(Key("   "), "");
}

TEST(MatchKeyTest, AppendKeyMapsOneCodePoint) {
  std::u32string out;
  AppendKey(U'\u0623', &out);  // أ
  AppendKey(U'\u064E', &out);  // fatha: nothing
  AppendKey(U'\u0640', &out);  // tatweel: nothing
  AppendKey(U'\u0669', &out);  // ٩
  AppendKey(U'\uFEFB', &out);  // ﻻ: two code points
  EXPECT_EQ(EncodeUtf8(out), "ا9لا");
}

TEST(MatchKeyTest, CharacterClasses) {
  EXPECT_TRUE(IsArabicLetter(U'ب'));
  EXPECT_FALSE(IsArabicLetter(U'b'));
  EXPECT_FALSE(IsArabicLetter(U'،'));
  EXPECT_TRUE(IsDigitChar(U'7'));
  EXPECT_TRUE(IsDigitChar(U'\u0667'));
  EXPECT_TRUE(IsDigitChar(U'\u06F7'));
  EXPECT_FALSE(IsDigitChar(U'a'));
  EXPECT_TRUE(IsWordChar(U'\u064B'));  // tashkeel continues a word
  EXPECT_TRUE(IsWordChar(U'\u0640'));  // tatweel
  EXPECT_TRUE(IsWordChar(U'\u200C'));  // ZWNJ
  EXPECT_FALSE(IsWordChar(U' '));
  EXPECT_FALSE(IsWordChar(U'،'));
  EXPECT_FALSE(IsWordChar(U'.'));
}

// ---------------------------------------------------------------------------------------------------
// Tokenize

// "token text" (from the original), kind, and key, for readable comparisons.
std::vector<std::string> Dump(const std::u32string& text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) {
    const char* kind = t.kind == Token::Kind::kWord     ? "w"
                       : t.kind == Token::Kind::kNumber ? "n"
                       : t.kind == Token::Kind::kPunct  ? "p"
                                                        : "nl";
    out.push_back(EncodeUtf8(text.substr(t.begin, t.end - t.begin)) + "|" + kind + "|" + EncodeUtf8(t.key));
  }
  return out;
}

TEST(TokenizeTest, WordsNumbersPunctuationAndLineBreaks) {
  const std::u32string text = U32("قال الوزير، إن ٣٥ شخصا قتلوا.\nعنوان");
  EXPECT_THAT(Dump(text), ElementsAre("قال|w|قال", "الوزير|w|الوزير", "،|p|،", "إن|w|ان", "٣٥|n|35", "شخصا|w|شخصا",
                                      "قتلوا|w|قتلوا", ".|p|.", "\n|nl|", "عنوان|w|عنوان"));
}

TEST(TokenizeTest, OffsetsAreCodePointsIntoTheOriginalText) {
  // Tashkeel inside a word: the token spans the marks, its key does not contain them, and key_pos maps
  // each key letter back to its own position in the original text.
  const std::u32string text = U32("قالَ مُحَمَّدٌ: نعم");
  std::vector<Token> toks = Tokenize(text);
  ASSERT_EQ(toks.size(), 4u);

  EXPECT_EQ(toks[0].begin, 0u);
  EXPECT_EQ(toks[0].end, 4u);  // ق ا ل َ
  EXPECT_EQ(EncodeUtf8(toks[0].key), "قال");
  EXPECT_THAT(toks[0].key_pos, ElementsAre(0u, 1u, 2u));

  // م ُ ح َ م َ ّ د ٌ  at 5..13
  EXPECT_EQ(toks[1].begin, 5u);
  EXPECT_EQ(toks[1].end, 14u);
  EXPECT_EQ(EncodeUtf8(toks[1].key), "محمد");
  EXPECT_THAT(toks[1].key_pos, ElementsAre(5u, 7u, 9u, 12u));
  ASSERT_EQ(toks[1].key_pos.size(), toks[1].key.size());
  for (std::size_t i = 0; i < toks[1].key.size(); ++i) {
    // The mapped original code point has the key letter as its own key.
    std::u32string k;
    AppendKey(text[toks[1].key_pos[i]], &k);
    EXPECT_EQ(k, toks[1].key.substr(i, 1)) << i;
  }

  EXPECT_EQ(toks[2].kind, Token::Kind::kPunct);
  EXPECT_EQ(toks[2].begin, 14u);
  EXPECT_EQ(toks[3].begin, 16u);
  EXPECT_EQ(toks[3].end, 19u);
}

TEST(TokenizeTest, KeyPositionsOfLigatureAndTatweel) {
  // ﻻ expands to two key letters that both map to the ligature's one code point.
  const std::u32string text = U32("\uFEFBمحـمد");
  std::vector<Token> toks = Tokenize(text);
  ASSERT_EQ(toks.size(), 1u);
  EXPECT_EQ(EncodeUtf8(toks[0].key), "لامحمد");
  EXPECT_THAT(toks[0].key_pos, ElementsAre(0u, 0u, 1u, 2u, 4u, 5u));
  EXPECT_EQ(toks[0].end, 6u);
}

TEST(TokenizeTest, ZwnjInsideAWordKeepsOneToken) {
  const std::u32string text = U32("أذرب\u200Cيجان");
  std::vector<Token> toks = Tokenize(text);
  ASSERT_EQ(toks.size(), 1u);
  EXPECT_EQ(EncodeUtf8(toks[0].key), "اذربيجان");
  EXPECT_EQ(toks[0].end, 9u);
}

TEST(TokenizeTest, WhitespaceKindsProduceNoTokens) {
  const std::u32string text = U32("أ\u00A0ب\tج\r\nد\u2003هـ");
  EXPECT_THAT(Dump(text), ElementsAre("أ|w|ا", "ب|w|ب", "ج|w|ج", "\n|nl|", "د|w|د", "هـ|w|ه"));
  EXPECT_TRUE(Tokenize(U"").empty());
  EXPECT_TRUE(Tokenize(U"   ").empty());
}

// Digits after an Arabic letter start a token of their own (إلى69، و170: careless editing); letters after
// digits stay in the digits' word.
TEST(TokenizeTest, MixedDigitsAndLettersAreAWord) {
  EXPECT_THAT(Dump(U32("فرانس 24 و٢٤ب")), ElementsAre("فرانس|w|فرانس", "24|n|24", "و|w|و", "٢٤ب|w|24ب"));
  EXPECT_THAT(Dump(U32("إلى69")), ElementsAre("إلى|w|الي", "69|n|69"));
}

// ---------------------------------------------------------------------------------------------------
// PhoneticKey

std::u32string Phon(std::string_view utf8) { return PhoneticKey(MatchKeyUtf8(utf8)); }

TEST(PhoneticKeyTest, TransliterationVariantsShareAKey) {
  EXPECT_EQ(Phon("غوتيريش"), Phon("جوتيريش"));
  EXPECT_EQ(Phon("غوتيريش"), Phon("غوتيرش"));
  EXPECT_EQ(Phon("باشينيان"), Phon("باشنيان"));
  EXPECT_EQ(Phon("ستولتنبرغ"), Phon("ستولتنبرج"));
  EXPECT_EQ(Phon("أنطونيو غوتيريش"), Phon("انطونيو جوتيرش"));  // word by word
}

TEST(PhoneticKeyTest, DifferentNamesKeepDifferentKeys) {
  EXPECT_NE(Phon("ستيبانيان"), Phon("ستيباناكيرت"));
  EXPECT_NE(Phon("باشينيان"), Phon("بيسكوف"));
  EXPECT_NE(Phon("لافروف"), Phon("لاتشين"));
}

TEST(PhoneticKeyTest, FirstLetterOfAWordIsKept) {
  // A long vowel is dropped inside a word but not at its start: ايفان ≠ فان.
  EXPECT_NE(Phon("ايفان"), Phon("فان"));
  EXPECT_EQ(Phon("عمر"), Phon("امر")) << "word-initial ع/ا both map to the vowel placeholder";
  EXPECT_EQ(PhoneticKey(U""), U"");
}

// ---------------------------------------------------------------------------------------------------
// BoundedEditDistance, against a plain Levenshtein model.

std::size_t Levenshtein(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
  }
  return d[a.size()][b.size()];
}

TEST(BoundedEditDistanceTest, KnownDistances) {
  EXPECT_EQ(BoundedEditDistance(U"kitten", U"sitting", 5), 3u);
  EXPECT_EQ(BoundedEditDistance(U"kitten", U"sitting", 3), 3u);
  EXPECT_EQ(BoundedEditDistance(U"kitten", U"sitting", 2), 3u) << "over the limit: limit + 1";
  EXPECT_EQ(BoundedEditDistance(U"kitten", U"sitting", 0), 1u);
  EXPECT_EQ(BoundedEditDistance(U"", U"abc", 5), 3u);
  EXPECT_EQ(BoundedEditDistance(U"abc", U"", 1), 2u);
  EXPECT_EQ(BoundedEditDistance(U"same", U"same", 0), 0u);
  EXPECT_EQ(BoundedEditDistance(U"", U"", 0), 0u);
  EXPECT_EQ(BoundedEditDistance(MatchKeyUtf8("غوتيريش"), MatchKeyUtf8("غوتيرش"), 2), 1u);
}

TEST(BoundedEditDistanceTest, AgreesWithLevenshteinBelowTheLimit) {
  std::mt19937 rng(20230930);
  const std::u32string alphabet = U"ابتجدس";
  std::uniform_int_distribution<std::size_t> len(0, 9), letter(0, alphabet.size() - 1), lim(0, 4);
  for (int round = 0; round < 3000; ++round) {
    std::u32string a, b;
    for (std::size_t i = len(rng); i > 0; --i) a.push_back(alphabet[letter(rng)]);
    for (std::size_t i = len(rng); i > 0; --i) b.push_back(alphabet[letter(rng)]);
    const std::size_t limit = lim(rng);
    const std::size_t exact = Levenshtein(a, b);
    const std::size_t got = BoundedEditDistance(a, b, limit);
    ASSERT_EQ(got, std::min(exact, limit + 1))
        << EncodeUtf8(a) << " / " << EncodeUtf8(b) << " limit " << limit << " exact " << exact;
    ASSERT_EQ(BoundedEditDistance(b, a, limit), got) << "symmetric";
  }
}

// ---------------------------------------------------------------------------------------------------
// AsciiSlug

bool IriSafe(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

TEST(AsciiSlugTest, InjectiveOnSimilarKeys) {
  // Keys that differ in one letter, in digraph-looking pairs, in emphatics (case), in word breaks.
  const std::vector<std::string> words{
      "تح",   "ته",    "ث",     "تث",    "ثت",    "كه",  "خ",    "دح",   "ذ",       "سح",     "ش",
      "غ",    "ع",     "س",     "ص",     "ت",     "ط",   "د",    "ض",    "ز",       "ظ",      "ذ ",
      "ح",    "ه",     "هه",    "ا ب",   "اب",    "ا_ب", "دوسه", "دوسي", "ام حجار", "امحجار", "حسن",
      "حسين", "تحسين", "كرنقو", "كرنجو", "غرنقو", "25",  "2 5",  "گ",    "ج",       "ء",
  };
  std::set<std::u32string> keys;
  for (const auto& w : words) keys.insert(MatchKeyUtf8(w));
  std::map<std::string, std::u32string> slug_to_key;
  for (const auto& k : keys) {
    const std::string slug = AsciiSlug(k);
    EXPECT_TRUE(IriSafe(slug)) << EncodeUtf8(k) << " -> " << slug;
    auto [it, fresh] = slug_to_key.emplace(slug, k);
    EXPECT_TRUE(fresh) << "'" << EncodeUtf8(k) << "' and '" << EncodeUtf8(it->second) << "' share slug " << slug;
  }
}

TEST(AsciiSlugTest, OnlyIriSafeCharactersForAnyKey) {
  // Letters outside the table (پ چ ڤ, Latin with diacritics, symbols) are escaped, not copied.
  for (const char* w : {"پاريس", "چين", "ڤولغا", "café", "x+y", "أ/ب", "٣٥", "ﻻ", "a.b", "ا?ب"}) {
    const std::string slug = AsciiSlug(MatchKeyUtf8(w));
    EXPECT_TRUE(IriSafe(slug)) << w << " -> " << slug;
  }
  EXPECT_EQ(AsciiSlug(MatchKeyUtf8("ام حجار")).find(' '), std::string::npos);
  EXPECT_NE(AsciiSlug(MatchKeyUtf8("پ")), AsciiSlug(MatchKeyUtf8("چ")));
}

TEST(AsciiSlugTest, StableSpelling) {
  // Slugs name entities in IRIs: a change here renames every rule-found entity of every stored graph.
  EXPECT_EQ(AsciiSlug(MatchKeyUtf8("كرنقو")), "krnqw");
  EXPECT_EQ(AsciiSlug(MatchKeyUtf8("ام حجار")), "am_Hjar");
  EXPECT_EQ(AsciiSlug(MatchKeyUtf8("خالد الشامي")), "xald_alcamy");
  EXPECT_EQ(AsciiSlug(MatchKeyUtf8("NHL")), "-nhl-");
}

}  // namespace
}  // namespace khabar::extract
