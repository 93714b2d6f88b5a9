// Internals of the article reader, for the fuzz targets and tests (not installed, not public API).
//
// ReadArticle() is ReadFileBytes() followed by DecodeArticle(): everything that interprets the bytes
// (BOM and UTF-16 detection, the NUL check, NITF parsing, UTF-8 decoding and the "not UTF-8 text" rule)
// lives in DecodeArticle, so it can be exercised on bytes in memory without a file.
#ifndef KHABAR_EXTRACT_DOCUMENT_INTERNAL_H_
#define KHABAR_EXTRACT_DOCUMENT_INTERNAL_H_

#include <filesystem>
#include <string_view>

#include "khabar/extract/document.h"
#include "khabar/ontology/status.h"

namespace khabar::extract {

// Builds a Document from the bytes of the file `path` (which is not opened: its extension chooses
// the reader, .xml/.nitf for NITF and anything else for text, and it names the file in messages).
// Same contract as ReadArticle otherwise. Reentrant.
[[nodiscard]] Status DecodeArticle(std::string_view bytes, const std::filesystem::path& path, std::string_view id,
                                   const Manifest* manifest, Document* out);

}  // namespace khabar::extract

#endif  // KHABAR_EXTRACT_DOCUMENT_INTERNAL_H_
