/// `fundsim merge`: the flags become a MergeRequest for the engine
/// (engine/merge_runs.hpp); this file only prints.
#include <cstdio>

#include "cli/commands.hpp"
#include "engine/merge_runs.hpp"

namespace fundsim {

int merge_command(const MergeOptions& o) {
    MergeRequest request;
    request.parts.assign(o.parts.begin(), o.parts.end());
    request.out = o.out;
    request.is_force = o.is_force;
    request.command_line = o.command_line;
    const MergeResult result = merge_runs(request);
    if (!o.is_quiet)
        std::printf("merged %zu parts into %s: %llu points, %llu worlds\n", result.parts, o.out.c_str(),
                    static_cast<unsigned long long>(result.summary.points),
                    static_cast<unsigned long long>(result.summary.worlds));
    return 0;
}

}  // namespace fundsim
