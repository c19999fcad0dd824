#pragma once

#include "capturedrequest.h"
#include "outboundreader.h"
#include "sessionfile.h"

#include <functional>
#include <memory>

namespace Session {

class SummaryStore;

/**
 * Reads a session file on its own connection: the summary rows for the table, one request in
 * full, or every request in order for an export. Readers never block the writer (WAL).
 * Use one reader per thread.
 */
class SessionReader
{
public:
    /// Called every few thousand rows with (done, total); return false to cancel.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    SessionReader();
    ~SessionReader();

    SessionFile::Info open(const QString &path);
    void close();
    QString error() const;

    qint64 count();
    /// Appends every request's summary to `store`, in id order, starting after `afterId`.
    bool loadSummaries(SummaryStore &store, qint64 afterId = 0, const Progress &progress = {});
    /// One request in full, or null (see error()).
    CapturedRequestPtr load(qint64 id);
    /// Up to `limit` requests in full with ids above `afterId`, in id order (one short read).
    CapturedBatch loadAfter(qint64 afterId, int limit);
    /// The fingerprint of the signature settings the stored results come from (see
    /// SessionWriter::updateSignatures); empty when none was recorded.
    QByteArray verifiedWith();
    /// The id, arrival time, method and target of each request that arrived from `fromMs` to `toMs`
    /// (inclusive), read from the small requests table only; `fn` returns false to stop (then
    /// this returns false).
    using Arrival = std::function<bool(qint64 id, qint64 receivedAtMs, QByteArrayView method, QByteArrayView target)>;
    bool forEachArrival(qint64 fromMs, qint64 toMs, const Arrival &fn);
    /// Every request in full, in id order. `fn` returns false to stop.
    bool forEach(const std::function<bool(CapturedRequestPtr)> &fn, const Progress &progress = {});

    /// Messages the sender sent, newest first, with how each destination fared; at most `limit`
    /// (0: all). Empty for a file from before the sender (schema version 1).
    QList<OutboundSummary> listMessages(int limit = 0);
    qint64 messageCount();
    /// One sent message as composed, or null.
    OutboundMessagePtr loadMessage(const QByteArray &uid);
    /// The messages made from captured request `requestId` (its replays...), oldest first.
    QList<OutboundSummary> messagesMadeFrom(qint64 requestId);
    /// What the sender of `requestId` got when its answer was chosen after it was logged (from a
    /// forward, or after the forward's timeout); nothing when it got the answer the record holds.
    std::optional<LateAnswer> lateAnswer(qint64 requestId);
    /// Each request's id, head and body as stored, in id order, reading only the columns asked for
    /// (an empty view for the others, and for rejected requests). One read transaction. `fn`
    /// returns false to stop; false when stopped or the file failed.
    bool forEachPayload(bool head, bool body,
                        const std::function<bool(qint64 id, QByteArrayView head, QByteArrayView body)> &fn);
    /// Per forwarded request, the final status of each of its forwards (0: no answer).
    QHash<qint64, QList<int>> forwardStatuses();
    /// A sent message's attempts, by destination then attempt number, with what came back.
    OutboundAttempts loadAttempts(const QByteArray &uid);
    /// Every attempt of every sent message, in the order stored (for exports). `fn` returns
    /// false to stop.
    bool forEachAttempt(const std::function<bool(const OutboundAttempt &)> &fn);

private:
    struct Db;
    std::unique_ptr<Db> m_db;
};

} // namespace Session
