#include "khabar/ontology/status.h"

namespace khabar {

std::string Status::ToString() const {
  switch (code_) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      return "invalid argument: " + message_;
    case Code::kNotFound:
      return "not found: " + message_;
    case Code::kParseError:
      return "parse error: " + message_;
    case Code::kIoError:
      return "I/O error: " + message_;
    case Code::kUnsupported:
      return "unsupported: " + message_;
    case Code::kInternal:
      return "internal error: " + message_;
  }
  return message_;
}

}  // namespace khabar
