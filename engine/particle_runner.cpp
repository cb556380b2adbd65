#include "engine/particle_runner.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <limits>

namespace fundsim {

std::vector<std::vector<double>> mean_over_worlds(const std::vector<const Scenario*>& scenarios, std::uint32_t worlds,
                                                  std::size_t value_count, const WorldSummary& summarize, int threads) {
    const std::size_t tasks = scenarios.size() * worlds;
    std::vector<double> values(tasks * value_count);
    tbb::enumerable_thread_specific<WorldOutcome> buffers;  // reused across worlds of a thread
    tbb::task_arena arena(threads);
    arena.execute([&] {
        tbb::parallel_for(std::size_t{0}, tasks, [&](std::size_t task) {
            const std::size_t particle = task / worlds, world = task % worlds;
            WorldOutcome& outcome = buffers.local();
            simulate_world(*scenarios[particle], 0, world, false, outcome);
            summarize(outcome, values.data() + task * value_count);
        });
    });
    std::vector<std::vector<double>> means(scenarios.size(), std::vector<double>(value_count));
    for (std::size_t p = 0; p < scenarios.size(); ++p) {
        for (std::size_t v = 0; v < value_count; ++v) {
            double sum = 0, n = 0;
            for (std::size_t w = 0; w < worlds; ++w) {  // world order: the same bits at any thread count
                const double x = values[(p * worlds + w) * value_count + v];
                if (std::isnan(x)) continue;
                sum += x;
                n += 1;
            }
            means[p][v] = n > 0 ? sum / n : std::numeric_limits<double>::quiet_NaN();
        }
    }
    return means;
}

}  // namespace fundsim
