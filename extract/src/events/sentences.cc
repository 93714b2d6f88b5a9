// Sentences: the rules scan one sentence at a time.
#include "events/context.h"

namespace khabar::extract::events {

// Split at line breaks and sentence punctuation.
void SplitSentences(const Extractor::Impl&, EventContext& ctx) {
  const Tokens& t = ctx.t;
  const std::size_t n = ctx.n;
  ctx.sent.assign(n, 0);
  ctx.sent_first.assign(1, 0);
  std::size_t s = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ctx.sent[i] = s;
    // A point between digits (1.9 مليون) is a decimal point, not the end of a sentence.
    bool decimal = i > 0 && i + 1 < n && t[i].key == U"." && t[i - 1].kind == Token::Kind::kNumber &&
                   t[i + 1].kind == Token::Kind::kNumber && t[i - 1].end == t[i].begin && t[i].end == t[i + 1].begin;
    if (t[i].kind == Token::Kind::kNewline || (t[i].kind == Token::Kind::kPunct && !decimal &&
                                               kSentenceEnds.find(t[i].key[0]) != std::u32string_view::npos)) {
      ++s;
      ctx.sent_first.push_back(i + 1);
    }
  }
  ctx.sent_first.push_back(n);  // one past the last sentence
}

}  // namespace khabar::extract::events
