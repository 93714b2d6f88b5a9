// Pass "force-name": a military unit or force named by rule, not by the lexicon. A unit head and its
// number (اللواء 444، الفرقة 16 مشاة: numbered-unit) or a force head and its own name, a definite noun
// with adjectives (قوة الردع الخاصة، قوات الدفاع الجوي: named-force), is one ArmedForce mention.
#include "mentions/passes.h"

namespace khabar::extract {

namespace {

// The kind (numbered, named, field, generic) of the unit_head word at token i, or empty.
std::string_view UnitKind(const Extractor::Impl& x, const Tokens& t, std::size_t i, std::optional<Hit>* hit) {
  *hit = x.WordAt(t, i, kUnitHead);
  return *hit ? x.WordOf(**hit).Attr("kind") : std::string_view();
}

// The word at token k carries the article (ال) and no proclitic.
bool Definite(const Tokens& t, std::size_t k) {
  return k < t.size() && t[k].kind == Token::Kind::kWord && t[k].key.size() > 3 && t[k].key[0] == kAlef &&
         t[k].key[1] == kLam;
}

// Whether token k is a state's nisba (الروسية) or a name the lexicon knows: other rules read those.
bool NamedByOthers(const MentionContext& ctx, std::size_t k) {
  if (ctx.names_at.count(k)) return true;
  for (const NisbaHit& n : ctx.NisbasAt(k)) {
    if (n.tok == k) return true;
  }
  return ctx.x.nisba_keys.count(ctx.t[k].key) > 0;
}

// An adjective that may close a force's name: a modifier (الخاصة) or a relational adjective (الجوي،
// الشعبي، الوطنية), never a person noun in the plural (المدنيين).
bool NameAdjective(const Extractor::Impl& x, const MentionContext& ctx, std::size_t k) {
  if (!Definite(ctx.t, k) || NamedByOthers(ctx, k)) return false;
  if (x.WordAt(ctx.t, k, kModifier, false, false)) return true;
  const std::u32string& w = ctx.t[k].key;
  return w.back() == kYeh || (w.size() > 2 && w[w.size() - 2] == kYeh && w.back() == kHeh);
}

// The key of tokens [a, b) without the head and without closing modifiers: قوة الردع الخاصة and قوة
// الردع are one force.
std::string ForceKey(const Extractor::Impl& x, const Tokens& t, std::size_t a, std::size_t b) {
  while (b > a + 1 && x.WordAt(t, b - 1, kModifier, false, false)) --b;
  std::string key;
  for (std::size_t j = a; j < b; ++j) key += (key.empty() ? "" : " ") + EncodeUtf8(t[j].key);
  return "~ArmedForce:" + key;
}

// A personnel noun (الجنود، المسلحين): قوات المسلحين is no force's name.
bool NominalForce(const Extractor::Impl& x, const Tokens& t, std::size_t k) {
  auto f = x.WordAt(t, k, kForceHead);
  return f && !x.WordOf(*f).Attr("nominal").empty();
}

// اللواء 444، لواء الـ 15، الفرقة 16 مشاة، اللواء 15 لحفظ السلام.
void NumberedUnit(const Extractor::Impl& x, MentionContext& ctx, const Hit& h) {
  const Tokens& t = ctx.t;
  std::size_t at = h.last;
  if (at + 1 < t.size() && t[at].key.size() == 2 && t[at].key[0] == kAlef && t[at].key[1] == kLam) ++at;  // الـ 15
  if (at >= t.size() || t[at].kind != Token::Kind::kNumber) return;
  std::size_t end = at + 1;
  std::optional<Hit> field;
  if (UnitKind(x, t, end, &field) == "field") end = field->last;
  // The number is the unit's name: اللواء 444 and لواء 444 are one unit.
  std::u32string head = t[h.first].key;
  if (head.size() > 2 && head[0] == kAlef && head[1] == kLam) head = head.substr(2);
  Candidate c = ctx.Make(h.first, end, h.begin, "~ArmedForce:" + EncodeUtf8(head) + " " + EncodeUtf8(t[at].key),
                         EntityType::kArmedForce, "numbered-unit");
  c.priority = 1;
  ctx.cands.push_back(std::move(c));
}

// قوة الردع الخاصة، قوات الدفاع الجوي، قوات التحالف: a force head, a definite noun that is no common
// field of forces (قوات الأمن، قوات الاحتلال) and its adjectives.
void NamedForce(const Extractor::Impl& x, MentionContext& ctx, const Hit& h) {
  const Tokens& t = ctx.t;
  std::size_t at = h.last;
  if (h.article || !Definite(t, at) || NamedByOthers(ctx, at) || x.IsTriggerWord(t, at)) return;
  std::optional<Hit> g;
  if (UnitKind(x, t, at, &g) == "generic" || x.WordAt(t, at, kPlaceAnaphor) || x.WordAt(t, at, kBothSides) ||
      NominalForce(x, t, at)) {
    return;
  }
  std::size_t end = at + 1;
  while (end < t.size() && end < at + 3 && NameAdjective(x, ctx, end)) ++end;
  // A common word (الدفاع، السلام) names a force only with its adjective: قوات الدفاع الجوي.
  if (x.IsFunction(t[at]) && end == at + 1) return;
  Candidate c = ctx.Make(h.first, end, h.begin, ForceKey(x, t, at, end), EntityType::kArmedForce, "named-force");
  c.priority = 4;
  ctx.cands.push_back(std::move(c));
}

// المنطقة العسكرية الأولى، المنطقة العسكرية المركزية: a military district and its one definite adjective.
void MilitaryDistrict(const Extractor::Impl& x, MentionContext& ctx, const Hit& h) {
  const Tokens& t = ctx.t;
  std::size_t at = h.last;
  if (!Definite(t, at) || NamedByOthers(ctx, at) || x.IsFunction(t[at]) || x.IsTriggerWord(t, at)) return;
  Candidate c =
      ctx.Make(h.first, at + 1, h.begin, ForceKey(x, t, h.first, at + 1), EntityType::kArmedForce, "military-district");
  c.priority = 1;
  ctx.cands.push_back(std::move(c));
}

}  // namespace

void FindForceNames(const Extractor::Impl& x, MentionContext& ctx) {
  for (std::size_t i = 0; i < ctx.t.size(); ++i) {
    std::optional<Hit> h;
    std::string_view kind = UnitKind(x, ctx.t, i, &h);
    if (kind == "numbered") NumberedUnit(x, ctx, *h);
    if (kind == "named") NamedForce(x, ctx, *h);
    if (kind == "district") MilitaryDistrict(x, ctx, *h);
  }
}

}  // namespace khabar::extract
