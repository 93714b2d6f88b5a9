// Mentions: names of actors and places, found by lexicon and by rule. The rules are the passes of
// mentions/passes.cc, run in order over one article's context.
#include "extractor_impl.h"
#include "mentions/context.h"
#include "mentions/passes.h"

namespace khabar::extract {

std::vector<Candidate> Extractor::Impl::FindMentions(const Document& doc, const Tokens& t,
                                                     std::vector<NisbaHit>* nisbas) const {
  MentionContext ctx(*this, doc, t, nisbas);
  for (const MentionPass& pass : MentionPasses()) pass.run(*this, ctx);
  return std::move(ctx.cands);
}

// Everything not yet moved into its own pass.
void FindRemainingMentions(const Extractor::Impl& x, MentionContext& ctx) {
  const Tokens& t = ctx.t;
  auto& cands = ctx.cands;
  auto& nisbas = ctx.nisbas;
  auto& names_at = ctx.names_at;
  std::vector<std::pair<std::u32string, std::string>> surnames;  // last name key -> person entity
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto h = x.WordAt(t, i, kTitle);
    if (!h) continue;
    std::string owner;
    std::size_t after_title = h->last;
    // An adjective on the title (المتحدث العسكري، المبعوث الأممي) stays in the role.
    if (after_title < t.size() && t[after_title].key.size() > 4 && t[after_title].key[0] == kAlef &&
        t[after_title].key[1] == kLam &&
        (EndsWith(t[after_title].key, U"\u064A") || EndsWith(t[after_title].key, U"\u064A\u0647"))) {
      bool state_nisba = false;
      for (const NisbaHit& nh : nisbas) state_nisba |= nh.tok == after_title;
      if (!state_nisba) ++after_title;
    }
    std::size_t at =
        ctx.ParseOwner(after_title, &owner,
                       x.WordOf(*h).Attr("takes") == "place");  // لاعب NHL، الجنرال الروسي: any title may have an owner
    // The place of a posting: المبعوث الأممي إلى اليمن، سفير أرمينيا لدى فرنسا; an adjective may come
    // between (المبعوث الأمريكي الخاص إلى السودان).
    auto posting = [&](std::size_t k) {
      return k + 1 < t.size() && (t[k].key == U"\u0627\u0644\u064A" || t[k].key == U"\u0644\u062F\u064A");
    };
    if (at + 2 < t.size() && !posting(at) && posting(at + 1) && t[at].key.size() > 3 && t[at].key[0] == kAlef &&
        t[at].key[1] == kLam && !names_at.count(at) && !x.IsFunction(t[at])) {
      ++at;
    }
    if (posting(at)) {
      if (auto it = names_at.find(at + 1); it != names_at.end()) at = cands[it->second.front()].last;
    }
    std::size_t owner_end = at;
    // A rank between the office and the name: المتحدث باسم الجيش السوداني العميد نبيل عبد الله.
    if (at > h->last) {
      if (auto rank = x.WordAt(t, at, kTitle, false, false)) at = owner_end = rank->last;
    }
    if (ctx.IsPunct(at, U",\u060C")) ++at;
    std::string role = ctx.SpanText(h->begin, t[owner_end - 1].end);
    if (auto it = names_at.find(at); it != names_at.end()) {
      Candidate& c = cands[it->second.front()];
      if (c.m.type == EntityType::kPerson) {
        c.role_text = role;
        c.role_of = owner;
      }
      continue;
    }
    std::size_t e = ctx.NameRun(at, 3);
    if (e == at) continue;
    bool boundary = e >= t.size() || !t[e].is_word() || x.IsFunction(t[e]) || x.WordAt(t, e, kReportingVerb);
    if (e - at == 1 && (!boundary || !x.LooksLikeName(t[at].key))) continue;
    Candidate c = ctx.Make(at, e, t[at].begin, ctx.PersonKey(at, e), EntityType::kPerson, "title");
    c.role_text = role;
    c.role_of = owner;
    c.priority = 1;
    cands.push_back(std::move(c));
  }
  // (2) apposition: name، title.   (3) reporting verb + name (two words at least) + إن/،/:
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (ctx.IsPunct(i, U",\u060C")) {
      auto h = x.WordAt(t, i + 1, kTitle, false, false);
      if (!h) continue;
      std::size_t b = i;
      while (b > 0 && i - b < 3 && x.NameLike(t, b - 1, true)) --b;
      auto has_article = [&](std::size_t k) {
        return t[k].key.size() > 2 && t[k].key[0] == kAlef && t[k].key[1] == kLam;
      };
      while (b < i && has_article(b)) ++b;  // a name starts without the article (خالد المسماري)
      if (b == i) continue;
      bool after_verb = b > 0 && x.WordAt(t, b - 1, kReportingVerb).has_value();
      bool sentence_start = b == 0 || !t[b - 1].is_word();
      if (i - b < 2 && ((!after_verb && !sentence_start) || !x.LooksLikeName(t[b].key))) continue;
      if (names_at.count(b)) continue;
      std::string owner;
      std::size_t owner_end = ctx.ParseOwner(h->last, &owner);
      Candidate c = ctx.Make(b, i, t[b].begin, ctx.PersonKey(b, i), EntityType::kPerson, "apposition");
      c.role_text = ctx.SpanText(h->begin, t[owner_end - 1].end);
      c.role_of = owner;
      c.priority = 1;
      cands.push_back(std::move(c));
    }
    if (auto v = x.WordAt(t, i, kReportingVerb)) {
      std::size_t a = v->last;
      if (names_at.count(a)) continue;
      std::size_t e = ctx.NameRun(a, 3);
      if (e == a) continue;
      bool closed = e >= t.size() || ctx.IsPunct(e, U",\u060C:\"\u201C\u00AB") || t[e].key == U"\u0627\u0646" ||
                    t[e].key == U"\u0627\u0646\u0647";
      if (!closed) continue;
      // One word is a name only when nothing else could be the subject: not a nisba, not a known word.
      if (e - a == 1 && (!x.LooksLikeName(t[a].key) || x.first_name_keys.count(t[a].key))) continue;
      Candidate c = ctx.Make(a, e, t[a].begin, ctx.PersonKey(a, e), EntityType::kPerson, "reporting-verb");
      c.priority = 2;
      cands.push_back(std::move(c));
    }
  }
  // A journalist named right after their outlet: لقناة CNN ماثيو تشانس في مقابلة.
  for (const Candidate& outlet : std::vector<Candidate>(cands)) {
    if (outlet.m.type != EntityType::kOrganization || outlet.m.subtype != "MediaOutlet") continue;
    std::size_t a = outlet.last, e = ctx.NameRun(a, 3);
    if (e - a < 2 || !x.LooksLikeName(t[a].key)) continue;
    bool closed = e >= t.size() || !t[e].is_word() || x.IsFunction(t[e]);
    if (!closed) continue;
    Candidate c = ctx.Make(a, e, t[a].begin, ctx.PersonKey(a, e), EntityType::kPerson, "outlet+name");
    c.priority = 2;
    cands.push_back(std::move(c));
  }

  // Surname-only mentions of people seen in this article (full name first).
  for (const Candidate& c : cands) {
    if (c.m.type != EntityType::kPerson) continue;
    if (c.last - c.first < 2 && (c.m.entity.rfind("~", 0) != 0 || !x.LooksLikeName(t[c.first].key))) continue;
    std::u32string_view last = t[c.last - 1].key;
    if (last.size() > 2 && last[0] == kAlef && last[1] == kLam) last.remove_prefix(2);
    if (x.nisba_keys.count(std::u32string(last))) continue;  // السوداني alone is Sudanese, not the person
    surnames.emplace_back(t[c.last - 1].key, c.m.entity);
  }
  if (!surnames.empty()) {
    std::vector<Candidate> extra;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i].kind != Token::Kind::kWord) continue;
      for (const auto& v : Matcher::Variants(t[i], false)) {
        if (v.key.size() < 4) continue;
        for (const auto& [key, entity] : surnames) {
          if (key == v.key) {
            Candidate c = ctx.Make(i, i + 1, v.begin, entity, EntityType::kPerson, "surname");
            c.priority = 0;  // the link to the full name beats a one-word name found by another rule
            extra.push_back(std::move(c));
          }
        }
      }
    }
    for (auto& c : extra) cands.push_back(std::move(c));
  }

  // Places and outlets by classifier: مدينة X, قرية X, وكالة X.
  for (std::size_t i = 0; i < t.size(); ++i) {
    for (List list : {kClassifier, kMediaClassifier}) {
      auto h = x.WordAt(t, i, list);
      if (!h) continue;
      const std::u32string& head = t[i].key;
      if (head.size() > 2 && head[0] == kAlef && head[1] == kLam && list == kClassifier &&
          x.WordOf(*h).Attr("subtype") != "City") {
        continue;  // المنطقة, الإقليم: anaphoric
      }
      std::size_t at = h->last;
      if (names_at.count(at)) continue;
      bool article_ok = list == kClassifier;
      if (!x.NameLike(t, at, article_ok)) continue;
      const std::u32string& k = t[at].key;
      bool definite_head = head.size() > 2 && head[0] == kAlef && head[1] == kLam;
      if (definite_head && k.size() > 2 && k[0] == kAlef && k[1] == kLam &&
          (EndsWith(k, U"\u064A") || EndsWith(k, U"\u064A\u0647") || EndsWith(k, U"\u0627\u062A") ||
           EndsWith(k, U"\u064A\u0646") || EndsWith(k, U"\u064A\u0648\u0646"))) {
        continue;  // العاصمة الأمريكية: an adjective agreeing with the head, not a name (مخيم النصيرات is)
      }
      // Place names built on a noun (دير البلح، خان يونس، كرم أبو سالم، بيت لاهيا) take one or two more words,
      // the word after such a noun with its article.
      static const std::u32string kNameFormers[] = {
          U"\u0627\u0628\u0648",       U"\u0627\u0645",       U"\u0628\u0646\u064A", U"\u0627\u0628\u0646",
          U"\u062F\u064A\u0631",       U"\u0628\u064A\u062A", U"\u0639\u064A\u0646", U"\u062A\u0644",
          U"\u0631\u0627\u0633",       U"\u062E\u0627\u0646", U"\u0643\u0641\u0631", U"\u062C\u0628\u0644",
          U"\u0648\u0627\u062F\u064A", U"\u0628\u064A\u0631"};
      auto former = [&](std::size_t j) {
        return std::find(std::begin(kNameFormers), std::end(kNameFormers), t[j].key) != std::end(kNameFormers);
      };
      std::size_t e = at + 1;
      for (int more = 0; more < 2 && e < t.size(); ++more) {
        bool after_former = former(e - 1);
        if (more == 1 && !after_former) break;  // a third word only after أبو، بيت …
        if (!(x.NameLike(t, e, after_former) && !x.IsTriggerWord(t, e) && t[e].key.size() >= (after_former ? 2u : 3u) &&
              !EndsWith(t[e].key, U"\u064A\u0647") && (after_former || t[e].key.back() != kYeh)) &&
            !(after_former && former(e))) {
          break;
        }
        ++e;
      }
      std::string key = EncodeUtf8(t[at].key);
      for (std::size_t j = at + 1; j < e; ++j) key += " " + EncodeUtf8(t[j].key);
      Candidate c =
          list == kClassifier
              ? ctx.Make(at, e, t[at].begin, "~Place:" + key, EntityType::kPlace, "classifier")
              : ctx.Make(at, e, t[at].begin, "~Organization:" + key, EntityType::kOrganization, "media-classifier");
      c.m.subtype = list == kClassifier ? std::string(x.WordOf(*h).Attr("subtype")) : "MediaOutlet";
      c.priority = 2;
      cands.push_back(std::move(c));
    }
  }
}

}  // namespace khabar::extract
