// Internal to extract/: the state the mention passes share for one article, and the helpers they use.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extractor_impl.h"

namespace khabar::extract {

// One article as the mention passes see it. The passes (mentions/passes.h) run in order; each reads what
// the earlier ones left here and adds candidates.
struct MentionContext {
  MentionContext(const Extractor::Impl& impl, const Document& document, const Tokens& tokens,
                 std::vector<NisbaHit>* nisba_hits)
      : x(impl), doc(document), text(document.text), t(tokens), nisbas(*nisba_hits) {}

  const Extractor::Impl& x;
  const Document& doc;
  const std::u32string& text;  // doc.text
  const Tokens& t;

  // Every rule's proposals, in the order found (the order breaks ties between equal spans).
  std::vector<Candidate> cands;
  // Nisbas and demonyms standing alone on one token without a clitic; set by the "lexicon" pass.
  std::vector<NisbaHit>& nisbas;
  // First token -> indices in `cands` of the lexicon names (and Latin-script names) starting there; set by
  // the "lexicon" and "latin-name" passes.
  std::map<std::size_t, std::vector<std::size_t>> names_at;
  // The polity of this article's conflict (the one whose territory the article names most), or empty; set
  // by the "polity" pass.
  std::string polity;

  // The text of characters [b, e) as UTF-8.
  std::string SpanText(std::uint32_t b, std::uint32_t e) const;
  // A candidate for tokens [first, last) starting at character `begin`; its subtype is the lexicon
  // entity's, if `entity` is one.
  Candidate Make(std::size_t first, std::size_t last, std::uint32_t begin, const std::string& entity, EntityType type,
                 std::string rule, bool nominal = false) const;
  // Whether the name at token i (read with `clitics` proclitics) follows a locative: ب attached, or a
  // locative word (في، داخل …) right before it.
  bool PrecededByLocative(std::size_t i, std::uint8_t clitics) const;
  // Whether token i is punctuation and one of `chars`.
  bool IsPunct(std::size_t i, std::u32string_view chars) const;
  // The end of a run of up to `max_len` name-like words starting at `at`.
  std::size_t NameRun(std::size_t at, std::size_t max_len) const;
  // The id of a person found by rule on tokens [a, b): "~Person:<keys>".
  std::string PersonKey(std::size_t a, std::size_t b) const;
  // Owner of a title starting at `at`: returns the token after it and sets the owner entity. A municipal
  // or provincial title (takes="place": رئيس بلدية خاركيف، محافظ خان يونس) may be owned by a place.
  std::size_t ParseOwner(std::size_t at, std::string* owner, bool place_owner = false) const;
  // How far (in tokens) a rule that scans the sentence around a token looks either side: a sentence with no
  // punctuation can be as long as the article. Real sentences (under 100 tokens) fit whole.
  static constexpr std::size_t kWindow = 256;
  // The nisbas at token `tok` (`nisbas` is in token order).
  std::span<const NisbaHit> NisbasAt(std::size_t tok) const;
  // The indices in `cands` of the candidates starting at token `first`, in order; the candidates added since
  // the last call are indexed first (a candidate's first token never changes).
  const std::vector<std::size_t>& CandsAt(std::size_t first) const;
  mutable std::unordered_map<std::size_t, std::vector<std::size_t>> cands_at;
  mutable std::size_t cands_indexed = 0;

  // Separatists (الانفصاليون, القوات الانفصالية, السلطات الانفصالية) at token k.
  bool IsSeparatist(std::size_t k) const;
  // Whether an entity is the polity, its region, a place inside it or one of its forces. Needs `polity`.
  bool InLand(const std::string& id) const;
  // Whether the sentence around token k ties a force to the polity: it names the polity, its region or a
  // place inside it, one of the polity's own forces, or its separatists.
  bool TiedToPolity(std::size_t k) const;
};

}  // namespace khabar::extract
