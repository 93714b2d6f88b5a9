// UnionFind (graph/src/merge.h) checked against a model: the transitive closure of the same alias pairs
// computed the naive way (repeated relaxation of labels to the smallest reachable member).
#include "merge.h"  // first: proves the internal header is self-contained

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace khabar::graph::internal {
namespace {

using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;

// The model: label[i] = smallest element connected to i, by relaxing every pair until nothing changes.
std::vector<std::size_t> NaiveClosure(std::size_t n, const Pairs& pairs) {
  std::vector<std::size_t> label(n);
  std::iota(label.begin(), label.end(), 0);
  for (bool changed = true; changed;) {
    changed = false;
    for (auto [a, b] : pairs) {
      const std::size_t m = std::min(label[a], label[b]);
      if (label[a] != m || label[b] != m) {
        label[a] = label[b] = m;
        changed = true;
      }
    }
  }
  return label;
}

// A partition as a set of sets, to compare two partitions whatever their representatives.
std::set<std::set<std::size_t>> Partition(const std::vector<std::size_t>& label) {
  std::vector<std::set<std::size_t>> by(label.size());
  for (std::size_t i = 0; i < label.size(); ++i) by[label[i]].insert(i);
  std::set<std::set<std::size_t>> out;
  for (auto& s : by) {
    if (!s.empty()) out.insert(std::move(s));
  }
  return out;
}

TEST(UnionFindTest, SingletonsAtStart) {
  UnionFind uf(5);
  EXPECT_EQ(uf.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(uf.Find(i), i);
}

TEST(UnionFindTest, FindReturnsTheSmallestMemberWhateverTheUnionOrder) {
  UnionFind uf(10);
  uf.Union(9, 7);
  uf.Union(7, 8);
  EXPECT_EQ(uf.Find(9), 7u);
  EXPECT_EQ(uf.Find(8), 7u);
  uf.Union(8, 3);  // the larger set absorbs {3}, but 3 becomes the representative
  for (std::size_t x : {3u, 7u, 8u, 9u}) EXPECT_EQ(uf.Find(x), 3u) << x;
  uf.Union(3, 3);
  uf.Union(9, 8);  // already joined: no change
  EXPECT_EQ(uf.Find(9), 3u);
  EXPECT_EQ(uf.Find(0), 0u);
  uf.Union(0, 9);
  for (std::size_t x : {0u, 3u, 7u, 8u, 9u}) EXPECT_EQ(uf.Find(x), 0u) << x;
  EXPECT_EQ(uf.Find(1), 1u);
}

TEST(UnionFindTest, AgreesWithNaiveClosureOnRandomAliasSets) {
  std::mt19937 rng(0x6b686162);  // fixed seed: failures reproduce
  struct Shape {
    std::size_t n, pairs;
  };
  // From empty and tiny to large; sparse (mostly singletons), near the giant-component threshold, dense.
  for (Shape shape :
       {Shape{0, 0}, Shape{1, 3}, Shape{2, 1}, Shape{5, 3}, Shape{10, 4}, Shape{10, 30}, Shape{50, 20}, Shape{100, 50},
        Shape{100, 400}, Shape{1000, 300}, Shape{1000, 500}, Shape{1000, 3000}, Shape{5000, 2500}}) {
    for (int round = 0; round < 5; ++round) {
      SCOPED_TRACE("n=" + std::to_string(shape.n) + " pairs=" + std::to_string(shape.pairs) + " round " +
                   std::to_string(round));
      Pairs pairs;
      if (shape.n > 0) {
        std::uniform_int_distribution<std::size_t> pick(0, shape.n - 1);
        for (std::size_t k = 0; k < shape.pairs; ++k) pairs.emplace_back(pick(rng), pick(rng));
      }
      UnionFind uf(shape.n);
      for (auto [a, b] : pairs) uf.Union(a, b);
      const std::vector<std::size_t> model = NaiveClosure(shape.n, pairs);
      std::vector<std::size_t> got(shape.n);
      for (std::size_t i = 0; i < shape.n; ++i) got[i] = uf.Find(i);
      ASSERT_EQ(Partition(got), Partition(model));
      // Not only the same partition: the same representatives (the smallest member).
      ASSERT_EQ(got, model);
      // Find is stable: asking again (after path halving changed parents) gives the same answers.
      for (std::size_t i = 0; i < shape.n; ++i) ASSERT_EQ(uf.Find(i), model[i]);
    }
  }
}

TEST(UnionFindTest, ResultDoesNotDependOnTheOrderOfUnions) {
  std::mt19937 rng(7);
  const std::size_t n = 300;
  std::uniform_int_distribution<std::size_t> pick(0, n - 1);
  Pairs pairs;
  for (int k = 0; k < 250; ++k) pairs.emplace_back(pick(rng), pick(rng));
  UnionFind forward(n);
  for (auto [a, b] : pairs) forward.Union(a, b);
  for (int shuffle = 0; shuffle < 10; ++shuffle) {
    Pairs order = pairs;
    std::shuffle(order.begin(), order.end(), rng);
    UnionFind other(n);
    for (auto [a, b] : order) {
      if (shuffle % 2 == 0) std::swap(a, b);
      other.Union(a, b);
    }
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(other.Find(i), forward.Find(i)) << i;
  }
}

TEST(UnionFindTest, LongChainIsFlattened) {
  // A worst case for naive union-find: a chain joined end to end. Every member finds 0.
  const std::size_t n = 100000;
  UnionFind uf(n);
  for (std::size_t i = n - 1; i > 0; --i) uf.Union(i, i - 1);
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(uf.Find(i), 0u);
}

}  // namespace
}  // namespace khabar::graph::internal
