#include "signatureresults.h"

namespace Gui {

namespace {
// About 200 bytes each: a few megabytes at most, for the rows a user is likely to hover.
constexpr qsizetype kRecentResults = 20000;
} // namespace

SignatureResults::SignatureResults()
    : m_recent(kRecentResults)
{
}

void SignatureResults::remember(qint64 id, const Signing::Result &result)
{
    // Rows without a scheme have nothing a tooltip would add.
    if (result.scheme.isEmpty() && result.secretLabel.isEmpty() && result.skewSeconds == 0)
        m_recent.remove(id);
    else
        m_recent.insert(id, new Signing::Result(result));
}

bool SignatureResults::takeHeld(qint64 id, Session::SummarySignature *signature)
{
    const auto it = m_held.constFind(id);
    if (it == m_held.constEnd())
        return false;
    *signature = *it;
    m_held.erase(it);
    return true;
}

void SignatureResults::forget(const QList<qint64> &ids)
{
    for (qint64 id : ids) {
        m_recent.remove(id);
        m_held.remove(id);
    }
}

void SignatureResults::clear()
{
    m_recent.clear();
    m_held.clear();
}

} // namespace Gui
