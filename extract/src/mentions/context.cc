// The helpers the mention passes share.
#include "mentions/context.h"

#include <algorithm>

namespace khabar::extract {

std::string MentionContext::SpanText(std::uint32_t b, std::uint32_t e) const {
  return EncodeUtf8(text.substr(b, e - b));
}

Candidate MentionContext::Make(std::size_t first, std::size_t last, std::uint32_t begin, const std::string& entity,
                               EntityType type, std::string rule, bool nominal) const {
  Candidate c;
  c.first = first;
  c.last = last;
  c.m.begin = begin;
  c.m.end = t[last - 1].end;
  c.m.text = SpanText(c.m.begin, c.m.end);
  c.m.entity = entity;
  c.m.type = type;
  c.m.nominal = nominal;
  c.m.rule = std::move(rule);
  if (auto it = x.index.find(entity); it != x.index.end()) c.m.subtype = x.entities[it->second].subtype;
  return c;
}

bool MentionContext::PrecededByLocative(std::size_t i, std::uint8_t clitics) const {
  if (clitics > 0 && (t[i].key[0] == kBeh || (t[i].key.size() > 1 && t[i].key[1] == kBeh))) return true;
  if (i == 0) return false;
  return x.WordEndingAt(t, i, kLocative).has_value();
}

bool MentionContext::IsPunct(std::size_t i, std::u32string_view chars) const {
  return i < t.size() && t[i].kind == Token::Kind::kPunct && chars.find(t[i].key[0]) != std::u32string_view::npos;
}

std::size_t MentionContext::NameRun(std::size_t at, std::size_t max_len) const {
  std::size_t j = at;
  while (j < t.size() && j - at < max_len) {
    // عبد السلام، أبو العباس: the word after a name link is part of the name, whatever it is.
    bool linked = j > at && t[j].is_word() && x.WordAt(t, j - 1, kNameLink, false, false).has_value();
    if (!linked && !x.NameLike(t, j, j > at)) break;
    ++j;
  }
  // Two words of a name, then an imperfect verb (يتحدث، تقول): the name ends before the verb.
  if (j - at == 3 && (t[j - 1].key[0] == kYeh || t[j - 1].key[0] == kTeh) && t[j - 1].key.size() >= 4) --j;
  return j;
}

std::string MentionContext::PersonKey(std::size_t a, std::size_t b) const {
  std::u32string key;
  for (std::size_t j = a; j < b; ++j) {
    if (!key.empty()) key.push_back(U' ');
    key += t[j].key;
  }
  return "~Person:" + EncodeUtf8(key);
}

std::span<const NisbaHit> MentionContext::NisbasAt(std::size_t tok) const {
  auto [lo, hi] = std::equal_range(nisbas.begin(), nisbas.end(), NisbaHit{tok},
                                   [](const NisbaHit& a, const NisbaHit& b) { return a.tok < b.tok; });
  return {lo, hi};
}

const std::vector<std::size_t>& MentionContext::CandsAt(std::size_t first) const {
  for (; cands_indexed < cands.size(); ++cands_indexed) cands_at[cands[cands_indexed].first].push_back(cands_indexed);
  static const std::vector<std::size_t> kNone;
  auto it = cands_at.find(first);
  return it != cands_at.end() ? it->second : kNone;
}

std::size_t MentionContext::ParseOwner(std::size_t at, std::string* owner, bool place_owner) const {
  if (at < t.size() && (t[at].key == x.keys.bi_ism)) ++at;  // باسم
  if (auto mc = x.WordAt(t, at, kMediaClassifier)) {  // مراسل شبكة سي إن إن: the classifier stays in the role
    for (std::size_t ci : CandsAt(mc->last)) {
      const Candidate& c = cands[ci];
      if (c.first == mc->last && c.m.type == EntityType::kOrganization) {
        at = mc->last;
        break;
      }
    }
  }
  // والي ولاية نهر النيل، محافظ محافظة مأرب: a place's classifier before the place a governor holds.
  if (place_owner) {
    if (auto cl = x.WordAt(t, at, kClassifier, false, false); cl && !CandsAt(cl->last).empty()) at = cl->last;
  }
  for (int depth = 0; depth < 2; ++depth) {
    // The longest non-person, non-place candidate starting here: a name (الكرملين) or an institution
    // found by the nisba rules (وزارة الصحة السودانية).
    const Candidate* best = nullptr;
    for (std::size_t ci : CandsAt(at)) {
      const Candidate& c = cands[ci];
      if (c.first == at && c.m.type != EntityType::kPerson && (c.m.type != EntityType::kPlace || place_owner) &&
          (!best || c.last > best->last)) {
        best = &c;
      }
    }
    if (best) {
      *owner = best->m.entity;
      return best->last;
    }
    for (const NisbaHit& n : NisbasAt(at)) {
      if (n.tok == at && !n.demonym) {
        *owner = x.entities[n.entity].id;
        return at + 1;
      }
    }
    // A title inside the owner: المتحدثة باسم رئيس وزراء أرمينيا.
    if (auto h = x.WordAt(t, at, kTitle, false, false)) {
      at = h->last;
      continue;
    }
    break;
  }
  return at;
}

bool MentionContext::IsSeparatist(std::size_t k) const {
  if (k >= t.size() || t[k].kind != Token::Kind::kWord) return false;
  for (const VariantView& v : TokenVariants(t[k], true)) {
    if (v.clitics == 0 && In(x.keys.separatists, v.key))  // انفصالية، انفصاليون، انفصاليين
      return true;
  }
  return false;
}

bool MentionContext::InLand(const std::string& id) const {
  const std::string& land = x.entities[x.index.at(polity)].in;
  std::string cur = id;
  for (int depth = 0; depth < 8 && !cur.empty(); ++depth) {
    if (cur == polity || cur == land) return true;
    auto it = x.index.find(cur);
    if (it == x.index.end()) return false;
    if (x.entities[it->second].of == polity) return true;
    cur = x.entities[it->second].in;
  }
  return false;
}

bool MentionContext::TiedToPolity(std::size_t k) const {
  auto tie_at = [&](std::size_t j) {
    if (IsSeparatist(j)) return true;
    auto it = names_at.find(j);
    if (it == names_at.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(),
                       [&](std::size_t ci) { return InLand(cands[ci].m.entity); });
  };
  auto boundary = [&](std::size_t j) { return t[j].kind == Token::Kind::kNewline || t[j].key == U"."; };
  // The sentence, at most kWindow tokens either side (a sentence with no punctuation can be the article).
  for (std::size_t j = k; j < t.size() && j <= k + kWindow && !boundary(j); ++j) {
    if (tie_at(j)) return true;
  }
  for (std::size_t j = k; j-- > 0 && k - j <= kWindow && !boundary(j);) {
    if (tie_at(j)) return true;
  }
  return false;
}

}  // namespace khabar::extract
