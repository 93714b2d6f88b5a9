// Pass "latin-name": Latin-script names inside Arabic text are organisations (NHL, TRT, Getty Images):
// acronyms of two to six capitals, or a run of up to three capitalised words.
#include "mentions/passes.h"

namespace khabar::extract {

namespace {

// A capitalised Latin word at token k.
bool LatinCap(const MentionContext& ctx, std::size_t k) {
  const std::u32string& w = ctx.t[k].key;
  if (ctx.t[k].kind != Token::Kind::kWord || w.empty() || !(w[0] >= U'a' && w[0] <= U'z')) return false;
  return std::all_of(w.begin(), w.end(),
                     [](char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9'); }) &&
         ctx.text[ctx.t[k].begin] >= U'A' && ctx.text[ctx.t[k].begin] <= U'Z';
}

}  // namespace

void FindLatinNames(const Extractor::Impl& /*x*/, MentionContext& ctx) {
  const Tokens& t = ctx.t;
  const std::u32string& text = ctx.text;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!LatinCap(ctx, i) || ctx.names_at.count(i) || (i > 0 && LatinCap(ctx, i - 1))) continue;
    std::size_t e = i + 1;
    while (e < t.size() && e - i < 3 && LatinCap(ctx, e)) ++e;
    bool acronym = e == i + 1 && t[i].key.size() >= 2 && t[i].key.size() <= 6 &&
                   std::all_of(text.begin() + t[i].begin, text.begin() + t[i].end,
                               [](char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9'); });
    if (e == i + 1 && !acronym) continue;
    std::string key;
    for (std::size_t j = i; j < e; ++j) key += (key.empty() ? "" : " ") + EncodeUtf8(t[j].key);
    Candidate c = ctx.Make(i, e, t[i].begin, "~Organization:" + key, EntityType::kOrganization, "latin-name");
    c.priority = 2;
    ctx.names_at[i].push_back(ctx.cands.size());
    ctx.cands.push_back(std::move(c));
  }
}

}  // namespace khabar::extract
