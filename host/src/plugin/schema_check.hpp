// JSON Schema validation (valijson) with messages that name a JSON pointer.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace valijson {
class Schema;
}

namespace fulcrum {

// A schema parsed once and used for many documents, from any thread.
class CompiledSchema {
public:
    explicit CompiledSchema(const nlohmann::json& schema);
    ~CompiledSchema();
    CompiledSchema(const CompiledSchema&) = delete;
    CompiledSchema& operator=(const CompiledSchema&) = delete;

    // Empty when `doc` is valid, else "<pointer>: <what is wrong>" for the
    // most specific problem (and how many more there are).
    std::string check(const nlohmann::json& doc) const;

private:
    std::unique_ptr<valijson::Schema> m_schema;
};

// One-off check; an empty schema object accepts everything.
std::string check_against_schema(const nlohmann::json& schema, const nlohmann::json& doc);

} // namespace fulcrum
