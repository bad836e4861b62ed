#include "report/ids.hpp"

#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/string_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

namespace fulcrum {

std::string stable_uuid(const std::string& name) {
    static const boost::uuids::uuid k_namespace =
        boost::uuids::string_generator()("c6e095ce-f580-593f-bfad-3ca5dfe76024");
    return boost::uuids::to_string(boost::uuids::name_generator_sha1(k_namespace)(name));
}

} // namespace fulcrum
