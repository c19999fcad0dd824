#pragma once

#include "session/capturedrequest.h"
#include "session/summarystore.h"

#include <QCache>
#include <QHash>

#include <utility>

namespace Gui {

/**
 * What the request table knows of signatures beyond the two bytes a summary row keeps: the whole
 * results of recent requests (for tooltips: the skew and the secret that matched), and new results
 * for requests the table does not hold yet (a session still loading, a row still waiting for its
 * UI tick), kept until their rows come.
 */
class SignatureResults
{
public:
    SignatureResults();

    /// Keeps the whole result of request `id` (the newest few thousand are kept).
    void remember(qint64 id, const Signing::Result &result);
    /// The whole result of `id`, or null when it is not kept.
    const Signing::Result *find(qint64 id) const { return m_recent.object(id); }

    /// Keeps a result for a row that is not in the table yet.
    void hold(qint64 id, Session::SummarySignature signature) { m_held.insert(id, signature); }
    bool hasHeld() const { return !m_held.isEmpty(); }
    /// Takes the held result of `id` into `signature`; false when none is held.
    bool takeHeld(qint64 id, Session::SummarySignature *signature);
    /// Takes every held result.
    QHash<qint64, Session::SummarySignature> takeHeld() { return std::exchange(m_held, {}); }

    void forget(const QList<qint64> &ids);
    /// A new session: nothing kept applies to it.
    void clear();

private:
    QCache<qint64, Signing::Result> m_recent;
    QHash<qint64, Session::SummarySignature> m_held;
};

} // namespace Gui
