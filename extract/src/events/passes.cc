// The event passes in the order they run.
#include "events/context.h"

namespace khabar::extract::events {

namespace {

// A pass switched off (ExtractorOptions) leaves empty what it would have found, and the passes after it
// find less: the events read the numbers, triggers, reports, time expressions and openers; the dual
// triggers, figures, tallies and tally doers read the events. Every pass indexes the sentences: they are
// required.
constexpr EventPass kPasses[] = {
    {"sentences", SplitSentences, "split the text at line breaks and sentence punctuation", true},
    {"numbers", FindNumbers, "counts: digits, number words, multipliers, the qualifier before and the noun after"},
    {"dual-nouns", FindDualNouns, "dual nouns as counts of two (بينهم مدنيان)"},
    {"triggers", FindTriggers, "event words and phrases, minus those not asserted, governed or called for"},
    {"reports", FindReports, "reporting verbs with their speakers, and 'according to X'"},
    {"time-expressions", FindTimexes, "relative days, weekdays, months, years, resolved against the date"},
    {"openers", FindOpeners, "the actor of a sentence opened by a verb that is no trigger"},
    {"occupier", FindOccupier, "the state the article calls الاحتلال or العدو with its nisba"},
    {"home-army", FindHomeArmy, "the one national army the article names, for a bare الجيش"},
    {"events", BuildEvents, "one event per trigger: agents, patients, place, time, source; re-mentions dropped"},
    {"delegations", FindDelegations,
     "talks with no parties of their own: the delegations and sides around them; a delegation's arrival"},
    {"dual-triggers", AddDualTriggers, "a dual trigger (قتيلين) counts two"},
    {"figures", AttachFigures, "each count to the nearest counting event in its sentence"},
    {"tallies", MergeTallies, "a casualty word coordinated with the previous tally gives it its figures"},
    {"tally-doers", TallyDoers, "a tally without a doer takes that of the nearest attack in its sentence"},
    {"reciprocal-doers", ReciprocalDoers, "a reciprocal act (تبادل القصف): the sides found as target are doers too"},
    {"fighting-parties", FightingParties,
     "fighting named again with the article and no doer takes the parties of the fighting named before"},
    {"default-places", DefaultPlaces, "an event with no place of its own takes the article's most mentioned place"},
};

}  // namespace

std::span<const EventPass> EventPasses() { return kPasses; }

}  // namespace khabar::extract::events
