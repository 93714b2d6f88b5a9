// Events: one per trigger, built by the steps of a TriggerFrame.
#include "events/trigger_frame.h"

namespace khabar::extract::events {

namespace {

constexpr TriggerStep kSteps[] = {
    {"discourse", &TriggerFrame::FollowDiscourse,
     "the reports and openers before the trigger set the discourse subject"},
    {"campaign", &TriggerFrame::Campaign, "an attack noun on a territory, or a State's with no target: an offensive"},
    {"verb-subject", &TriggerFrame::VerbSubject,
     "a verb's subject: after it (VSO), a titled person, a sender, SVO, its forces"},
    {"pluperfect", &TriggerFrame::PluperfectSubject, "كان X قد + verb: X, past an aside, is the subject"},
    {"noun-relative-doer", &TriggerFrame::NounRelativeDoer,
     "a noun's doer named by its relative clause (التي أطلقتها X)"},
    {"noun-genitive", &TriggerFrame::NounGenitive, "a noun's genitive, or a nisba on it (قصف أذربيجاني)"},
    {"noun-weapon", &TriggerFrame::NounWeapon, "an attack's weapon with a nisba (بطائرات روسية)"},
    {"weapon-owner", &TriggerFrame::WeaponOwner,
     "an attack made with a weapon, or aid sent in a convoy, belonging to an actor (تابعة لجماعة X): its doer"},
    {"noun-from", &TriggerFrame::NounFromActor, "an attack from an actor (من X), or by one (من قبل X)"},
    {"at-hands-of", &TriggerFrame::AtHandsOf,
     "على يد X، على أيدي عناصر من X: at the hands of X, a verb's or a noun's doer"},
    {"relative-doer", &TriggerFrame::RelativeDoerSubject,
     "a verb coordinated right after a relative clause shares its doer"},
    {"reported-clause", &TriggerFrame::ReportedClauseSubject,
     "a verb coordinated inside a reported clause shares its subject"},
    {"earlier-titled", &TriggerFrame::EarlierTitledSubject,
     "a bare title before the verb: the person named with it earlier"},
    {"inna-pronoun", &TriggerFrame::InnaPronounSubject, "إنه + verb: the speaker of the report"},
    {"bare-government", &TriggerFrame::BareGovernmentSubject,
     "a bare government noun after the verb: the government named earlier"},
    {"protest-appeal", &TriggerFrame::ProtestAppeal, "the protesters of the sentence appeal"},
    {"after-relative", &TriggerFrame::AfterRelativeSubject, "a verb after a relative pronoun: the noun before it"},
    {"crowd", &TriggerFrame::CrowdEvent, "protests, displacement, delegations: never the last speaker"},
    {"pronoun-subject", &TriggerFrame::PronounSubject,
     "a pronoun subject: the speaker of the report, else the discourse subject"},
    {"means", &TriggerFrame::Means, "an attack named as the means of an earlier one (من خلال القصف): its doer"},
    {"actor-before-verb", &TriggerFrame::ActorBeforeVerb,
     "the nearest actor before a verb in its clause, or a weapon with a nisba"},
    {"accused-doer", &TriggerFrame::AccusedDoer,
     "اتهم X Y بقصف: the deed the accused is accused of (ب + noun right after them) is theirs"},
    {"actor-before-noun", &TriggerFrame::ActorBeforeNoun,
     "the nearest actor before a noun, past asides and prepositions"},
    {"deed-verb", &TriggerFrame::DeedVerb,
     "killing or displacement done by a light verb (تنفذ أعمال قتل، تسببت في نزوح): the verb's subject"},
    {"earlier-attack-doer", &TriggerFrame::EarlierAttackDoer,
     "a bare definite attack noun: the doer of the attacks just before, when they agree"},
    {"possessor", &TriggerFrame::Possessor,
     "زيارته، لقائهما، زيارة له: a visit, meeting or pledge's possessor is the discourse subject"},
    {"reception", &TriggerFrame::Reception, "a reception: the guest is the visitor, the host the one visited"},
    {"talks-object", &TriggerFrame::TalksObject, "talks by a verb: the party met"},
    {"parties", &TriggerFrame::Parties, "بين X و Y، مع X: the parties of a war, talks or truce"},
    {"mediator", &TriggerFrame::Mediator, "بوساطة X، بوساطة تركية: the mediator of a truce or talks is a party"},
    {"nearby-parties", &TriggerFrame::NearbyParties,
     "a war or clash noun with no parties: those named with the same noun in the sentences around it"},
    {"sides-before", &TriggerFrame::SidesOfOperationBefore,
     "a two-sided fight with no parties: the doer and the target of the operation just before"},
    {"talk-parties", &TriggerFrame::TalkParties, "another talks noun of the sentence: the same parties"},
    {"echo", &TriggerFrame::Echo, "وهو ما أكده X: those who echo a statement said it too"},
    {"where-clause", &TriggerFrame::WhereClause, "حيث التقى: the visitor of the clause before is a party"},
    {"discourse-subject", &TriggerFrame::UpdateDiscourseSubject, "a verb's first agent becomes the discourse subject"},
    {"victims", &TriggerFrame::Victims, "groups killed or displaced are patients, not agents"},
    {"body-of-person", &TriggerFrame::BodyOfPerson,
     "an attack or operation found as a person's (a spokesman's) is their force's or movement's"},
    {"patient", &TriggerFrame::Patient, "the next actor after the agent in the clause"},
    {"place", &TriggerFrame::Place, "the place: nearest of the sentence, an origin, a fronted place, an anaphor"},
    {"time", &TriggerFrame::Time, "the nearest time expression in the sentence"},
    {"source", &TriggerFrame::Source, "the speaker of the sentence's reporting verb before the trigger"},
    {"re-mention", &TriggerFrame::ReMention,
     "a bare definite or demonstrative re-mention of a reported event: dropped"},
    {"same-occurrence", &TriggerFrame::SameOccurrence,
     "a noun or verb describing the previous trigger's event: dropped"},
    {"casualty-quantity", &TriggerFrame::CasualtyQuantity,
     "a definite casualty noun, or a quantity noun, needs a number or count before it"},
};

}  // namespace

std::span<const TriggerStep> TriggerSteps() { return kSteps; }

// For each trigger in text order, the steps of a TriggerFrame (but those switched off); an event unless a
// step says no.
void BuildEvents(const Extractor::Impl& x, EventContext& ctx) {
  ctx.BuildIndexes();
  Discourse discourse;
  std::span<const TriggerStep> steps = TriggerSteps();
  for (std::size_t ti = 0; ti < ctx.trigs.size(); ++ti) {
    TriggerFrame frame(x, ctx, discourse, ti);
    bool event = true;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      if (x.trigger_step_off[i]) continue;
      if (!(frame.*steps[i].run)()) {
        event = false;
        break;
      }
    }
    if (!event) continue;
    ctx.out.push_back(std::move(frame.ev));
    ctx.trig_of_event.push_back(ti);
  }
}

TriggerFrame::TriggerFrame(const Extractor::Impl& x_, EventContext& ctx_, Discourse& d_, std::size_t ti_)
    : x(x_),
      ctx(ctx_),
      d(d_),
      t(ctx_.t),
      n(ctx_.n),
      text(ctx_.text),
      sent(ctx_.sent),
      mentions(ctx_.mentions),
      mention_at(ctx_.mention_at),
      tr(ctx_.trigs[ti_]),
      ti(ti_),
      s(ctx_.sent[tr.first]),
      statement(vocab::IsStatement(tr.type)),
      after_agent(tr.last) {
  ev.type = tr.type;
  ev.begin = tr.begin;
  ev.end = t[tr.last - 1].end;
  ev.trigger_text = ctx.SpanText(ev.begin, ev.end);
  speaker_form = !tr.word->Attr("speaker").empty();
  if (tr.verb && !tr.word->Attr("present").empty()) {  // نحض، ندعو: first person plural, the speaker
    const std::u32string& k = t[tr.first].key;
    std::u32string present = K(tr.word->Attr("present"));
    speaker_form |= k.size() > tr.clitics + present.size() && k[tr.clitics] == kNoon &&
                    k.compare(tr.clitics + 1, present.size(), present) == 0;
  }
  coordinated_verb = tr.verb && tr.clitics > 0 && (t[tr.first].key[0] == kWaw || t[tr.first].key[0] == kFeh);
  coordinated_verb |= tr.verb && tr.clitics == 0 && tr.first > 0 && t[tr.first - 1].key == x.keys.thumma;  // ثم التقت
}

// The reports and openers before the trigger: who speaks, and the discourse subject.
bool TriggerFrame::FollowDiscourse() {
  while ((d.next_report < ctx.reports.size() && ctx.reports[d.next_report].verb_tok < tr.first) ||
         (d.next_opener < ctx.openers.size() && ctx.openers[d.next_opener].first < tr.first)) {
    if (d.next_opener < ctx.openers.size() && ctx.openers[d.next_opener].first < tr.first &&
        (d.next_report >= ctx.reports.size() ||
         ctx.openers[d.next_opener].first < ctx.reports[d.next_report].verb_tok)) {
      d.subject = ctx.openers[d.next_opener++].second;
      continue;
    }
    Report& r = ctx.reports[d.next_report++];
    if (r.according_to) continue;
    if (r.speaker.empty()) r.speaker = d.subject;  // وأضاف: the same speaker goes on
    d.subject = r.speaker;
  }
  return true;
}

}  // namespace khabar::extract::events
