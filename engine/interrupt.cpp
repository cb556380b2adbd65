#include "engine/interrupt.hpp"

#include <atomic>
#include <csignal>

namespace fundsim {
namespace {

std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal flag must be async-signal-safe");

struct sigaction g_previous_int;
struct sigaction g_previous_term;

extern "C" void on_signal(int signal) { g_signal.store(signal); }

}  // namespace

InterruptGuard::InterruptGuard() {
    g_signal.store(0);
    struct sigaction action = {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;  // a second signal takes the default action
    sigaction(SIGINT, &action, &g_previous_int);
    sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptGuard::~InterruptGuard() {
    sigaction(SIGINT, &g_previous_int, nullptr);
    sigaction(SIGTERM, &g_previous_term, nullptr);
}

bool InterruptGuard::is_requested() { return g_signal.load() != 0; }
int InterruptGuard::signal_number() { return g_signal.load(); }

}  // namespace fundsim
