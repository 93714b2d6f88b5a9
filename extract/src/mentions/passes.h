// Internal to extract/: the mention passes, in the order they run.
#pragma once

#include <span>
#include <string_view>

#include "mentions/context.h"

namespace khabar::extract {

// One rule (or a family of rules sharing one scan) of the mention finder: it reads the article context and
// adds candidates. `name` is the Mention::pass of what it adds, and the kh:recognisedBy value (before a '/'
// and the rule, when the rule is named otherwise: "nisba/force+nisba"); FindMentions records it.
struct MentionPass {
  std::string_view name;
  void (*run)(const Extractor::Impl&, MentionContext&);
  std::string_view what;
};

// The passes in the order FindMentions runs them; a later pass reads what the earlier ones found.
std::span<const MentionPass> MentionPasses();

// The passes (one file each in mentions/).
void FindLexiconNames(const Extractor::Impl& x, MentionContext& ctx);
void FindLatinNames(const Extractor::Impl& x, MentionContext& ctx);
void FindPolity(const Extractor::Impl& x, MentionContext& ctx);
void FindSeparatists(const Extractor::Impl& x, MentionContext& ctx);
void FindNisbaPhrases(const Extractor::Impl& x, MentionContext& ctx);
void FindConstructPhrases(const Extractor::Impl& x, MentionContext& ctx);
void FindForceNames(const Extractor::Impl& x, MentionContext& ctx);
void FindInstitutions(const Extractor::Impl& x, MentionContext& ctx);
void FindPeacekeepers(const Extractor::Impl& x, MentionContext& ctx);
void FindTitledPersons(const Extractor::Impl& x, MentionContext& ctx);
void FindAppositionsAndSpeakers(const Extractor::Impl& x, MentionContext& ctx);
void FindOutletJournalists(const Extractor::Impl& x, MentionContext& ctx);
void FindSurnames(const Extractor::Impl& x, MentionContext& ctx);
void FindClassifiedNames(const Extractor::Impl& x, MentionContext& ctx);
void TrimPersonsToLexiconNames(const Extractor::Impl& x, MentionContext& ctx);
void FindHomeArmyMentions(const Extractor::Impl& x, MentionContext& ctx);

// Whether a person's name found by rule may start at token `at`: not with the article, not with an
// organisation's head noun (titles.cc).
bool PersonNameStart(const Extractor::Impl& x, const Tokens& t, std::size_t at);

}  // namespace khabar::extract
