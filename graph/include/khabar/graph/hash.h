// Bit mixing for the hashes of graph/ and the CLI (term store slots, registry content hashes, --shard slices).
#ifndef KHABAR_GRAPH_HASH_H_
#define KHABAR_GRAPH_HASH_H_

#include <cstdint>

namespace khabar::graph {

// splitmix64's finaliser: every input bit reaches every output bit, so that the low bits of a hash (a
// slot, a remainder) and its high bits are independent. The same on every machine: --shard slices and
// registry hashes depend on it.
constexpr std::uint64_t Mix64(std::uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

}  // namespace khabar::graph

#endif  // KHABAR_GRAPH_HASH_H_
