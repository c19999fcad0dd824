#include "summarystore.h"
#include "storedrecord.h"

#include <algorithm>

namespace Session {

SummaryStore::SummaryStore()
{
    clear();
}

void SummaryStore::clear()
{
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_text.clear();
    // Index 0 of each pool is "nothing", so a zeroed row is a valid row.
    m_methods = {QByteArray()};
    m_methodIndex = {{QByteArray(), 0}};
    m_contentTypes = {QByteArray()};
    m_contentTypeIndex = {{QByteArray(), 0}};
    m_remotes = {QString()};
    m_remoteIndex = {{QString(), 0}};
}

void SummaryStore::reserve(qsizetype rows, qsizetype textBytes)
{
    m_rows.reserve(size_t(rows));
    m_text.reserve(textBytes);
}

qsizetype SummaryStore::rowOfId(qint64 id) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), id,
                                     [](const RequestSummary &s, qint64 v) { return s.id < v; });
    return it != m_rows.cend() && it->id == id ? qsizetype(it - m_rows.cbegin()) : -1;
}

QByteArrayView SummaryStore::target(const RequestSummary &s) const
{
    return QByteArrayView(m_text).sliced(s.targetOffset, s.targetLength);
}

quint16 SummaryStore::intern(QList<QByteArray> &pool, QHash<QByteArray, quint16> &index, QByteArrayView value)
{
    const QByteArray key = value.toByteArray();
    const auto found = index.constFind(key);
    if (found != index.constEnd())
        return *found;
    if (pool.size() >= 0xffff)
        return 0; // absurdly many distinct values: show them as empty rather than grow without end
    const auto i = quint16(pool.size());
    pool.append(key);
    index.insert(key, i);
    return i;
}

void SummaryStore::append(qint64 id, qint64 receivedAtMs, QByteArrayView method, QByteArrayView target,
                          QByteArrayView contentType, qint64 bodySize, const QString &remote, quint16 remotePort,
                          qint64 flags, int status, int errorStatus)
{
    RequestSummary s;
    s.id = id;
    s.receivedAtMs = receivedAtMs;
    s.bodySize = bodySize;
    s.flags = flags;
    s.targetOffset = quint32(m_text.size());
    s.targetLength = quint32(target.size());
    m_text.append(target.data(), target.size());
    const auto found = m_remoteIndex.constFind(remote);
    if (found != m_remoteIndex.constEnd()) {
        s.remote = *found;
    } else {
        s.remote = quint32(m_remotes.size());
        m_remotes.append(remote);
        m_remoteIndex.insert(remote, s.remote);
    }
    s.remotePort = remotePort;
    s.status = quint16(status);
    s.errorStatus = quint16(errorStatus);
    s.method = intern(m_methods, m_methodIndex, method);
    s.contentType = intern(m_contentTypes, m_contentTypeIndex, contentType);
    m_rows.push_back(s);
}

void SummaryStore::append(const CapturedRequest &r)
{
    const Http::Request &q = r.request;
    const bool line = q.hasRequestLine();
    append(r.id, r.receivedAtMs, line ? q.method() : QByteArrayView(), line ? q.target() : QByteArrayView(),
           Stored::contentTypeOf(q), q.body().size(), r.remoteAddress.toString(), r.remotePort, Stored::flagsOf(r),
           r.responseStatus, r.rejected ? r.errorStatus : 0);
}

void SummaryStore::removeIds(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    const auto gone = [&ids](const RequestSummary &s) { return std::binary_search(ids.cbegin(), ids.cend(), s.id); };
    m_rows.erase(std::remove_if(m_rows.begin(), m_rows.end(), gone), m_rows.end());
}

qint64 SummaryStore::memoryUsage() const
{
    qint64 bytes = qint64(m_rows.capacity() * sizeof(RequestSummary)) + m_text.capacity();
    for (const QByteArray &b : m_methods)
        bytes += b.capacity() + 32;
    for (const QByteArray &b : m_contentTypes)
        bytes += b.capacity() + 32;
    for (const QString &s : m_remotes)
        bytes += s.capacity() * 2 + 32;
    return bytes;
}

} // namespace Session
