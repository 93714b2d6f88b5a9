// The Khabar vocabulary: every IRI that extract/, graph/ and export/ write or read.
//
// This header is the single source of truth for names; ontology/khabar.ttl defines the same terms
// formally (OWL) and docs/ontology.md explains them. Changing a name here is a breaking change of the
// output format: the bundled queries in queries/ and every user's stored graph depend on it.
//
// Thread safety: constants only.
#ifndef KHABAR_ONTOLOGY_VOCAB_H_
#define KHABAR_ONTOLOGY_VOCAB_H_

#include <array>
#include <optional>
#include <string_view>

namespace khabar::vocab {

// Namespaces. The project namespace is stable; w3id.org is a permanent-identifier service, so the IRIs
// stay the same wherever the project is hosted.
inline constexpr std::string_view kKh = "https://w3id.org/khabar/ontology#";
inline constexpr std::string_view kResource = "https://w3id.org/khabar/";  // data IRIs live below this
inline constexpr std::string_view kNif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
inline constexpr std::string_view kItsrdf = "http://www.w3.org/2005/11/its/rdf#";
inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view kOwl = "http://www.w3.org/2002/07/owl#";
inline constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kSkos = "http://www.w3.org/2004/02/skos/core#";
inline constexpr std::string_view kProv = "http://www.w3.org/ns/prov#";
inline constexpr std::string_view kOrg = "http://www.w3.org/ns/org#";
inline constexpr std::string_view kSem = "http://semanticweb.cs.vu.nl/2009/11/sem/";
inline constexpr std::string_view kDct = "http://purl.org/dc/terms/";
inline constexpr std::string_view kWd = "http://www.wikidata.org/entity/";

// Prefixes written at the top of every Turtle file, in this order.
struct Prefix {
  std::string_view name;
  std::string_view iri;
};
inline constexpr std::string_view kEntity = "https://w3id.org/khabar/entity/";  // entity IRIs
inline constexpr std::array<Prefix, 15> kPrefixes{{
    {"kh", kKh},
    {"khe", kEntity},
    {"khr", kResource},
    {"nif", kNif},
    {"itsrdf", kItsrdf},
    {"rdf", kRdf},
    {"rdfs", kRdfs},
    {"owl", kOwl},
    {"xsd", kXsd},
    {"skos", kSkos},
    {"prov", kProv},
    {"org", kOrg},
    {"sem", kSem},
    {"dct", kDct},
    {"wd", kWd},
}};

// The seven actor/place types of the output contract (DESIGN.md). Every entity is typed with one of
// these and, where known, with a subclass (Subtype) as well; both rdf:type triples are written so that
// plain SPARQL without RDFS inference finds the base type.
enum class EntityType { kState, kPerson, kOrganization, kArmedForce, kPlace, kGroup, kPolity };
inline constexpr std::array<std::string_view, 7> kEntityTypeNames{"State", "Person", "Organization", "ArmedForce",
                                                                  "Place", "Group",  "Polity"};
std::string_view Name(EntityType t);
std::optional<EntityType> ParseEntityType(std::string_view local_name);

// Subclasses in ontology/khabar.ttl (local names): Place: Region City Village Corridor Border Continent
// Country-level places are States. Organization: Ministry Presidency Agency MediaOutlet
// InternationalOrganization Legislature. ArmedForce: Peacekeepers BorderGuard.
// Kept as strings: the lexicon names them and the ontology defines them; extract/ does not branch on them.

// The eighteen event types of the output contract, with their CAMEO codes (ontology/khabar.ttl says
// which are exact and which are the nearest code).
enum class EventType {
  kMilitaryOperation,
  kAttack,
  kCasualties,
  kExplosion,
  kDisplacement,
  kEvacuation,
  kCeasefire,
  kDisarmament,
  kNegotiation,
  kVisit,
  kBlockade,
  kAidDelivery,
  kProtest,
  kAccusation,
  kDenial,
  kCondemnation,
  kAppeal,
  kPledge,
};
// Everything the project says about each event type, in EventType order: the one list that the
// ontology (ontology/khabar.ttl: the class and its labels), the shapes (ontology/shapes.ttl), the
// evaluation query (queries/eval/events.rq) and the diagrams (export/src/dot.cc) agree with; the test
// ontology.EventTypeTable checks the files against it. To add a type: the enum above, a row here, a
// class in khabar.ttl, its name in shapes.ttl and events.rq, triggers in the lexicon.
struct EventTypeInfo {
  std::string_view name;                // local name in kh: (kh:MilitaryOperation)
  std::string_view label_en, label_ar;  // rdfs:label of the class in khabar.ttl
  std::string_view edge_en, edge_ar;    // the verb on an actor → actor edge of a diagram
  char family;                          // f force, s hostile statement, c cooperation, a appeal, protest, other
};
inline constexpr std::array<EventTypeInfo, 18> kEventTypes{{
    {"MilitaryOperation", "Military operation", "عملية عسكرية", "fought", "قاتل", 'f'},
    {"Attack", "Attack", "هجوم", "attacked", "هاجم", 'f'},
    {"Casualties", "Casualties", "خسائر بشرية", "caused casualties", "أوقع ضحايا", 'f'},
    {"Explosion", "Explosion", "انفجار", "blew up", "فجّر", 'f'},
    {"Displacement", "Displacement", "نزوح", "displaced", "هجّر", 'f'},
    {"Evacuation", "Evacuation", "إجلاء", "evacuated", "أجلى", 'c'},
    {"Ceasefire", "Ceasefire", "وقف إطلاق النار", "ceasefire with", "هدنة مع", 'c'},
    {"Disarmament", "Disarmament", "نزع السلاح", "disarmed", "نزع سلاح", 'c'},
    {"Negotiation", "Negotiation", "مفاوضات", "talks with", "تفاوض مع", 'c'},
    {"Visit", "Visit", "زيارة", "visited", "زار", 'c'},
    {"Blockade", "Blockade", "حصار", "blockaded", "حاصر", 'f'},
    {"AidDelivery", "Aid delivery", "إيصال المساعدات", "aid to", "ساعد", 'c'},
    {"Protest", "Protest", "احتجاج", "protested", "احتج على", 'a'},
    {"Accusation", "Accusation", "اتهام", "accused", "اتهم", 's'},
    {"Denial", "Denial", "نفي", "denied", "نفى", 's'},
    {"Condemnation", "Condemnation", "إدانة", "condemned", "أدان", 's'},
    {"Appeal", "Appeal", "دعوة", "appealed to", "دعا", 'a'},
    {"Pledge", "Pledge", "تعهد", "pledged to", "تعهد لـ", 'c'},
}};
inline constexpr std::array<std::string_view, kEventTypes.size()> kEventTypeNames = [] {
  std::array<std::string_view, kEventTypes.size()> names{};
  for (std::size_t i = 0; i < names.size(); ++i) names[i] = kEventTypes[i].name;
  return names;
}();
std::string_view Name(EventType t);
std::optional<EventType> ParseEventType(std::string_view local_name);
// True for statements (speech acts): their agent is the speaker.
bool IsStatement(EventType t);

// Figure kinds (individuals of kh:FigureKind, local names as below).
enum class FigureKind { kKilled, kInjured, kMissing, kDisplaced, kEvacuated, kAidTonnes, kPopulation, kOther };
inline constexpr std::array<std::string_view, 8> kFigureKindNames{"killed",    "injured",    "missing",    "displaced",
                                                                  "evacuated", "aid_tonnes", "population", "other"};
std::string_view Name(FigureKind k);
std::optional<FigureKind> ParseFigureKind(std::string_view local_name);

// Qualifiers of a figure (individuals of kh:Qualifier).
enum class Qualifier { kExact, kAtLeast, kAbout, kMoreThan, kNearly, kAtMost, kLessThan };
inline constexpr std::array<std::string_view, 7> kQualifierNames{"exact",  "atLeast", "about",   "moreThan",
                                                                 "nearly", "atMost",  "lessThan"};
std::string_view Name(Qualifier q);

// Classes and properties, as local names in the kh: namespace. Full IRIs are kKh + name.
namespace kh {
// classes
inline constexpr std::string_view kArticle = "Article";
inline constexpr std::string_view kEvent = "Event";
inline constexpr std::string_view kFigure = "Figure";
inline constexpr std::string_view kTrigger = "Trigger";
inline constexpr std::string_view kAliasEvidence = "AliasEvidence";
// article properties
inline constexpr std::string_view kSourceFile = "sourceFile";  // xsd:string, the file's base name
inline constexpr std::string_view kSourcePath = "sourcePath";  // xsd:string, path as given
inline constexpr std::string_view kOutlet = "outlet";          // xsd:string
inline constexpr std::string_view kPublished = "published";    // xsd:date
inline constexpr std::string_view kCharCount = "charCount";    // xsd:nonNegativeInteger
// mention properties (besides NIF's)
inline constexpr std::string_view kNominal = "nominal";            // xsd:boolean, true on nominal mentions
inline constexpr std::string_view kRecognisedBy = "recognisedBy";  // xsd:string, the rule that found it
// entity properties
inline constexpr std::string_view kLexiconId = "lexiconId";           // xsd:string
inline constexpr std::string_view kMentionCount = "mentionCount";     // xsd:nonNegativeInteger
inline constexpr std::string_view kPartOf = "partOf";                 // place hierarchy / owner state
inline constexpr std::string_view kAliasEvidenceP = "aliasEvidence";  // entity -> kh:AliasEvidence
inline constexpr std::string_view kSurfaceForm = "surfaceForm";       // AliasEvidence -> "form"@ar
inline constexpr std::string_view kMergeRule = "mergeRule";           // AliasEvidence -> xsd:string rule name
inline constexpr std::string_view kEvidence = "evidence";             // AliasEvidence -> xsd:string
inline constexpr std::string_view kUsedBy = "usedBy";                 // AliasEvidence -> article using the form
// event properties
inline constexpr std::string_view kTriggerP = "trigger";       // Event -> nif:Phrase (kh:Trigger)
inline constexpr std::string_view kAgent = "agent";            // ⊑ sem:hasActor
inline constexpr std::string_view kPatient = "patient";        // ⊑ sem:hasActor
inline constexpr std::string_view kPlace = "place";            // ⊑ sem:hasPlace
inline constexpr std::string_view kTimeText = "timeText";      // "…"@ar, as written
inline constexpr std::string_view kDate = "date";              // xsd:date, resolved
inline constexpr std::string_view kDateFrom = "dateFrom";      // xsd:date, interval start
inline constexpr std::string_view kDateTo = "dateTo";          // xsd:date, interval end
inline constexpr std::string_view kFigureP = "figure";         // Event -> Figure
inline constexpr std::string_view kReportedBy = "reportedBy";  // Event -> entity (the source)
inline constexpr std::string_view kInArticle = "inArticle";    // Event/Figure -> Article
inline constexpr std::string_view kCameoCode = "cameoCode";    // on event classes, xsd:string
// cross-article events
inline constexpr std::string_view kHappening = "Happening";          // class: the real-world occurrence
inline constexpr std::string_view kReportOf = "reportOf";            // Event -> Happening
inline constexpr std::string_view kEventTypeP = "eventType";         // Happening -> event class
inline constexpr std::string_view kMatchRule = "matchRule";          // Happening -> xsd:string
inline constexpr std::string_view kConflictsWith = "conflictsWith";  // Figure -> Figure (symmetric)
inline constexpr std::string_view kAsOf = "asOf";                    // Figure -> xsd:date
// figure properties
inline constexpr std::string_view kFigureKindP = "figureKind";  // Figure -> kh:FigureKind individual
inline constexpr std::string_view kValue = "value";             // xsd:integer
inline constexpr std::string_view kQualifierP = "qualifier";    // Figure -> kh:Qualifier individual
inline constexpr std::string_view kFigureText = "figureText";   // "…"@ar, as written
// roles (W3C ORG memberships carry these besides org:member/org:organization)
inline constexpr std::string_view kRoleText = "roleText";      // "…"@ar
inline constexpr std::string_view kObservedOn = "observedOn";  // xsd:date, the article's date
}  // namespace kh

}  // namespace khabar::vocab

#endif  // KHABAR_ONTOLOGY_VOCAB_H_
