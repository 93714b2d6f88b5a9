// Pass "classifier": places and outlets named after a classifier: مدينة X, قرية X ("classifier"), وكالة X
// ("media-classifier").
#include "mentions/passes.h"

namespace khabar::extract {

namespace {

// Nouns place names are built on (دير البلح، خان يونس، كرم أبو سالم، بيت لاهيا).
bool NameFormer(const Extractor::Impl& x, const Tokens& t, std::size_t j) {
  return In(x.keys.place_name_nouns, t[j].key);
}

// The end of a name starting at `at` after a classifier: one word, or up to two more after a noun place
// names are built on (the word after such a noun with its article).
std::size_t ClassifiedNameEnd(const Extractor::Impl& x, const Tokens& t, std::size_t at) {
  std::size_t e = at + 1;
  for (int more = 0; more < 2 && e < t.size(); ++more) {
    // A site named after a person (مقبرة محمد علي): a first name takes the next word as a name former does.
    bool after_former = NameFormer(x, t, e - 1) || (e - 1 == at && x.first_name_keys.count(t[at].key) > 0);
    if (more == 1 && !after_former) break;  // a third word only after أبو، بيت …
    if (!(x.NameLike(t, e, after_former) && !x.IsTriggerWord(t, e) && t[e].key.size() >= (after_former ? 2u : 3u) &&
          !EndsWith(t[e].key, x.keys.iyya) && (after_former || t[e].key.back() != kYeh)) &&
        !(after_former && NameFormer(x, t, e))) {
      break;
    }
    ++e;
  }
  return e;
}

// Whether the word at `at` after a classifier describes it rather than names it: an adjective of the
// modifier list without its article (منطقة عسكرية، منطقة انفصالية), or an imperfect verb with its
// complement (منطقة يغلب عليها …، إقليم يتبع أذربيجان، العاصمة تتعرض لهجوم، مدرسة تؤوي نازحين).
bool NotAName(const Extractor::Impl& x, const MentionContext& ctx, std::size_t at) {
  const Tokens& t = ctx.t;
  const std::u32string& k = t[at].key;
  for (const auto& w : x.lists[kModifier]) {
    if (kArticle + k == K(w.text)) return true;
  }
  char32_t first = ctx.text[t[at].begin];
  if ((first == kYeh || first == kTeh) && k.size() >= 4 && ctx.text[t[at].end - 1] == kHeh) {
    return true;  // مستشفى تدعمه المنظمة: an imperfect verb with an object pronoun (ه), not a name
  }
  if ((first != kYeh && first != kTeh) || k.size() < 4 || at + 1 >= t.size() || !t[at + 1].is_word()) return false;
  const std::u32string& next = t[at + 1].key;
  bool preposition = next.rfind(x.keys.ala, 0) == 0 ||      // على، عليها
                     next.rfind(x.keys.ila, 0) == 0 ||      // إلى، إليها
                     (next.size() > 3 && next[0] == kLam);  // لهجوم
  // مدرسة تؤوي نازحين، مخيم يضم آلاف العائلات: a verb whose object is a count of people, or a number.
  bool people = x.WordAt(t, at + 1, kFigureNoun, false, false).has_value() || x.WordAt(t, at + 1, kNumberWord);
  return preposition || people || ctx.names_at.count(at + 1) > 0;
}

// A classifier of `list` at token i and the name after it.
void ClassifiedName(const Extractor::Impl& x, MentionContext& ctx, std::size_t i, List list) {
  const Tokens& t = ctx.t;
  auto h = x.WordAt(t, i, list);
  if (!h) return;
  const std::u32string& head = t[i].key;
  if (head.size() > 2 && head[0] == kAlef && head[1] == kLam && list == kClassifier &&
      x.WordOf(*h).Attr("subtype") != "City") {
    return;  // المنطقة, الإقليم: anaphoric
  }
  std::size_t at = h->last;
  if (list == kMediaClassifier && ctx.IsPunct(at, U"(\u00AB\"\u201C")) {
    // وكالة «سبأ»، قناة (الحدث): an outlet's name in quotes or parentheses, closed within three words.
    std::size_t b = at + 1, e = b;
    while (e < t.size() && e < b + 3 && x.NameLike(t, e, true)) ++e;
    if (e == b || ctx.names_at.count(b) || !ctx.IsPunct(e, U")\u00BB\"\u201D")) return;
    std::string key = EncodeUtf8(t[b].key);
    for (std::size_t j = b + 1; j < e; ++j) key += " " + EncodeUtf8(t[j].key);
    Candidate c = ctx.Make(b, e, t[b].begin, "~Organization:" + key, EntityType::kOrganization, "media-classifier");
    c.m.subtype = "MediaOutlet";
    c.priority = 2;
    ctx.cands.push_back(std::move(c));
    return;
  }
  if (auto it = ctx.names_at.find(at); it != ctx.names_at.end()) {
    // مدرسة أم درمان الفنية، مستشفى الخرطوم التعليمي: a site (a classifier without a subtype) named by a
    // town and an adjective of its own is one name, the classifier included.
    const Candidate& town = ctx.cands[it->second.front()];
    std::size_t k = town.last;
    if (list != kClassifier || !x.WordOf(*h).Attr("subtype").empty() || town.m.type == EntityType::kPerson ||
        k >= t.size() || !t[k].is_word() || t[k].key.size() < 5 || t[k].key[0] != kAlef || t[k].key[1] != kLam ||
        !(EndsWith(t[k].key, kYeh) || EndsWith(t[k].key, x.keys.iyya)) ||
        std::any_of(ctx.nisbas.begin(), ctx.nisbas.end(), [&](const NisbaHit& n) { return n.tok == k; }) ||
        x.IsFunction(t[k]) || x.WordAt(t, k, kModifier)) {
      return;
    }
    std::string key;
    for (std::size_t j = i; j <= k; ++j) key += (key.empty() ? "" : " ") + EncodeUtf8(t[j].key);
    Candidate c = ctx.Make(i, k + 1, h->begin, "~Place:" + key, EntityType::kPlace, "classifier");
    c.priority = 2;
    ctx.cands.push_back(std::move(c));
    return;
  }
  bool article_ok = list == kClassifier;
  if (!x.NameLike(t, at, article_ok)) return;
  const std::u32string& k = t[at].key;
  bool definite_head = head.size() > 2 && head[0] == kAlef && head[1] == kLam;
  if (definite_head && k.size() > 2 && k[0] == kAlef && k[1] == kLam &&
      (EndsWith(k, kYeh) || EndsWith(k, x.keys.iyya) || EndsWith(k, x.keys.at) || EndsWith(k, x.keys.in) ||
       EndsWith(k, x.keys.iyyun))) {
    return;  // العاصمة الأمريكية: an adjective agreeing with the head, not a name (مخيم النصيرات is)
  }
  if (NotAName(x, ctx, at)) return;
  if (x.WordOf(*h).Attr("adjective") == "1" && h->clitics == 0 && !x.WordEndingAt(t, i, kLocative) &&
      !(k.size() > 2 && k[0] == kAlef && k[1] == kLam)) {
    return;  // تدابير محلية لمكافحة …: "local", not a district
  }
  std::size_t e = ClassifiedNameEnd(x, t, at);
  std::string key = EncodeUtf8(t[at].key);
  for (std::size_t j = at + 1; j < e; ++j) key += " " + EncodeUtf8(t[j].key);
  Candidate c = list == kClassifier ? ctx.Make(at, e, t[at].begin, "~Place:" + key, EntityType::kPlace, "classifier")
                                    : ctx.Make(at, e, t[at].begin, "~Organization:" + key, EntityType::kOrganization,
                                               "media-classifier");
  c.m.subtype = list == kClassifier ? std::string(x.WordOf(*h).Attr("subtype")) : "MediaOutlet";
  c.priority = 2;
  ctx.cands.push_back(std::move(c));
}

}  // namespace

void FindClassifiedNames(const Extractor::Impl& x, MentionContext& ctx) {
  for (std::size_t i = 0; i < ctx.t.size(); ++i) {
    for (List list : {kClassifier, kMediaClassifier}) ClassifiedName(x, ctx, i, list);
  }
}

}  // namespace khabar::extract
