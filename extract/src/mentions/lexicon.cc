// Pass "lexicon": the lexicon's names (and a capital standing for its state, "capital-metonymy"); on the
// way it collects the nisbas and demonyms the later passes build on.
#include "mentions/passes.h"

namespace khabar::extract {

namespace {

// العاصمة، بالعاصمة، للعاصمة
bool CapitalWord(const Extractor::Impl& x, const Tokens& t, std::size_t k) {
  return In(x.keys.capital_nouns, t[k].key);
}

// Whether the capital named by hit `h` at token i is the city itself rather than its state.
bool NamesTheCity(const Extractor::Impl& x, const MentionContext& ctx, std::size_t i, const Hit& h) {
  const Tokens& t = ctx.t;
  bool visited = false;  // زار الوزير الخرطوم: a visit's destination is the city
  for (std::size_t b = i >= 3 ? i - 3 : 0; b < i && !visited; ++b) {
    for (const Hit& th : t.triggers.At(b, true)) visited |= x.WordOf(th).Attr("type") == "Visit";
  }
  // A dateline (صنعاء - / صنعاء (رويترز)) names the city the report comes from.
  bool dateline =
      (i == 0 || t[i - 1].kind == Token::Kind::kNewline) && h.last < t.size() && t[h.last].kind == Token::Kind::kPunct;
  // في العاصمة مقديشو: a capital named as the capital is the city; and العاصمة الليبية طرابلس, with the
  // state's nisba between.
  bool as_capital =
      i > 0 && (CapitalWord(x, t, i - 1) || (i > 1 && CapitalWord(x, t, i - 2) &&
                                             std::any_of(ctx.nisbas.begin(), ctx.nisbas.end(),
                                                         [&](const NisbaHit& nh) { return nh.tok == i - 1; })));
  // السلطات في كييف، المسؤولون في باكو: the officials in the capital are its government.
  if (i > 1 && h.clitics == 0 && t[i - 1].key == x.keys.fi && x.WordEndingAt(t, i - 1, kGovHead)) return false;
  // كل من واشنطن وموسكو: "each of", not a place of origin.
  bool each_of = i > 1 && t[i - 1].key == x.keys.min && t[i - 2].key == x.keys.kull;
  // رئيس بلدية كييف: a municipal title is owned by the city.
  bool municipal = false;
  if (auto title = x.WordEndingAt(t, i, kTitle)) municipal = x.WordOf(*title).Attr("takes") == "place";
  // هجوم صاروخي على كييف: the target of an attack is the city.
  bool attacked = false;
  if (i > 1 && t[i - 1].key == x.keys.ala) {
    for (std::size_t b = i >= 5 ? i - 5 : 0; b + 1 < i && !attacked; ++b) {
      for (const Hit& th : t.triggers.At(b, true)) {
        std::string_view type = x.WordOf(th).Attr("type");
        attacked |= type == "Attack" || type == "MilitaryOperation";
      }
    }
  }
  // قمة القاهرة، مؤتمر باريس: a meeting named after the city it is held in.
  bool venue = i > 0 && x.WordEndingAt(t, i, kVenueHead).has_value();
  // قاعدة فيكتوريا، مطار بغداد: a site's name, never the state.
  auto site_word = i > 0 ? x.WordEndingAt(t, i, kClassifier) : std::nullopt;
  bool site = site_word && x.WordOf(*site_word).Attr("territory").empty();
  return (ctx.PrecededByLocative(i, h.clitics) && !each_of) || visited || dateline || as_capital || municipal ||
         attacked || venue || site;
}

// مدينة الأبيض، قناة المسيرة، ولاية الجزيرة: a place or outlet listed with its classifier (its name alone is
// a common word) is annotated without it, like every classifier + name (وكالة تاس); a classifier that is
// part of the name stays (وكالة الأنباء الفرنسية).
bool StartsWithClassifier(const Extractor::Impl& x, const Tokens& t, const Hit& h, const ontology::EntityEntry& e) {
  std::size_t name_first = h.first + 1;
  return h.last > name_first && (e.type == EntityType::kPlace || e.subtype == "MediaOutlet") &&
         In(x.keys.name_classifiers, std::u32string_view(t[h.first].key).substr(h.clitics)) &&
         t[name_first].key != x.keys.al_anba && !x.IsFunction(t[name_first]);
}

// جنوب وغرب وشمال كردفان: a direction coordinated with others (و + direction after a direction) is a
// direction of the name after it, not the first word of a name (شمال كردفان).
bool CoordinatedDirection(const Extractor::Impl& x, const Tokens& t, std::size_t i) {
  auto direction = [&](std::size_t k, bool waw) {
    std::u32string_view w = t[k].key;
    if (waw) {
      if (w.empty() || w[0] != kWaw) return false;
      w.remove_prefix(1);
    } else if (!w.empty() && w[0] == kWaw && w.size() == 4) {
      w.remove_prefix(1);
    }
    return In(x.keys.directions, w);
  };
  return i > 0 && t[i].is_word() && t[i - 1].is_word() && direction(i, true) && direction(i - 1, false);
}

// A state's name that is also its nisba in the accusative (روسيا = روسي + ا) right after an indefinite
// accusative event noun (هجوما روسيا، تدخلا روسيا): the adjective, not the state. (رئيسا روسيا، a dual in
// construct, is no event noun.)
bool AccusativeNisba(const Extractor::Impl& x, const Tokens& t, std::size_t i, const Hit& h) {
  if (i == 0 || h.last != i + 1 || h.clitics != 0) return false;
  const std::u32string& before = t[i - 1].key;
  if (before.size() < 3 || before.back() != kAlef || !Extractor::Impl::IndefiniteNoun(t, i - 1) ||
      EndsWith(before, x.keys.ha) || EndsWith(before, x.keys.wa)) {
    return false;  // زيارتها أرمينيا، دخلوا أرمينيا
  }
  bool noun = false;  // ودعا أرمينيا: a verb's object is the state
  for (const Hit& tr : t.triggers.At(i - 1, true)) {
    std::string_view pos = x.WordOf(tr).Attr("pos");
    noun |= tr.last == i && (pos == "noun" || pos == "noun-form");
  }
  if (!noun) return false;
  for (const Hit& other : t.names.At(i, true)) {
    if (other.payload.kind == Payload::Kind::kNisba && other.last == i + 1 && other.clitics == 0 && !other.article)
      return true;
  }
  return false;
}

}  // namespace

void FindLexiconNames(const Extractor::Impl& x, MentionContext& ctx) {
  const Tokens& t = ctx.t;
  for (std::size_t i = 0; i < t.size(); ++i) {
    for (const Hit& h : t.names.At(i, true)) {
      const auto& e = x.entities[h.payload.entity];
      if (h.payload.kind == Payload::Kind::kNisba || h.payload.kind == Payload::Kind::kDemonym) {
        if (h.last == i + 1 && h.clitics == 0) {
          ctx.nisbas.push_back({i, h.payload.entity, h.payload.plural || h.payload.kind == Payload::Kind::kDemonym,
                                h.payload.kind == Payload::Kind::kDemonym, h.article});
        }
        continue;
      }
      if (h.article) continue;                    // names match as written, never after an added article
      if (AccusativeNisba(x, t, i, h)) continue;  // هجوما روسيا: "a Russian attack", not Russia
      if (h.last > i + 1 && CoordinatedDirection(x, t, i)) continue;
      if (!e.capital_of.empty() && !NamesTheCity(x, ctx, i, h)) {
        ctx.names_at[i].push_back(ctx.cands.size());
        ctx.cands.push_back(ctx.Make(h.first, h.last, h.begin, e.capital_of, EntityType::kState, "capital-metonymy"));
        continue;
      }
      if (StartsWithClassifier(x, t, h, e)) {
        std::size_t name_first = h.first + 1;
        ctx.names_at[name_first].push_back(ctx.cands.size());
        ctx.cands.push_back(ctx.Make(name_first, h.last, t[name_first].begin, e.id, e.type, "lexicon"));
        continue;
      }
      ctx.names_at[i].push_back(ctx.cands.size());
      ctx.cands.push_back(ctx.Make(h.first, h.last, h.begin, e.id, e.type, "lexicon"));
    }
  }
}

}  // namespace khabar::extract
