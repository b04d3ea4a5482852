#pragma once

#include <string_view>

namespace emporium::storage::postgres {

// The highest $n in `sql`, outside string literals, quoted identifiers, dollar quotes and comments (nested
// block comments included); 0 when there is none. The server accepts more declared parameter types than a
// statement uses, so it cannot tell us that a caller passed too many; this count can.
int highest_placeholder(std::string_view sql);

}  // namespace emporium::storage::postgres
