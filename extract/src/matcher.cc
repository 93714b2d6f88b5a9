#include "matcher.h"

#include "keys.h"

namespace khabar::extract::internal {
namespace {

std::vector<std::u32string> SplitKey(const std::u32string& key) {
  std::vector<std::u32string> parts;
  std::u32string cur;
  for (char32_t c : key) {
    if (c == U' ') {
      if (!cur.empty()) parts.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) parts.push_back(std::move(cur));
  return parts;
}

}  // namespace

void Matcher::Add(std::string_view phrase_utf8, const Payload& payload) {
  std::u32string key = MatchKeyUtf8(phrase_utf8);
  // Punctuation inside a phrase (e.g. "سي إن إن" or "آر.تي") is tokenised separately in text: split
  // the pattern the same way the tokeniser splits text.
  std::vector<Token> toks = Tokenize(key);
  std::vector<std::u32string> parts;
  for (auto& t : toks) {
    if (t.kind != Token::Kind::kNewline) parts.push_back(t.key);
  }
  if (parts.empty()) return;
  Pattern p;
  p.rest.assign(parts.begin() + 1, parts.end());
  p.payload = payload;
  Mark(parts.front());
  auto& v = dict_[parts.front()];
  for (const auto& q : v) {
    if (q.rest == p.rest && q.payload.kind == p.payload.kind && q.payload.entity == p.payload.entity &&
        q.payload.list == p.payload.list && q.payload.word == p.payload.word) {
      return;
    }
  }
  v.push_back(std::move(p));
  (void)SplitKey;
}

void Matcher::Absorb(Matcher&& other, Dict dict) {
  for (auto& [key, patterns] : other.dict_) {
    Mark(key);
    auto& into = dict_[key];
    for (Pattern& p : patterns) {
      p.payload.dict = dict;
      into.push_back(std::move(p));
    }
  }
  other.dict_.clear();
}

void Matcher::Mark(std::u32string_view key) {
  std::size_t h = KeyHash{}(key) & (kFilterBits - 1);
  filter_[h / 64] |= std::uint64_t{1} << (h % 64);
}

std::size_t Matcher::VariantViews(const Token& token, bool strip_article, std::u32string* scratch,
                                  VariantView (&out)[kMaxVariants]) {
  std::size_t n = 0;
  const std::u32string_view k = token.key;
  auto add = [&](std::size_t from, std::uint8_t clitics) {
    if (from >= k.size()) return;
    out[n++] = VariantView{k.substr(from), token.key_pos[from], clitics, false};
  };
  add(0, 0);
  if (token.kind != Token::Kind::kWord) return n;
  std::size_t base[2] = {0, std::u32string::npos};
  if (k.size() > 2 && (k[0] == kWaw || k[0] == kFeh)) {
    add(1, 1);
    base[1] = 1;
  }
  for (std::size_t b : base) {
    if (b == std::u32string::npos || k.size() < b + 3) continue;
    auto clitics = static_cast<std::uint8_t>(b + 1);
    if (k[b] == kLam && k[b + 1] == kLam && k.size() > b + 3) {
      // لل = ل + ال: the article's alif is elided; the span keeps the article's lam. At most one
      // reading per token needs the scratch string (و/ف + لل and bare لل cannot both apply).
      scratch->assign(1, kAlef);
      scratch->append(k.substr(b + 1));
      out[n++] = VariantView{*scratch, token.key_pos[b + 1], clitics, false};
    } else if (k[b] == kBeh || k[b] == kLam || k[b] == kKaf) {
      add(b + 1, clitics);
    }
  }
  if (strip_article) {
    std::size_t plain = n;
    for (std::size_t i = 0; i < plain; ++i) {
      std::u32string_view key = out[i].key;
      if (key.size() > 4 && key[0] == kAlef && key[1] == kLam) {
        VariantView v = out[i];
        v.key = key.substr(2);
        v.article = true;
        out[n++] = v;
      }
    }
  }
  return n;
}

std::vector<Variant> Matcher::Variants(const Token& token, bool strip_article) {
  std::u32string scratch;
  VariantView views[kMaxVariants];
  std::size_t n = VariantViews(token, strip_article, &scratch, views);
  std::vector<Variant> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(Variant{std::u32string(views[i].key), views[i].begin, views[i].clitics, views[i].article});
  }
  return out;
}

std::vector<Hit> Matcher::Match(const std::vector<Token>& tokens, std::size_t i, bool strip_article) const {
  std::vector<Hit> hits;
  Match(tokens, i, strip_article, &hits);
  return hits;
}

void Matcher::Match(const std::vector<Token>& tokens, std::size_t i, bool strip_article, std::vector<Hit>* out) const {
  if (i >= tokens.size() || !tokens[i].is_word()) return;
  std::u32string scratch;
  VariantView views[kMaxVariants];
  std::size_t n = VariantViews(tokens[i], strip_article, &scratch, views);
  for (std::size_t vi = 0; vi < n; ++vi) {
    const VariantView& v = views[vi];
    if (!MayStart(v.key)) continue;
    auto it = dict_.find(v.key);
    if (it == dict_.end()) continue;
    for (const Pattern& p : it->second) {
      if (v.article && !p.rest.empty()) continue;
      std::size_t j = i + 1;
      bool ok = true;
      for (const auto& part : p.rest) {
        if (j >= tokens.size() || tokens[j].key != part) {
          ok = false;
          break;
        }
        ++j;
      }
      if (!ok) continue;
      out->push_back(Hit{i, j, v.begin, v.clitics, v.article, p.payload});
    }
  }
}

MatchCache::MatchCache(const Matcher& matcher, const std::vector<Token>& tokens) : tokens_(tokens.size()) {
  offsets_.reserve(tokens.size() * kDictCount * 2 + 1);
  offsets_.push_back(0);
  std::vector<Hit> found;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    found.clear();
    // The readings without the article are a subset of those with it stripped: one match serves both.
    matcher.Match(tokens, i, true, &found);
    for (std::uint8_t d = 0; d < kDictCount; ++d) {
      for (bool strip : {false, true}) {
        for (const Hit& h : found) {
          if (h.payload.dict == d && (strip || !h.article)) hits_.push_back(h);
        }
        offsets_.push_back(static_cast<std::uint32_t>(hits_.size()));
      }
    }
  }
}

}  // namespace khabar::extract::internal
