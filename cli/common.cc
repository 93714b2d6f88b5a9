#include "common.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <utility>

namespace fs = std::filesystem;

namespace khabar::cli {

fs::path DataDir() {
  if (const char* env = std::getenv("KHABAR_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  if (fs::is_directory(fs::path(KHABAR_SOURCE_DATA) / "ontology" / "lexicon", ec)) return KHABAR_SOURCE_DATA;
  return KHABAR_INSTALL_DATA;
}

void Note(const std::string& msg) {
  static const bool tty = isatty(STDERR_FILENO) != 0;
  if (!tty) {
    std::cerr << "khabar: " << msg << "\n";
    return;
  }
  std::string shown;
  for (char c : msg) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n') || u == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", u);
      shown += buf;
    } else {
      shown.push_back(c);
    }
  }
  std::cerr << "khabar: " << shown << "\n";
}

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

Progress::Progress(std::size_t total, bool enabled, std::string unit)
    : total_(total), unit_(std::move(unit)), enabled_(enabled && isatty(STDERR_FILENO)) {}

void Progress::Update(std::size_t done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (done != total_ && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  double elapsed = std::chrono::duration<double>(now - start_).count();
  double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0;
  int width = 30;
  int filled = total_ ? static_cast<int>(width * done / total_) : width;
  std::fprintf(
      stderr, "\r[%s%s] %zu/%zu %s  %.0f/s  ETA %.0f s ", std::string(static_cast<std::size_t>(filled), '#').c_str(),
      std::string(static_cast<std::size_t>(width - filled), '.').c_str(), done, total_, unit_.c_str(), rate, eta);
  if (done == total_) std::fprintf(stderr, "\n");
}

}  // namespace khabar::cli
