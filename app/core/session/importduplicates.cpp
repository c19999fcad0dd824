#include "importduplicates.h"
#include "har.h"
#include "sessionreader.h"

#include <QCryptographicHash>
#include <QHash>
#include <QSet>
#include <QtEndian>

#include <algorithm>

namespace Session::ImportDuplicates {

QByteArray keyOf(const CapturedRequest &r)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const qint64 at = qToBigEndian(r.receivedAtMs);
    hash.addData(QByteArrayView(reinterpret_cast<const char *>(&at), sizeof at));
    hash.addData(r.request.method());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(r.request.hasRequestLine() ? requestUrl(r) : QByteArray());
    hash.addData(QByteArrayView("\0", 1));
    // The body's own digest, so a key never depends on where the URL ends and the body starts.
    hash.addData(QCryptographicHash::hash(r.rejected ? r.raw : r.request.body(), QCryptographicHash::Sha256));
    return hash.result();
}

bool findPresent(SessionReader &reader, const QList<CapturedRequest> &records, QList<bool> *present, QString *error,
                 const std::function<bool()> &cancelled)
{
    present->fill(false, records.size());
    if (records.isEmpty())
        return true;
    QHash<qint64, QList<qsizetype>> byTime; // arrival time → the records that arrived then
    qint64 from = records.constFirst().receivedAtMs, to = from;
    for (qsizetype i = 0; i < records.size(); ++i) {
        const qint64 at = records.at(i).receivedAtMs;
        byTime[at].append(i);
        from = qMin(from, at);
        to = qMax(to, at);
    }
    // Requests that could be one of ours: same millisecond, method and target.
    QList<qint64> candidates;
    QSet<qint64> candidateTimes;
    const bool read =
        reader.forEachArrival(from, to, [&](qint64 id, qint64 at, QByteArrayView method, QByteArrayView target) {
            const auto same = byTime.constFind(at);
            if (same != byTime.constEnd() && std::any_of(same->cbegin(), same->cend(), [&](qsizetype i) {
                    const Http::Request &q = records.at(i).request;
                    return q.method() == method && q.target() == target;
                })) {
                candidates.append(id);
                candidateTimes.insert(at);
            }
            return !(cancelled && cancelled());
        });
    if (!read) {
        *error = cancelled && cancelled() ? QString() : reader.error();
        return false;
    }
    if (candidates.isEmpty())
        return true;
    QHash<QByteArray, int> held; // keys of the candidates, read in full
    for (const qint64 id : std::as_const(candidates)) {
        if (cancelled && cancelled())
            return false;
        const CapturedRequestPtr r = reader.load(id);
        if (!r) {
            *error = reader.error();
            return false;
        }
        ++held[keyOf(*r)];
    }
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (!candidateTimes.contains(records.at(i).receivedAtMs))
            continue;
        const auto it = held.find(keyOf(records.at(i)));
        // The session's copy stands for one record: a file that holds a delivery twice over a
        // session that holds it once adds it once more.
        if (it != held.end() && *it > 0) {
            --*it;
            (*present)[i] = true;
        }
    }
    return true;
}

} // namespace Session::ImportDuplicates
