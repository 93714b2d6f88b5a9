// khabar build, extract and merge: articles in, a graph (or a registry segment) out.
#ifndef KHABAR_CLI_BUILD_H_
#define KHABAR_CLI_BUILD_H_

#include <cstddef>
#include <string>
#include <vector>

#include "khabar/extract/document.h"

namespace khabar::cli {

struct BuildOptions {
  std::vector<std::string> inputs;
  std::string output;
  std::string manifest;
  std::string format;
  std::string lexicon;
  std::vector<std::string> no_merge;
  std::vector<std::string> disabled_passes;
  std::size_t max_article_bytes = extract::kDefaultMaxArticleBytes;
  std::string shard;
  unsigned jobs = 0;
  bool quiet = false;
  // The article registry (docs/registry.md): a directory to continue from and add to (khabar build
  // --registry), articles to remove from it, or a segment file to write instead of a graph (khabar extract).
  std::string registry;
  std::vector<std::string> remove;
  bool extract_only = false;
  // "auto", "on" or "off": a streaming build (graph::GraphOptions::stream), whose memory grows with the
  // entities rather than the triples; auto streams above kStreamAbove articles.
  std::string stream = "auto";
};

// A build of more articles than this streams unless told otherwise (--stream): a whole build in memory
// needs about 2.3 GiB per 100,000 articles of wire copy (docs/performance.md).
inline constexpr std::size_t kStreamAbove = 100000;

struct MergeOptions {
  std::vector<std::string> sources;  // registry directories and segment files
  std::string output, format, lexicon;
  std::vector<std::string> no_merge;
  unsigned jobs = 0;
  bool quiet = false;
  std::string stream = "auto";  // as BuildOptions::stream
};

// khabar build (and khabar extract, with extract_only): reads and extracts the articles on worker threads,
// adds them to the graph in id order (or to a registry segment) and writes the graph atomically. Returns
// an exit code (common.h) after reporting every problem on stderr.
int RunBuild(const BuildOptions& o);

// khabar merge: the graph of the articles held by registries and segment files (the shards of
// `khabar extract --shard`), built as a whole build builds it.
int RunMerge(const MergeOptions& o);

}  // namespace khabar::cli

#endif  // KHABAR_CLI_BUILD_H_
