// What the subcommands of khabar share: exit codes, the data directory, messages and progress on stderr.
#ifndef KHABAR_CLI_COMMON_H_
#define KHABAR_CLI_COMMON_H_

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>

namespace khabar::cli {

// Exit codes (also in --help and README):
//   0  everything went well
//   1  fatal error: output could not be written, lexicon or manifest unreadable, query failed
//   2  usage error (bad option or argument)
//   3  partial: the output was written, but some inputs were skipped (each one reported)
constexpr int kExitOk = 0, kExitFatal = 1, kExitUsage = 2, kExitPartial = 3;

// Where the ontology, lexicon and bundled queries are: KHABAR_DATA_DIR, else the source tree this
// binary was built from, else the installed data directory.
std::filesystem::path DataDir();

// One message on stderr, prefixed "khabar: ". Messages name files and quote data: on a terminal,
// control characters in them (an ESC sequence in a file name) are shown as \xNN rather than acted on.
void Note(const std::string& msg);

// "1.23 s".
std::string Seconds(double s);

// Progress on stderr: a bar with rate and ETA on a terminal, nothing otherwise (a summary follows).
class Progress {
 public:
  // `unit`: what is counted ("articles", "articles written").
  Progress(std::size_t total, bool enabled, std::string unit = "articles");
  void Update(std::size_t done);

 private:
  std::size_t total_;
  std::string unit_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

}  // namespace khabar::cli

#endif  // KHABAR_CLI_COMMON_H_
