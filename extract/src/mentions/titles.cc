// Pass "title": people not in the lexicon named after a title (+ owner): المتحدث باسم الجيش السوداني العميد
// نبيل عبد الله. A lexicon person after a title gets the role.
#include "mentions/passes.h"

namespace khabar::extract {

namespace {

// The role a title opens and where the name after it starts.
struct TitleRole {
  std::string owner;          // the owner entity, or empty
  std::size_t owner_end = 0;  // the token after the role's last word
  std::size_t name_at = 0;    // the token the name starts at
};

// The place of a posting: إلى، لدى، في.
bool Posting(const Extractor::Impl& x, const Tokens& t, std::size_t k) {
  return k + 1 < t.size() && x.WordAt(t, k, kPosting, false, false).has_value();
}

// A posting written with ل on the name (المبعوث الخاص للسودان): the end of that name, or 0.
std::size_t LamPostingEnd(const MentionContext& ctx, std::size_t k) {
  auto it = ctx.names_at.find(k);
  if (it == ctx.names_at.end() || ctx.t[k].key[0] != kLam) return 0;
  for (std::size_t ci : it->second) {
    const Candidate& c = ctx.cands[ci];
    if (c.m.begin > ctx.t[k].begin && c.m.type != EntityType::kPerson) return c.last;
  }
  return 0;
}

// The field of an office after its owner, a ل-noun and the definite words or names it governs (مساعد وزير
// الخارجية لشؤون أوروبا والشؤون الأوراسية): part of the role. Returns where the name may start.
std::size_t RoleFieldEnd(const Extractor::Impl& x, const MentionContext& ctx, std::size_t at) {
  const Tokens& t = ctx.t;
  auto definite = [&](std::size_t k) {
    std::u32string_view w = t[k].key;
    if (w.size() > 3 && w[0] == kWaw) w.remove_prefix(1);
    return w.size() > 3 && w[0] == kAlef && w[1] == kLam;
  };
  auto place_name = [&](std::size_t k) -> std::size_t {
    auto it = ctx.names_at.find(k);
    if (it == ctx.names_at.end()) return 0;
    const Candidate& c = ctx.cands[it->second.front()];
    return c.m.type != EntityType::kPerson ? c.last : 0;
  };
  if (at + 2 >= t.size() || t[at].kind != Token::Kind::kWord || t[at].key.size() < 4 || t[at].key[0] != kLam ||
      t[at].key[1] == kAlef || ctx.names_at.count(at) || x.IsFunction(t[at])) {
    return at;
  }
  std::size_t j = at + 1;
  while (j < t.size() && j < at + 6) {
    if (std::size_t e = place_name(j)) {
      j = e;
    } else if (t[j].kind == Token::Kind::kWord && definite(j)) {
      ++j;
    } else {
      break;
    }
  }
  return j > at + 1 ? j : at;
}

TitleRole ParseTitleRole(const Extractor::Impl& x, const MentionContext& ctx, const Hit& h) {
  const Tokens& t = ctx.t;
  TitleRole r;
  std::size_t after_title = h.last;
  // An adjective on the title (المتحدث العسكري، المبعوث الأممي) stays in the role.
  if (after_title < t.size() && t[after_title].key.size() > 4 && t[after_title].key[0] == kAlef &&
      t[after_title].key[1] == kLam &&
      (EndsWith(t[after_title].key, kYeh) || EndsWith(t[after_title].key, x.keys.iyya))) {
    bool state_nisba = false;
    for (const NisbaHit& nh : ctx.NisbasAt(after_title)) state_nisba |= nh.tok == after_title;
    if (!state_nisba) ++after_title;
  } else if (after_title < t.size() && h.last - h.first == 1 && Extractor::Impl::IndefiniteNoun(t, h.first) &&
             Extractor::Impl::IndefiniteNoun(t, after_title) && t[after_title].key.size() > 3 &&
             EndsWith(t[after_title].key, kYeh) && !ctx.names_at.count(after_title)) {
    ++after_title;  // an indefinite title's adjective (قائد ميداني، مسؤول أمني): no name
  }
  std::size_t at =
      ctx.ParseOwner(after_title, &r.owner,
                     x.WordOf(h).Attr("takes") == "place");  // لاعب NHL، الجنرال الروسي: any title may have an owner
  // The place of a posting: المبعوث الأممي إلى اليمن، سفير أرمينيا لدى فرنسا; an adjective may come
  // between (المبعوث الأمريكي الخاص إلى السودان).
  if (at + 2 < t.size() && !Posting(x, t, at) && (Posting(x, t, at + 1) || LamPostingEnd(ctx, at + 1)) &&
      t[at].key.size() > 3 && t[at].key[0] == kAlef && t[at].key[1] == kLam && !ctx.names_at.count(at) &&
      !x.IsFunction(t[at])) {
    ++at;
  }
  if (Posting(x, t, at)) {
    if (auto it = ctx.names_at.find(at + 1); it != ctx.names_at.end()) at = ctx.cands[it->second.front()].last;
  } else if (std::size_t e = LamPostingEnd(ctx, at); e > at && at > h.last) {
    at = e;
  }
  at = RoleFieldEnd(x, ctx, at);
  std::size_t owner_end = at;
  // A rank between the office and the name: المتحدث باسم الجيش السوداني العميد نبيل عبد الله.
  if (at > h.last) {
    if (auto rank = x.WordAt(t, at, kTitle, false, false)) at = owner_end = rank->last;
  }
  if (ctx.IsPunct(at, kCommas)) ++at;
  r.owner_end = owner_end;
  r.name_at = at;
  return r;
}

// رئيس الحكومة اللبنانية، رئيس مجلس الوزراء القطري: a body whose name begins inside a title is part of the
// title (its owner's nisba is not annotated either). A lexicon name there is the title's owner: رئيسة البرلمان
// الأوروبي.
void DropNamesInsideTitle(MentionContext& ctx, const Hit& h,
                          const std::vector<std::pair<std::size_t, std::size_t>>& by_first) {
  auto it = std::lower_bound(by_first.begin(), by_first.end(), std::pair<std::size_t, std::size_t>{h.first + 1, 0});
  for (; it != by_first.end() && it->first < h.last; ++it) {
    Candidate& c = ctx.cands[it->second];
    if (c.m.type != EntityType::kPerson && c.m.rule != "lexicon") c.m.end = c.m.begin;
  }
}

}  // namespace

bool PersonNameStart(const Extractor::Impl& x, const Tokens& t, std::size_t at) {
  if (at >= t.size() || !t[at].is_word()) return false;
  const std::u32string& k = t[at].key;
  // A first name never carries the article (المفوضية، الوزارة), and an organisation's head noun (مكتب،
  // مجلس، مركز) opens an organisation's name, not a person's.
  return !(k.size() > 2 && k[0] == kAlef && k[1] == kLam) && !x.masculine_heads.count(k);
}

void FindTitledPersons(const Extractor::Impl& x, MentionContext& ctx) {
  const Tokens& t = ctx.t;
  // The names found before this pass, indexed once (this pass adds persons only): the tokens inside a
  // name other than its first, and the names by first token.
  std::vector<char> inside(t.size(), 0);
  std::vector<std::pair<std::size_t, std::size_t>> by_first;
  for (std::size_t ci = 0; ci < ctx.cands.size(); ++ci) {
    const Candidate& c = ctx.cands[ci];
    if (c.m.type == EntityType::kPerson) continue;
    for (std::size_t k = c.first + 1; k < c.last && k < t.size(); ++k) inside[k] = 1;
    by_first.emplace_back(c.first, ci);
  }
  std::sort(by_first.begin(), by_first.end());
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto h = x.WordAt(t, i, kTitle);
    if (!h) continue;
    if (inside[i]) continue;  // شرم الشيخ: a title word inside a name already found is part of that name
    DropNamesInsideTitle(ctx, *h, by_first);
    TitleRole r = ParseTitleRole(x, ctx, *h);
    std::size_t at = r.name_at;
    std::string role = ctx.SpanText(h->begin, t[r.owner_end - 1].end);
    if (auto it = ctx.names_at.find(at); it != ctx.names_at.end()) {
      Candidate& c = ctx.cands[it->second.front()];
      if (c.m.type == EntityType::kPerson) {
        c.role_text = role;
        c.role_of = r.owner;
      }
      continue;
    }
    // المتحدث باسم الوزارة محمد علي: an owner named by an anaphoric noun alone.
    if (at + 1 < t.size() && at > 0 && t[at - 1].key == x.keys.bi_ism && !PersonNameStart(x, t, at) &&
        t[at].key.size() > 2 && t[at].key[1] == kLam && PersonNameStart(x, t, at + 1)) {
      r.owner_end = ++at;
      role = ctx.SpanText(h->begin, t[r.owner_end - 1].end);
    }
    std::size_t e = ctx.NameRun(at, 4);
    if (!PersonNameStart(x, t, at)) {
      // المتحدث باسم مكتب الهيئة (سامي كريم): the person in parentheses after the role.
      std::size_t open = at;
      while (open < t.size() && open < at + 4 && t[open].is_word()) ++open;
      if (!ctx.IsPunct(open, U"(")) continue;
      r.owner_end = open;
      at = open + 1;
      e = ctx.NameRun(at, 3);
      if (e - at < 2 || !ctx.IsPunct(e, U")")) continue;
      role = ctx.SpanText(h->begin, t[open - 1].end);
    }
    if (e == at) continue;
    bool boundary = e >= t.size() || !t[e].is_word() || x.IsFunction(t[e]) || x.WordAt(t, e, kReportingVerb);
    // After a naming word (شخص يدعى كريم) one word is a name, whatever it looks like.
    bool naming = !x.WordOf(*h).Attr("naming").empty();
    if (e - at == 1 && (!boundary || !(naming || x.LooksLikeName(t[at].key)))) continue;
    Candidate c = ctx.Make(at, e, t[at].begin, ctx.PersonKey(at, e), EntityType::kPerson, "title");
    c.role_text = role;
    c.role_of = r.owner;
    c.priority = 1;
    ctx.cands.push_back(std::move(c));
  }
}

}  // namespace khabar::extract
