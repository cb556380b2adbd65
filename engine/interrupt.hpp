#pragma once
/// Graceful interruption (Ctrl-C, or SIGTERM from a batch scheduler at its
/// time limit): the first signal asks the run to stop launching blocks;
/// blocks in flight finish and are kept, so `--resume` continues. The handler
/// resets itself, so a second signal ends the process at once (nothing
/// finished is lost either way: blocks are written atomically).
namespace fundsim {

/// Installs SIGINT and SIGTERM handlers for its lifetime and restores the
/// previous ones on destruction. Create one at a time, from the main thread.
class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    /// True once a signal arrived. Thread-safe (lock-free atomic).
    static bool is_requested();
    /// The signal that arrived (0 if none). Thread-safe.
    static int signal_number();
};

}  // namespace fundsim
