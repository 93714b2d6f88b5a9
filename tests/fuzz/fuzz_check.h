// Invariant checks for the fuzz targets: a broken invariant prints what broke and aborts, which
// libFuzzer reports as a crash and saves the input (crash-<sha1>) for reproduction.
#ifndef KHABAR_TESTS_FUZZ_FUZZ_CHECK_H_
#define KHABAR_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace khabar::fuzz {

[[noreturn]] inline void Fail(const char* file, int line, const char* cond, const std::string& detail) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n  %s\n", file, line, cond, detail.c_str());
  std::abort();
}

// A printable rendering of bytes for failure messages: printable ASCII as is, the rest as \xNN.
inline std::string Show(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

inline std::string Show(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X ", static_cast<unsigned>(c));
    out += buf;
  }
  return out;
}

inline bool IsScalarValue(char32_t c) { return c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF); }

}  // namespace khabar::fuzz

#define KHABAR_FUZZ_CHECK(cond, detail)                                     \
  do {                                                                      \
    if (!(cond)) ::khabar::fuzz::Fail(__FILE__, __LINE__, #cond, (detail)); \
  } while (0)

#endif  // KHABAR_TESTS_FUZZ_FUZZ_CHECK_H_
