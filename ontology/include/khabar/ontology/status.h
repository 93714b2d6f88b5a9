// Status: errors as values, shared by every Khabar module (this is the leaf library, so it lives here).
//
// A Status is either ok() or carries a code and a message meant for a person ("file.txt: invalid
// UTF-8 at byte 120"). Functions that can fail return [[nodiscard]] Status; callers propagate with
// KHABAR_RETURN_IF_ERROR. No exception crosses a module boundary.
//
// Thread safety: a Status is a value; distinct objects may be used from distinct threads.
#ifndef KHABAR_ONTOLOGY_STATUS_H_
#define KHABAR_ONTOLOGY_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

namespace khabar {

class [[nodiscard]] Status {
 public:
  enum class Code { kOk, kInvalidArgument, kNotFound, kParseError, kIoError, kUnsupported, kInternal };

  Status() = default;
  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string msg) { return {Code::kInvalidArgument, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status ParseError(std::string msg) { return {Code::kParseError, std::move(msg)}; }
  static Status IoError(std::string msg) { return {Code::kIoError, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {Code::kUnsupported, std::move(msg)}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "parse error: <message>", or "ok".
  std::string ToString() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace khabar

#define KHABAR_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::khabar::Status khabar_status_ = (expr);        \
    if (!khabar_status_.ok()) return khabar_status_; \
  } while (0)

#endif  // KHABAR_ONTOLOGY_STATUS_H_
