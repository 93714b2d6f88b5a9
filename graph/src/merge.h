// Internal: entity merging across articles (not installed).
//
// Tiers, each a named rule that --no-merge can switch off and that is recorded as evidence:
//   lexicon       the same lexicon id (spelling variants listed in the lexicon)
//   derived       the same derived id (azerbaijan_mod): institution + owner state
//   normalised    names found by rule whose match keys are equal (hamza, alef, ى/ي, ة/ه, tashkeel)
//   phonetic      names found by rule whose phonetic keys are equal or one edit apart (غ/ج/ك/ق, long
//                 vowels), same type only, to a lexicon form or another found name
//   partial-name  a one-word person name equal (or phonetically equal) to the last word of exactly
//                 one multi-word person of the corpus
#ifndef KHABAR_GRAPH_MERGE_H_
#define KHABAR_GRAPH_MERGE_H_

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

namespace khabar::graph::internal {

// Union-find with path halving and union by size; Find returns the smallest element of the set as
// its canonical representative, so results do not depend on the order of Union calls. Elements are
// numbered below 2^32 (12 bytes each: a million articles' event reports are tens of millions).
class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n), size_(n, 1), min_(n) {
    std::iota(parent_.begin(), parent_.end(), 0u);
    std::iota(min_.begin(), min_.end(), 0u);
  }
  std::size_t Root(std::size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  // The smallest member of x's set.
  std::size_t Find(std::size_t x) { return min_[Root(x)]; }
  void Union(std::size_t a, std::size_t b) {
    a = Root(a);
    b = Root(b);
    if (a == b) return;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = static_cast<std::uint32_t>(a);
    size_[a] += size_[b];
    if (min_[b] < min_[a]) min_[a] = min_[b];
  }
  std::size_t size() const { return parent_.size(); }

 private:
  std::vector<std::uint32_t> parent_, size_, min_;
};

}  // namespace khabar::graph::internal

#endif  // KHABAR_GRAPH_MERGE_H_
