// Graphviz views of a Khabar graph: who did what to whom, what happened where, when, and under which
// names. The graph file is read through librdf (RunQuery); the views are aggregated and cut to a size
// that Graphviz lays out in about a second, and rendered by the Graphviz `dot` program.
//
//   actors    actor network: an edge agent → patient per pair, labelled with the event types between
//             them ("accused ×2", "attacked"), coloured by kind (force, accusation, cooperation, appeal)
//   events    events grouped by type and place, with their agents (left), patients and place (right)
//   timeline  dated events (kh:date, or an interval's kh:dateFrom) in order, grouped per date and type
//   aliases   entities known under several names: each surface form with its merge rule and articles
//
// Size: `top` keeps the N most connected actors (actors), largest event groups (events), busiest
// dates (timeline) or entities with most names (aliases); 0 keeps everything. Above 150 nodes or 400
// edges the layout engine switches from dot to sfdp, which lays out thousands of nodes in seconds where
// dot would take minutes (measured: dot 445 s on 300 random nodes, sfdp 9-13 s on 10,000).
//
// Output is deterministic: the same graph and options give the same DOT text.
// Thread safety: functions are reentrant.
#ifndef KHABAR_EXPORT_DOT_H_
#define KHABAR_EXPORT_DOT_H_

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "khabar/ontology/status.h"

namespace khabar::exporter {

enum class DotView { kActors, kEvents, kTimeline, kAliases };
enum class DotLang { kArabic, kEnglish };

// "actors" "events" "timeline" "aliases"; false for anything else.
bool ParseDotView(std::string_view name, DotView* out);

struct DotOptions {
  DotView view = DotView::kActors;
  DotLang lang = DotLang::kArabic;  // labels: skos:prefLabel in this language, else the other one
  int top = -1;                     // -1: the view's default (actors 30, events 16, timeline 15, aliases 12)
  std::string engine;               // Graphviz layout engine; empty: dot, or sfdp for large views
};

struct DotGraph {
  std::string text;    // the DOT source
  std::string engine;  // the layout engine chosen
  std::size_t nodes = 0, edges = 0;
  std::size_t shown = 0, total = 0;  // items kept by `top` / available (actors, groups, dates, entities)
};

// Reads the graph file (Turtle or N-Triples) and builds the view. Errors: those of RunQuery
// (NotFound, ParseError), InvalidArgument for an unknown engine name.
[[nodiscard]] Status BuildDot(const std::filesystem::path& graph, const DotOptions& options, DotGraph* out);

// Writes `g` to `path`, by extension: .dot/.gv the DOT source; .svg, .png or .pdf rendered by Graphviz
// (`dot -K<engine> -T<format>`, which must be on PATH; PNG through cairo/pango, so Arabic is shaped
// with an installed Arabic font). Written atomically (temporary file, then rename). A layout running
// longer than `timeout_s` seconds is stopped. Errors: InvalidArgument (unknown extension), NotFound
// (Graphviz not installed), IoError (Graphviz failed, with its message; timeout; write failure).
[[nodiscard]] Status WriteDot(const DotGraph& g, const std::filesystem::path& path, int timeout_s = 120);

}  // namespace khabar::exporter

#endif  // KHABAR_EXPORT_DOT_H_
