// Private to export/: RAII owners for Redland (librdf) handles. No librdf type leaves this module.
//
// Declare the World first so that it is destroyed last. Pointers librdf lends (librdf_node returned by
// librdf_query_results_get_binding_value is owned by the caller per its docs; librdf_query_results_
// get_binding_name is borrowed) are wrapped only where the documentation says the caller owns them.
#ifndef KHABAR_EXPORT_LIBRDF_HANDLES_H_
#define KHABAR_EXPORT_LIBRDF_HANDLES_H_

#include <redland.h>

#include <memory>

namespace khabar::exporter::internal {

template <auto Fn>
struct FreeWith {
  template <class T>
  void operator()(T* p) const noexcept {
    Fn(p);
  }
};

using World = std::unique_ptr<librdf_world, FreeWith<librdf_free_world>>;
using Storage = std::unique_ptr<librdf_storage, FreeWith<librdf_free_storage>>;
using Model = std::unique_ptr<librdf_model, FreeWith<librdf_free_model>>;
using Parser = std::unique_ptr<librdf_parser, FreeWith<librdf_free_parser>>;
using Uri = std::unique_ptr<librdf_uri, FreeWith<librdf_free_uri>>;
using Query = std::unique_ptr<librdf_query, FreeWith<librdf_free_query>>;
using QueryResults = std::unique_ptr<librdf_query_results, FreeWith<librdf_free_query_results>>;
using Node = std::unique_ptr<librdf_node, FreeWith<librdf_free_node>>;
using Serializer = std::unique_ptr<librdf_serializer, FreeWith<librdf_free_serializer>>;
using Stream = std::unique_ptr<librdf_stream, FreeWith<librdf_free_stream>>;

}  // namespace khabar::exporter::internal

#endif  // KHABAR_EXPORT_LIBRDF_HANDLES_H_
