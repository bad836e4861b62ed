// Where each field of a proposal sits in its original text, so that a report
// can point a reader (or a code-scanning tool) at the line that raised a
// finding. Knows JSON pointers and text, nothing of what a proposal means.
#pragma once

#include "proposal/document.hpp"

#include <cstddef>
#include <map>
#include <string>

namespace fulcrum {

// 1-based line and column; the column counts Unicode code points, as SARIF's
// "unicodeCodePoints" column kind does. Zero when unknown.
struct SourcePosition {
    int line = 0;
    int column = 0;
};

class SourceMap {
public:
    SourceMap() = default;

    // Never throws: text that does not parse gives an empty map, whose
    // lookups all answer line 1, column 1.
    static SourceMap from_text(const std::string& text, Syntax syntax);

    // The position of the field a JSON pointer names: its key for an object
    // member, the value itself for an array item or the root. A pointer to a
    // field that is absent (evidence that a value is missing) resolves to the
    // nearest ancestor that exists.
    SourcePosition locate(const std::string& pointer) const;

    // Whether the pointer names a field present in the text.
    bool contains(const std::string& pointer) const { return m_positions.count(pointer) != 0; }

    size_t size() const { return m_positions.size(); }

private:
    friend class SourceMapBuilder;
    std::map<std::string, SourcePosition> m_positions;
};

} // namespace fulcrum
