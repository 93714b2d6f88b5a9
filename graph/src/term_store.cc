// The compact term store: term text in a chunked arena, three small arrays per term and an
// open-addressing hash index of 8-byte slots.
//
// Why not std::unordered_map<std::string, TermId> and std::vector<Term>: a Term is three
// std::strings (96 bytes before any heap block) and the map keeps a second copy of the text as its
// key plus a node; measured at about 350 bytes a term, which made terms most of the memory of a
// large build (docs/performance.md). Here a term costs its text plus about 22 bytes.
#include <algorithm>
#include <functional>
#include <numeric>
#include <thread>

#include "khabar/graph/graph.h"
#include "khabar/graph/hash.h"
#include "khabar/ontology/vocab.h"

namespace khabar::graph {

namespace {

constexpr std::size_t kBlockSize = std::size_t{1} << 26;  // 64 MiB; pages are touched only when used
constexpr std::size_t kBigValue = kBlockSize / 4;         // longer values get a block of their own

bool IsRdfType(const TermView& t) {
  static constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
  return t.kind == Term::Kind::kIri && t.value == kRdfType;
}

}  // namespace

bool TermOutputLess(const TermView& a, const TermView& b) {
  bool at = IsRdfType(a), bt = IsRdfType(b);
  if (at != bt) return at;  // rdf:type sorts first
  if (a.kind != b.kind) return a.kind < b.kind;
  if (int c = a.value.compare(b.value); c != 0) return c < 0;
  if (int c = a.lang.compare(b.lang); c != 0) return c < 0;
  return a.datatype < b.datatype;
}

struct TermStore::Arena {
  std::vector<std::unique_ptr<char[]>> blocks;
  std::vector<std::size_t> sizes;  // bytes used per block
  std::size_t current = SIZE_MAX;  // the block being filled
  std::size_t bytes = 0;           // allocated

  std::uint64_t Put(std::string_view v) {
    if (v.size() > kBigValue) {
      blocks.push_back(std::make_unique_for_overwrite<char[]>(v.size()));
      sizes.push_back(v.size());
      bytes += v.size();
      std::copy(v.begin(), v.end(), blocks.back().get());
      return static_cast<std::uint64_t>(blocks.size() - 1) << 32;
    }
    if (current == SIZE_MAX || sizes[current] + v.size() > kBlockSize) {
      blocks.push_back(std::make_unique_for_overwrite<char[]>(kBlockSize));
      sizes.push_back(0);
      bytes += kBlockSize;
      current = blocks.size() - 1;
    }
    std::size_t off = sizes[current];
    std::copy(v.begin(), v.end(), blocks[current].get() + off);
    sizes[current] += v.size();
    return static_cast<std::uint64_t>(current) << 32 | off;
  }
  std::string_view At(std::uint64_t loc, std::uint32_t len) const {
    return {blocks[loc >> 32].get() + (loc & 0xFFFFFFFFu), len};
  }
};

TermStore::TermStore() : arena_(std::make_unique<Arena>()) {}
TermStore::~TermStore() = default;

std::uint64_t TermStore::Hash(std::uint16_t tag, std::string_view value) {
  std::uint64_t h = std::hash<std::string_view>{}(value) ^ (std::uint64_t{tag} * 0x9E3779B97F4A7C15ull);
  return Mix64(h);  // so that the low bits (slot) and the high bits (check) are independent
}

std::uint16_t TermStore::TagFor(Term::Kind kind, std::string_view lang, std::string_view datatype) {
  for (std::size_t i = 0; i < tags_.size(); ++i) {
    if (tags_[i].kind == kind && tags_[i].lang == lang && tags_[i].datatype == datatype) {
      return static_cast<std::uint16_t>(i);
    }
  }
  tags_.push_back({kind, std::string(lang), std::string(datatype)});
  return static_cast<std::uint16_t>(tags_.size() - 1);
}

TermView TermStore::View(TermId id) const {
  const Tag& t = tags_[tag_[id]];
  return {t.kind, arena_->At(loc_[id], len_[id]), t.lang, t.datatype};
}

void TermStore::Rehash(std::size_t capacity) {
  std::vector<std::uint64_t>().swap(index_);
  index_.assign(capacity, 0);
  const std::size_t mask = capacity - 1;
  for (TermId id = 0; id < len_.size(); ++id) {
    std::uint64_t h = Hash(tag_[id], arena_->At(loc_[id], len_[id]));
    std::size_t slot = h & mask;
    while (index_[slot] != 0) slot = (slot + 1) & mask;
    index_[slot] = (h >> 32) << 32 | (std::uint64_t{id} + 1);
  }
}

TermId TermStore::Intern(Term::Kind kind, std::string_view value, std::string_view lang, std::string_view datatype) {
  // The common tags (IRI; plain literal) are found without the loop of TagFor.
  std::uint16_t tag;
  if (!tags_.empty() && tags_[0].kind == kind && lang.empty() && datatype.empty() && tags_[0].lang.empty() &&
      tags_[0].datatype.empty()) {
    tag = 0;
  } else {
    tag = TagFor(kind, lang, datatype);
  }
  // Keep the load under 0.6 (and rebuild the index dropped by SortInOutputOrder).
  if (index_.empty() || (len_.size() + 1) * 10 > index_.size() * 6) {
    std::size_t cap = 1024;
    while ((len_.size() + 1) * 10 > cap * 6) cap *= 2;
    if (cap < index_.size() * 2 && !index_.empty()) cap = index_.size() * 2;
    Rehash(cap);
  }
  const std::uint64_t h = Hash(tag, value);
  const std::size_t mask = index_.size() - 1;
  const std::uint64_t check = h >> 32;
  for (std::size_t slot = h & mask;; slot = (slot + 1) & mask) {
    std::uint64_t e = index_[slot];
    if (e == 0) {
      auto id = static_cast<TermId>(len_.size());
      loc_.push_back(arena_->Put(value));
      len_.push_back(static_cast<std::uint32_t>(value.size()));
      tag_.push_back(tag);
      index_[slot] = check << 32 | (std::uint64_t{id} + 1);
      ordered_ = false;
      return id;
    }
    if ((e >> 32) != check) continue;
    auto id = static_cast<TermId>((e & 0xFFFFFFFFu) - 1);
    if (tag_[id] == tag && len_[id] == value.size() && arena_->At(loc_[id], len_[id]) == value) return id;
  }
}

std::size_t TermStore::MemoryBytes() const {
  return arena_->bytes + loc_.capacity() * sizeof(std::uint64_t) + len_.capacity() * sizeof(std::uint32_t) +
         tag_.capacity() * sizeof(std::uint16_t) + index_.capacity() * sizeof(std::uint64_t);
}

std::vector<TermId> TermStore::SortInOutputOrder(unsigned threads) {
  const std::size_t n = len_.size();
  std::vector<TermId> ids(n);
  std::iota(ids.begin(), ids.end(), 0);
  auto less = [this](TermId a, TermId b) { return TermOutputLess(View(a), View(b)); };
  // The index is not needed while sorting; free it now and rebuild it if a term is interned later.
  std::vector<std::uint64_t>().swap(index_);
  if (threads >= 2 && n >= 100000) {
    // Sort two halves on two threads, then merge: the sort dominates Finish() on large corpora.
    auto mid = ids.begin() + static_cast<std::ptrdiff_t>(n / 2);
    std::thread t([&] { std::sort(ids.begin(), mid, less); });
    std::sort(mid, ids.end(), less);
    t.join();
    std::inplace_merge(ids.begin(), mid, ids.end(), less);
  } else {
    std::sort(ids.begin(), ids.end(), less);
  }
  std::vector<TermId> new_id(n);
  for (std::size_t r = 0; r < n; ++r) new_id[ids[r]] = static_cast<TermId>(r);
  {
    std::vector<std::uint64_t> loc(n);
    for (std::size_t r = 0; r < n; ++r) loc[r] = loc_[ids[r]];
    loc_.swap(loc);
  }
  {
    std::vector<std::uint32_t> len(n);
    for (std::size_t r = 0; r < n; ++r) len[r] = len_[ids[r]];
    len_.swap(len);
  }
  {
    std::vector<std::uint16_t> tag(n);
    for (std::size_t r = 0; r < n; ++r) tag[r] = tag_[ids[r]];
    tag_.swap(tag);
  }
  ordered_ = true;
  return new_id;
}

}  // namespace khabar::graph
