// Internal to extract/: the per-trigger work of the event pass. The state carried from trigger to
// trigger is a Discourse; the work on one trigger is a TriggerFrame whose steps run in the order of
// TriggerSteps() (a step returning false drops the trigger). Not installed.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "events/context.h"

namespace khabar::extract::events {

// What carries over from one trigger to the next.
struct Discourse {
  std::string subject;  // the last verb subject or speaker, for pronoun subjects
  // The doer named by a noun's relative clause (العملية التي أطلقتها أذربيجان) and where it ends: a verb
  // coordinated right after it (وسيطرت) shares it.
  struct RelativeDoer {
    std::string entity;
    std::size_t sentence = SIZE_MAX, end = 0;
  } relative_doer;
  // The parties of the last talks named with بين/مع, and their sentence: another talks noun of that
  // sentence with no parties of its own (الاجتماع الافتتاحي) is between the same parties.
  std::vector<std::string> talk_parties;
  std::size_t talk_sentence = SIZE_MAX;
  std::size_t next_report = 0;  // the first report not yet passed
  std::size_t next_opener = 0;  // the first opener not yet passed
};

// One trigger being made an event.
class TriggerFrame {
 public:
  TriggerFrame(const Extractor::Impl& x_, EventContext& ctx_, Discourse& d_, std::size_t ti_);

  // The steps, in the order TriggerSteps() lists them; false: the trigger is no event.
  bool FollowDiscourse();
  bool Campaign();
  bool VerbSubject();
  bool PluperfectSubject();
  bool NounRelativeDoer();
  void AttributedDoer();
  bool NounGenitive();
  bool NounWeapon();
  bool NounFromActor();
  bool AtHandsOf();
  bool WeaponOwner();
  bool RelativeDoerSubject();
  bool ReportedClauseSubject();
  bool EarlierTitledSubject();
  bool InnaPronounSubject();
  bool BareGovernmentSubject();
  bool ProtestAppeal();
  bool AfterRelativeSubject();
  bool CrowdEvent();
  bool PronounSubject();
  bool CountedVictims() const;
  bool Means();
  bool ActorBeforeVerb();
  bool AccusedDoer();
  bool ActorBeforeNoun();
  bool CasualtyNounAt(std::size_t j) const;
  bool KilledBefore(const std::string& id) const;
  bool Repelled() const;
  bool Stopped() const;
  bool DeedVerb();
  bool EarlierAttackDoer();
  bool Reception();
  bool TalksObject();
  bool Parties();
  bool Mediator();
  std::vector<std::string> PartiesAfter(std::size_t j) const;
  bool NearbyParties();
  bool SidesOfOperationBefore();
  bool Possessor();
  bool PossessiveSuffix() const;
  // بين الجانبين: the last two actors named (states: the last two states)
  std::vector<std::string> LastTwoActors(std::size_t j, bool states = false) const;
  void EngagedParties();
  bool TalkParties();
  bool Echo();
  bool WhereClause();
  bool UpdateDiscourseSubject();
  bool Victims();
  bool BodyOfPerson();
  bool Victim(const std::string& id) const;
  bool Patient();
  bool Place();
  bool Time();
  bool Source();
  bool ReMention();
  bool SameOccurrence();
  bool CasualtyQuantity();

  const Extractor::Impl& x;
  EventContext& ctx;
  Discourse& d;
  // Shorthands for the context's input.
  const Tokens& t;
  const std::size_t n;
  const std::u32string& text;
  const std::vector<std::size_t>& sent;
  const std::vector<Mention>& mentions;
  const std::vector<std::size_t>& mention_at;

  const Trig& tr;
  const std::size_t ti;  // tr's index
  const std::size_t s;   // tr's sentence
  const bool statement;  // tr is a statement (vocab::IsStatement)
  Event ev;              // the event being built

  std::size_t after_agent;        // the token after the agent found after the trigger
  bool relative_clause = false;   // a verb whose subject is the noun before it: not the discourse's subject
  bool doer_of_relative = false;  // the noun's agent comes from its relative clause (a mediator, a sponsor)
  bool speaker_form = false;      // a form whose subject is the speaker (نحض، ندعو، مطالبين)
  // A coordinated verb (وسيطرت، ونفت) shares its subject; an uncoordinated one after another clause
  // (قصف استهدف) is a relative clause, whose subject is not the discourse's.
  bool coordinated_verb = false;
  bool bare_head_subject = false;  // ونفت الحكومة: a bare government noun is the subject
  bool protest_appeal = false;     // مطالبين after a protest: the protesters appeal
  bool after_relative = false;     // a verb right after a relative pronoun
  bool crowd_event = false;        // protesters, the displaced, a delegation: the people of the clause
  bool has_parties = false;        // parties named with بين/مع
  bool where_clause = false;       // after حيث
  std::string campaign_place;      // the territory an offensive is on (هجوم X على المدينة): its place

 private:
  std::size_t SkipAdverbs(std::size_t j) const;
  void Take(std::size_t j);
  std::size_t TitledPerson(std::size_t j) const;
  std::size_t MembersOf(std::size_t j) const;
  std::size_t PastCount(std::size_t j) const;
  std::string PartitiveDoer(std::size_t j) const;
  std::size_t HandsOf(std::size_t j) const;
  std::optional<bool> VerbFeminine() const;
  bool Agrees(const Mention& m) const;
  bool TitleAgrees(std::size_t j) const;
  std::size_t SkipPronounPP(std::size_t j) const;
  bool ClauseStart(std::size_t j) const;
  std::string EarlierTitled(std::size_t verb) const;
  void WeaponNisba(std::size_t j, bool with_bi);
  void WeaponBefore();
  void CoordinatedNisbas(std::size_t k);
  void TroopsOf();
  bool AccusedOf(std::size_t j) const;
  bool LamDoer(std::size_t j) const;
  bool Resumptive(std::size_t v) const;
  bool AfterMin(std::size_t k) const;
  bool TollCounted() const;
  std::string AnaphorPlace(std::string_view subtype, std::size_t j, std::size_t said_at) const;
  bool StatementObject() const;
  std::size_t ObjectActorStart(std::size_t j) const;
  bool DeadsSide(std::size_t j) const;
  void AddWithCoordinatedBefore(std::size_t j, const Mention& m);
};

// A per-trigger step: its name, the method, what it does.
struct TriggerStep {
  std::string_view name;
  bool (TriggerFrame::*run)();
  std::string_view what;
};
// The steps in the order they run on each trigger.
std::span<const TriggerStep> TriggerSteps();

}  // namespace khabar::extract::events
