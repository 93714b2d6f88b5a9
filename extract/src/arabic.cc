#include "khabar/extract/arabic.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <numeric>

#include "khabar/extract/document.h"

namespace khabar::extract {
namespace {

bool IsDroppedMark(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 ||    // tashkeel, superscript alef, tatweel
         (c >= 0x0610 && c <= 0x061A) || (c >= 0x06D6 && c <= 0x06ED) ||  // Quranic marks
         c == 0x200B || c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F || c == 0x061C || c == 0xFEFF ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

char32_t MapLetter(char32_t c) {
  switch (c) {
    case 0x0623:  // أ
    case 0x0625:  // إ
    case 0x0622:  // آ
    case 0x0671:  // ٱ
    case 0x0672:
    case 0x0673:
      return 0x0627;  // ا
    case 0x0624:
      return 0x0648;  // ؤ → و
    case 0x0626:
      return 0x064A;  // ئ → ي
    case 0x0649:
      return 0x064A;  // ى → ي
    case 0x06CC:
      return 0x064A;  // Persian yeh → ي
    case 0x0629:
      return 0x0647;  // ة → ه
    case 0x06A9:
      return 0x0643;  // Persian kaf → ك
    case 0x06AF:
      return 0x06AF;  // گ kept (phonetic key maps it)
    default:
      break;
  }
  if (c >= 0x0660 && c <= 0x0669) return U'0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return U'0' + (c - 0x06F0);
  if (c >= U'A' && c <= U'Z') return c + 32;
  return c;
}

bool NeedsNfkc(char32_t c) {
  return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0xFF00 && c <= 0xFFEF) || c == 0x00A0 ||
         (c >= 0x2000 && c <= 0x200A);
}

}  // namespace

void AppendKey(char32_t c, std::u32string* out) {
  if (IsDroppedMark(c)) return;
  if (NeedsNfkc(c)) {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
    if (U_SUCCESS(err)) {
      icu::UnicodeString src(static_cast<UChar32>(c));
      icu::UnicodeString dst = nfkc->normalize(src, err);
      if (U_SUCCESS(err)) {
        for (int32_t i = 0; i < dst.length();) {
          UChar32 d = dst.char32At(i);
          i += U16_LENGTH(d);
          if (!IsDroppedMark(static_cast<char32_t>(d))) out->push_back(MapLetter(static_cast<char32_t>(d)));
        }
        return;
      }
    }
  }
  out->push_back(MapLetter(c));
}

std::u32string MatchKey(std::u32string_view text) {
  std::u32string out, key;
  bool space = false;
  for (char32_t c : text) {
    // Spaces are collapsed after keying: NFKC turns some characters into several, spaces included
    // (U+FE7A ARABIC FATHA ISOLATED FORM → " َ", U+FDFA → four words, U+2002 → " ").
    key.clear();
    AppendKey(c, &key);
    for (char32_t k : key) {
      if (k == U' ' || k == U'\t' || k == U'\n' || k == U'\r' || k == 0x00A0) {
        space = !out.empty();
        continue;
      }
      if (space) out.push_back(U' ');
      space = false;
      out.push_back(k);
    }
  }
  return out;
}

std::u32string MatchKeyUtf8(std::string_view utf8) { return MatchKey(DecodeUtf8(utf8, nullptr)); }

bool IsArabicLetter(char32_t c) {
  return (c >= 0x0621 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFC);
}

bool IsDigitChar(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
  // Invisible marks (ZWNJ, ZWJ, LRM, RLM, ALM) inside a word keep it one word; the key drops them.
  if (IsArabicLetter(c) || IsDigitChar(c) || IsDroppedMark(c)) return c != 0x200B && c != 0xFEFF;
  int8_t cat = static_cast<int8_t>(u_charType(static_cast<UChar32>(c)));
  return cat == U_UPPERCASE_LETTER || cat == U_LOWERCASE_LETTER || cat == U_TITLECASE_LETTER ||
         cat == U_MODIFIER_LETTER || cat == U_OTHER_LETTER || cat == U_NON_SPACING_MARK ||
         cat == U_COMBINING_SPACING_MARK || cat == U_DECIMAL_DIGIT_NUMBER;
}

std::u32string PhoneticKey(std::u32string_view key) {
  std::u32string out;
  std::size_t word_start = 0;
  for (std::size_t i = 0; i < key.size(); ++i) {
    char32_t c = key[i];
    if (c == U' ') {
      out.push_back(c);
      word_start = out.size();
      continue;
    }
    bool first = out.size() == word_start;
    bool last = i + 1 == key.size() || key[i + 1] == U' ';
    char32_t m = c;
    switch (c) {
      case 0x062C:  // ج
      case 0x063A:  // غ
      case 0x0643:  // ك
      case 0x0642:  // ق
      case 0x06AF:  // گ
        m = U'g';
        break;
      case 0x062B:   // ث
      case 0x0635:   // ص
        m = 0x0633;  // س
        break;
      case 0x0630:   // ذ
      case 0x0638:   // ظ
        m = 0x0632;  // ز
        break;
      case 0x0636:   // ض
        m = 0x062F;  // د
        break;
      case 0x0637:   // ط
        m = 0x062A;  // ت
        break;
      case 0x062D:   // ح
        m = 0x0647;  // ه
        break;
      case 0x0627:             // ا
      case 0x0648:             // و
      case 0x064A:             // ي
      case 0x0639:             // ع
      case 0x0621:             // ء
        if (!first) continue;  // long vowels and glottal consonants vary in transliteration
        m = U'a';
        break;
      case 0x0647:  // ه / ة at the end
        if (last && !first) continue;
        break;
      default:
        break;
    }
    if (!out.empty() && out.back() == m && !first) continue;  // doubled letters
    out.push_back(m);
  }
  return out;
}

std::size_t BoundedEditDistance(std::u32string_view a, std::u32string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  std::vector<std::size_t> prev(a.size() + 1), cur(a.size() + 1);
  std::iota(prev.begin(), prev.end(), 0);
  for (std::size_t j = 1; j <= b.size(); ++j) {
    cur[0] = j;
    std::size_t row_min = cur[0];
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t sub = prev[i - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[i] = std::min({prev[i] + 1, cur[i - 1] + 1, sub});
      row_min = std::min(row_min, cur[i]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[a.size()], limit + 1);
}

std::string AsciiSlug(std::u32string_view key) {
  // Each Arabic letter is one ASCII letter (case distinguishes emphatics and digraph sounds), so the
  // mapping is injective and stays readable: نازلي → nazly, خالد → xald. Latin letters (only lower case in
  // keys) are written between '-' so they cannot be read as Arabic; a space is '_'; digits are themselves;
  // anything else is "-UXXXX-" (upper-case hex: a Latin run is lower case). Only [A-Za-z0-9_-] appear.
  static constexpr struct {
    char32_t c;
    char s;
  } kMap[] = {
      {0x0621, 'e'}, {0x0627, 'a'}, {0x0628, 'b'}, {0x062A, 't'}, {0x062B, 'C'}, {0x062C, 'j'},
      {0x062D, 'H'}, {0x062E, 'x'}, {0x062F, 'd'}, {0x0630, 'V'}, {0x0631, 'r'}, {0x0632, 'z'},
      {0x0633, 's'}, {0x0634, 'c'}, {0x0635, 'S'}, {0x0636, 'D'}, {0x0637, 'T'}, {0x0638, 'Z'},
      {0x0639, 'E'}, {0x063A, 'G'}, {0x0641, 'f'}, {0x0642, 'q'}, {0x0643, 'k'}, {0x0644, 'l'},
      {0x0645, 'm'}, {0x0646, 'n'}, {0x0647, 'h'}, {0x0648, 'w'}, {0x064A, 'y'}, {0x06AF, 'g'},
  };
  std::string out;
  bool latin = false;
  for (char32_t c : key) {
    bool is_latin = c >= U'a' && c <= U'z';
    if (is_latin != latin) {
      out += '-';
      latin = is_latin;
    }
    if (is_latin || (c >= U'0' && c <= U'9')) {
      out += static_cast<char>(c);
      continue;
    }
    if (c == U' ') {
      out += '_';
      continue;
    }
    char m = 0;
    for (const auto& e : kMap) {
      if (e.c == c) m = e.s;
    }
    if (m != 0) {
      out += m;
    } else {
      char buf[16];
      std::snprintf(buf, sizeof buf, "-U%X-", static_cast<unsigned>(c));  // upper case: never a Latin run
      out += buf;
    }
  }
  if (latin) out += '-';
  return out;
}

std::vector<Token> Tokenize(std::u32string_view text) {
  std::vector<Token> tokens;
  const auto n = static_cast<std::uint32_t>(text.size());
  std::uint32_t i = 0;
  while (i < n) {
    char32_t c = text[i];
    if (c == U'\n') {
      Token t;
      t.kind = Token::Kind::kNewline;
      t.begin = i;
      t.end = i + 1;
      tokens.push_back(std::move(t));
      ++i;
      continue;
    }
    // Invisible format marks outside a word are like spaces (inside one they stay, see IsWordChar).
    bool format_mark =
        (c >= 0x200C && c <= 0x200F) || c == 0x061C || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    if (c == U' ' || c == U'\t' || c == U'\r' || c == 0x00A0 || c == 0x200B || c == 0xFEFF ||
        (c >= 0x2000 && c <= 0x200A) || c == 0x3000 || format_mark) {
      ++i;
      continue;
    }
    if (!IsWordChar(c)) {
      Token t;
      t.kind = Token::Kind::kPunct;
      t.begin = i;
      t.end = i + 1;
      AppendKey(c, &t.key);
      t.key_pos.assign(t.key.size(), i);
      tokens.push_back(std::move(t));
      ++i;
      continue;
    }
    Token t;
    t.begin = i;
    bool all_digits = true;
    while (i < n && IsWordChar(text[i])) {
      // Digits glued to an Arabic word by careless editing (إلى69، و170) are a number of their own.
      if (i > t.begin && IsDigitChar(text[i]) && IsArabicLetter(text[i - 1])) break;
      std::size_t before = t.key.size();
      AppendKey(text[i], &t.key);
      t.key_pos.resize(t.key.size(), i);
      if (!IsDigitChar(text[i])) all_digits = false;
      ++i;
      (void)before;
    }
    t.end = i;
    // Trailing format marks belong to no word: the span ends at the last visible character.
    while (t.end > t.begin && ((text[t.end - 1] >= 0x200C && text[t.end - 1] <= 0x200F) || text[t.end - 1] == 0x061C ||
                               (text[t.end - 1] >= 0x202A && text[t.end - 1] <= 0x202E) ||
                               (text[t.end - 1] >= 0x2066 && text[t.end - 1] <= 0x2069))) {
      --t.end;
    }
    if (t.key.empty()) continue;  // only marks
    t.kind = all_digits ? Token::Kind::kNumber : Token::Kind::kWord;
    tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace khabar::extract
