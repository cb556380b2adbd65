#include "experiment/experiment.hpp"

namespace fundsim {

GovIndex Experiment::find_government(const std::string& id) const {
    for (std::size_t i = 0; i < governments.size(); ++i)
        if (governments[i].id == id) return static_cast<GovIndex>(i);
    return kNoGovernment;
}

}  // namespace fundsim
