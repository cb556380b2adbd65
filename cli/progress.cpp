#include "cli/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace fundsim {

std::string duration_text(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "?";
    const auto s = static_cast<long long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%lldh%02lldm", s / 3600, s % 3600 / 60);
    else if (s >= 60) std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%llds", s);
    return buf;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressLine::ProgressLine(bool is_enabled) : is_enabled_(is_enabled) {}

void ProgressLine::update(const ExperimentProgress& p) {
    if (!is_enabled_) return;
    const std::uint64_t done_now = p.worlds_done - p.worlds_before;  // the rate of this call
    const double rate = p.seconds > 0 ? static_cast<double>(done_now) / p.seconds : 0;
    const double left = rate > 0 ? static_cast<double>(p.worlds_total - p.worlds_done) / rate : NAN;
    std::fprintf(stderr, "\r  %llu / %llu worlds  %.1f worlds/s  %s left   ",
                 static_cast<unsigned long long>(p.worlds_done), static_cast<unsigned long long>(p.worlds_total),
                 rate, duration_text(left).c_str());
    std::fflush(stderr);
    is_drawn_ = true;
}

void ProgressLine::finish() {
    if (is_drawn_) std::fputc('\n', stderr);
    is_drawn_ = false;
}

}  // namespace fundsim
