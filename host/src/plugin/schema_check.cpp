#include "plugin/schema_check.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace fulcrum {
namespace {

// valijson names the path as ["<root>", "[risks]", "[0]", ...].
std::string pointer_of(const std::vector<std::string>& context) {
    std::string out;
    for (const auto& part : context) {
        if (part == "<root>") {
            continue;
        }
        std::string name = part;
        if (name.size() >= 2 && name.front() == '[' && name.back() == ']') {
            name = name.substr(1, name.size() - 2);
        }
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
            name = name.substr(1, name.size() - 2);
        }
        out += "/" + name;
    }
    return out.empty() ? "/" : out;
}

} // namespace

CompiledSchema::CompiledSchema(const nlohmann::json& schema) : m_schema(std::make_unique<valijson::Schema>()) {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(schema);
    parser.populateSchema(adapter, *m_schema);
}

CompiledSchema::~CompiledSchema() = default;

std::string CompiledSchema::check(const nlohmann::json& doc) const {
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    if (validator.validate(*m_schema, adapter, &results)) {
        return {};
    }
    // valijson reports from the outside in; the deepest error says the most.
    valijson::ValidationResults::Error error;
    valijson::ValidationResults::Error deepest;
    size_t count = 0;
    while (results.popError(error)) {
        if (count == 0 || error.context.size() > deepest.context.size()) {
            deepest = error;
        }
        ++count;
    }
    std::string message = pointer_of(deepest.context) + ": " + deepest.description;
    if (count > 1) {
        message += " (" + std::to_string(count - 1) + " more)";
    }
    return message;
}

std::string check_against_schema(const nlohmann::json& schema, const nlohmann::json& doc) {
    if (schema.is_object() && schema.empty()) {
        return {};
    }
    try {
        return CompiledSchema(schema).check(doc);
    } catch (const std::exception& e) {
        return std::string("the schema itself is unusable: ") + e.what();
    }
}

} // namespace fulcrum
