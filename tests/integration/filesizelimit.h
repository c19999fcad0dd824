#pragma once

#include <csignal>
#include <sys/resource.h>

/// A full disk without root: while it lives, this process may not write a file past `bytes`
/// (writes there fail with EFBIG, for the session's log and SQLite alike). restore() or the
/// destructor gives the room back.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
        : m_previousSignal(::signal(SIGXFSZ, SIG_IGN))
    {
        m_active = ::getrlimit(RLIMIT_FSIZE, &m_saved) == 0;
        rlimit tight = m_saved;
        tight.rlim_cur = bytes;
        m_active = m_active && ::setrlimit(RLIMIT_FSIZE, &tight) == 0;
    }
    ~FileSizeLimit() { restore(); }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;

    bool isActive() const { return m_active; }
    void restore()
    {
        if (m_active)
            ::setrlimit(RLIMIT_FSIZE, &m_saved);
        m_active = false;
        if (m_previousSignal != SIG_ERR)
            ::signal(SIGXFSZ, m_previousSignal);
        m_previousSignal = SIG_ERR;
    }

private:
    rlimit m_saved{};
    bool m_active = false;
    void (*m_previousSignal)(int);
};
