#include "reverifier.h"

#include "session/sessionreader.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QLoggingCategory>

#include <algorithm>
#include <chrono>

namespace Capture {

Q_LOGGING_CATEGORY(lcReverify, "hookscope.signatures", QtWarningMsg)

Reverifier::~Reverifier()
{
    cancel();
}

void Reverifier::cancel()
{
    m_cancel.store(true);
    if (m_thread.joinable())
        m_thread.join();
    m_cancel.store(false);
}

void Reverifier::start(const QString &path, const Signing::Verifier &verifier, qint64 upTo, Deliver deliver)
{
    cancel();
    m_running.store(true);
    m_thread = std::thread([this, path, verifier, upTo, deliver = std::move(deliver)] {
        run(path, verifier, upTo, deliver);
        m_running.store(false);
    });
}

QByteArray Reverifier::fingerprint(const Signing::Config &config)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const auto add = [&hash](QByteArrayView bytes) {
        const quint32 size = quint32(bytes.size());
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&size), sizeof size));
        hash.addData(bytes);
    };
    add("hookscope signature settings 1");
    for (const Signing::Secret &s : config.secrets) {
        // The window always verifies with Hookscope's test secret and `listen` never does; it counts
        // on its own path only, so a session the two take turns on is not re-verified whole each time.
        if (Signing::isTestWebhookSecret(s))
            continue;
        add(s.scheme.toUtf8());
        add(s.secret);
        add(s.pathPattern.toUtf8());
        add(s.label.toUtf8());
    }
    add(config.publicUrl.toUtf8());
    for (const QString &url : config.earlierPublicUrls)
        add(url.toUtf8());
    QStringList schemes = config.toleranceSeconds.keys();
    std::sort(schemes.begin(), schemes.end());
    for (const QString &scheme : std::as_const(schemes)) {
        add(scheme.toUtf8());
        add(QByteArray::number(config.toleranceSeconds.value(scheme)));
    }
    return hash.result().toHex();
}

void Reverifier::run(QString path, Signing::Verifier verifier, qint64 upTo, Deliver deliver)
{
    Session::SessionReader reader;
    if (reader.open(path).problem != Session::FileProblem::None) {
        qCWarning(lcReverify) << "cannot re-verify" << path << reader.error();
        return;
    }
    const QByteArray fingerprint = Reverifier::fingerprint(verifier.config());
    if (reader.verifiedWith() == fingerprint) {
        deliver({}, true);
        return;
    }
    qint64 after = 0;
    qint64 checked = 0;
    QElapsedTimer waiting;
    Session::CapturedBatch batch = reader.loadAfter(after, kBatch);
    while (!m_cancel.load()) {
        if (batch.isEmpty()) {
            // Requests captured with the old settings may still be on their way into the file:
            // wait for them a little (they commit within milliseconds unless the disk is full).
            if (after >= upTo || (waiting.isValid() && waiting.hasExpired(kWaitForTailMs)))
                break;
            if (!waiting.isValid())
                waiting.start();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            batch = reader.loadAfter(after, kBatch);
            continue;
        }
        waiting.invalidate();
        Session::SignatureUpdates changed;
        for (const Session::CapturedRequestPtr &r : batch) {
            if (r->rejected)
                continue;
            Signing::Result result = verifier.verify(r->request, r->receivedAtMs / 1000);
            if (result != r->signature)
                changed.append({r->id, std::move(result)});
        }
        checked += batch.size();
        after = batch.last()->id;
        batch = reader.loadAfter(after, kBatch);
        if (batch.isEmpty() && after >= upTo) {
            // The last results and "done" in one delivery: a session closed the moment they show
            // still records that it was verified with these settings.
            qCInfo(lcReverify) << "re-verified" << checked << "requests in" << path;
            deliver(changed, true);
            return;
        }
        if (!changed.isEmpty())
            deliver(changed, false);
    }
    if (m_cancel.load())
        return;
    qCInfo(lcReverify) << "re-verified" << checked << "requests in" << path;
    deliver({}, true);
}

} // namespace Capture
