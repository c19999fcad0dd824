#pragma once

#include "session/capturedrequest.h"
#include "signing/signing.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <thread>

namespace Capture {

/**
 * Verifies again, in the background, every request already in a session file, after the
 * signature settings changed (or a session made before them was opened). Reads through a
 * connection of its own and hands back only the results that changed, in batches; the owner
 * stores them through the session's writer.
 *
 * The session records the fingerprint of the settings its results come from, so opening a session
 * with unchanged settings costs one read, not a pass over every request.
 */
class Reverifier
{
public:
    /// Called on the worker thread with each batch of changed results; `done` on the last call,
    /// which happens only when the pass ran to the end.
    using Deliver = std::function<void(const Session::SignatureUpdates &updates, bool done)>;

    Reverifier() = default;
    ~Reverifier();
    Reverifier(const Reverifier &) = delete;
    Reverifier &operator=(const Reverifier &) = delete;

    /// Cancels a pass under way, then verifies `path` with `verifier`, reading on to request `upTo`
    /// (the newest captured before the settings changed, which may not be in the file yet).
    void start(const QString &path, const Signing::Verifier &verifier, qint64 upTo, Deliver deliver);
    /// Stops the pass under way, waiting for it.
    void cancel();
    bool isRunning() const { return m_running.load(); }

    /// A one-way digest of everything that decides a result (secrets included, so a changed secret
    /// is a changed fingerprint). It reveals no more about a secret than a stored signature does.
    static QByteArray fingerprint(const Signing::Config &config);

    /// Requests read per batch.
    static constexpr int kBatch = 256;
    /// How long a pass waits for requests up to `upTo` to reach the file.
    static constexpr qint64 kWaitForTailMs = 5000;

private:
    void run(QString path, Signing::Verifier verifier, qint64 upTo, Deliver deliver);

    std::thread m_thread;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_running{false};
};

} // namespace Capture
