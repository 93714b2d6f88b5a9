// Internal to extract/: from candidates to mentions.
#pragma once

#include <vector>

#include "extractor_impl.h"

namespace khabar::extract {

// Resolves overlaps between candidates: longest span first, then rule priority (lower wins), then position;
// a candidate overlapping one already taken, or with an empty span, is dropped. Returns the indices of the
// accepted candidates in text order. `text_size` is the article's length in characters.
std::vector<std::size_t> ResolveOverlaps(const std::vector<Candidate>& cands, std::size_t text_size);

}  // namespace khabar::extract
