#include "engine/world_columns.hpp"

#include <algorithm>

namespace fundsim {

void derive_world_row(const WorldOutcome& outcome, double* row) {
    for (int c = 0; c < kWorldColumnCount; ++c) {
        const WorldColumn& column = kWorldColumns[c];
        double value = 0;
        switch (column.reduce) {
            case WorldReduce::final_value:
                value = outcome.at(outcome.steps, column.metric);
                break;
            case WorldReduce::max_over_steps:
                value = outcome.at(0, column.metric);
                for (int s = 1; s <= outcome.steps; ++s) value = std::max(value, outcome.at(s, column.metric));
                break;
            case WorldReduce::sum_over_steps:
                for (int s = 0; s <= outcome.steps; ++s) value += outcome.at(s, column.metric);
                break;
            case WorldReduce::first_join_step:
                value = outcome.first_join_step;
                break;
        }
        row[c] = value;
    }
}

}  // namespace fundsim
