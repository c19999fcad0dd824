#pragma once

#include "tunnelconfig.h"
#include "tunneloutput.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QProcess;

namespace Tunnel {

/**
 * Runs one tunnel tool and reads its public URL from what it prints (OutputReader). The tool is
 * started in its own process group with a parent-death signal (Linux), so it never outlives
 * Hookscope: stop() and the destructor end the whole group (SIGTERM, then SIGKILL), and if
 * Hookscope itself is killed the kernel kills the tool. A tool that exits, crashes or prints no
 * URL in time is reported with its last lines of output and started again with backoff, up to
 * TunnelConfig::maxRestarts in a row. Lives on the thread that starts it (the main thread).
 */
class TunnelManager : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Off,        ///< nothing runs
        Starting,   ///< the tool runs and has not printed its URL yet
        Up,         ///< publicUrl() reaches the listener
        Restarting, ///< the tool ended (problem()); it starts again after a pause
        Failed,     ///< the tool cannot run or ended too often; problem() says why
    };
    Q_ENUM(State)

    explicit TunnelManager(QObject *parent = nullptr);
    /// Ends the tool and waits for it (at most about two seconds).
    ~TunnelManager() override;

    /// Starts the tunnel to `local` (the listener's plain URL) as `config` says; a tool already
    /// running is stopped first.
    void start(const TunnelConfig &config, const QUrl &local);
    /// Stops the tool: SIGTERM to its process group, SIGKILL two seconds later if it is still there.
    /// Returns at once; the tool is no longer reported on.
    void stop();

    State state() const { return m_state; }
    /// The public URL while Up; empty otherwise.
    QUrl publicUrl() const { return m_url; }
    /// Why the last run ended or could not start; empty while none did.
    QString problem() const { return m_problem; }
    /// What the tool printed last (the current run, or the one that ended).
    QStringList lastLines() const { return m_lines.lines(); }
    const TunnelConfig &config() const { return m_config; }
    QUrl local() const { return m_local; }
    /// The running tool's process id; 0 when none runs.
    qint64 processId() const;
    /// The failures in a row so far (reset by a run that stayed up long enough).
    int failuresInRow() const { return m_failures; }

Q_SIGNALS:
    void stateChanged(Tunnel::TunnelManager::State state);
    /// The public URL came, changed (a restarted quick tunnel gets a new one) or went (empty).
    void publicUrlChanged(const QUrl &url);
    /// A run ended or could not start: why, what the tool printed last, and when it starts again
    /// (milliseconds; -1: it does not).
    void ended(const QString &problem, const QStringList &lastLines, int restartInMs);

private:
    void launch();
    void onOutput();
    void onFinished(int exitCode, bool crashed);
    void onUrlTimeout();
    void fail(const QString &problem, bool mayRestart);
    void setState(State state);
    void setUrl(const QUrl &url);
    /// Detaches the running tool and ends its group (SIGTERM now, SIGKILL later).
    void release();

    TunnelConfig m_config;
    QUrl m_local;
    QProcess *m_process = nullptr;
    OutputReader m_reader{TunnelConfig{}};
    LastLines m_lines;
    QString m_toolError; // the tool's own words for its failure (ngrok's error records)
    QString m_endReason; // set when Hookscope ends the run (no URL in time)
    QTimer m_urlTimer;
    QTimer m_restartTimer;
    QElapsedTimer m_upSince;
    State m_state = State::Off;
    QUrl m_url;
    QString m_problem;
    int m_failures = 0;
};

/// Sends `signal` to the process group led by `pid` (the tool and anything it started), or to
/// `pid` alone when it leads none yet.
void signalGroup(qint64 pid, int signal);

} // namespace Tunnel
