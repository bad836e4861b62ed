// The one stylesheet of Fulcrum's HTML pages, inlined into each page so that
// a report is a single file that opens anywhere and prints as a board pack.
#pragma once

namespace fulcrum {

const char* html_stylesheet();

} // namespace fulcrum
