#include "summarystore.h"
#include "storedrecord.h"

#include <algorithm>
#include <cstring>

namespace Session {

SummaryStore::SummaryStore()
{
    clear();
}

void SummaryStore::clear()
{
    m_blocks.clear();
    m_size = 0;
    m_textBlocks.clear();
    m_textUsed = 0;
    // Index 0 of each pool is "nothing", so a zeroed row is a valid row.
    m_methods = {QByteArray()};
    m_methodIndex = {{QByteArray(), 0}};
    m_contentTypes = {QByteArray()};
    m_contentTypeIndex = {{QByteArray(), 0}};
    m_events = {QByteArray()};
    m_eventIndex = {{QByteArray(), 0}};
    m_answerRules = {QByteArray()};
    m_answerRuleIndex = {{QByteArray(), 0}};
    m_remotes = {QString()};
    m_remoteIndex = {{QString(), 0}};
    setCustomColumnCount(customColumnCount()); // the columns stay, their values go
}

qsizetype SummaryStore::rowOfId(qint64 id) const
{
    qsizetype low = 0;
    qsizetype high = m_size;
    while (low < high) {
        const qsizetype mid = low + (high - low) / 2;
        if (at(mid).id < id)
            low = mid + 1;
        else
            high = mid;
    }
    return low < m_size && at(low).id == id ? low : -1;
}

QByteArrayView SummaryStore::target(const RequestSummary &s) const
{
    if (s.targetLength == 0)
        return {};
    const char *block = m_textBlocks[size_t(s.targetOffset >> kTextShift)].get();
    return QByteArrayView(block + (s.targetOffset & (kTextBlock - 1)), s.targetLength);
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
                          qint64 flags, int status, int errorStatus, SummarySignature signature, QByteArrayView event,
                          QByteArrayView answerRule)
{
    RequestSummary s;
    s.id = id;
    s.receivedAtMs = receivedAtMs;
    s.bodySize = bodySize;
    s.flags = flags;
    const qsizetype length = std::min(target.size(), kMaxTarget);
    if (length > 0 && (m_textBlocks.empty() || m_textUsed + length > kTextBlock)) {
        // Offsets are 32 bits: 4 GiB of targets (some hundred million rows) is the end of it.
        if (m_textBlocks.size() < (size_t(1) << (32 - kTextShift))) {
            m_textBlocks.push_back(std::make_unique_for_overwrite<char[]>(size_t(kTextBlock)));
            m_textUsed = 0;
        }
    }
    if (length > 0 && m_textUsed + length <= kTextBlock) {
        s.targetOffset = quint32((qsizetype(m_textBlocks.size() - 1) << kTextShift) + m_textUsed);
        s.targetLength = quint32(length);
        std::memcpy(m_textBlocks.back().get() + m_textUsed, target.data(), size_t(length));
        m_textUsed += length;
    }
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
    s.signatureScheme = signature.scheme;
    s.signature = signature.verdict;
    s.method = intern(m_methods, m_methodIndex, method);
    s.contentType = intern(m_contentTypes, m_contentTypeIndex, contentType);
    s.event = intern(m_events, m_eventIndex, event);
    s.answerRule = answerRule.isEmpty() ? 0 : intern(m_answerRules, m_answerRuleIndex, answerRule);
    if (m_size == qsizetype(m_blocks.size()) << kRowShift)
        m_blocks.push_back(std::make_unique_for_overwrite<RequestSummary[]>(size_t(kRowMask + 1)));
    slot(m_size++) = s;
}

void SummaryStore::append(const CapturedRequest &r)
{
    const Http::Request &q = r.request;
    const bool line = q.hasRequestLine();
    append(r.id, r.receivedAtMs, line ? q.method() : QByteArrayView(), line ? q.target() : QByteArrayView(),
           Stored::contentTypeOf(q), q.body().size(), r.remoteAddress.toString(), r.remotePort, Stored::flagsOf(r),
           r.responseStatus, r.rejected ? r.errorStatus : 0, signatureOf(r.signature),
           (r.event.isNull() ? webhookEventOf(q) : r.event).toUtf8(), r.answerRule.toUtf8());
}

namespace {
const QStringList &schemeList()
{
    static const QStringList ids = Signing::schemeIds();
    return ids;
}
} // namespace

SummarySignature SummaryStore::signatureOf(QByteArrayView schemeId, int verdict)
{
    SummarySignature s;
    s.verdict = verdict >= 0 && verdict <= 255 ? quint8(verdict) : 0;
    if (!schemeId.isEmpty())
        s.scheme = quint8(schemeList().indexOf(QLatin1String(schemeId)) + 1);
    return s;
}

SummarySignature SummaryStore::signatureOf(const Signing::Result &result)
{
    SummarySignature s;
    s.verdict = quint8(result.verdict);
    if (!result.scheme.isEmpty())
        s.scheme = quint8(schemeList().indexOf(result.scheme) + 1);
    return s;
}

QString SummaryStore::schemeId(const RequestSummary &s)
{
    return s.signatureScheme > 0 && s.signatureScheme <= schemeList().size() ? schemeList().at(s.signatureScheme - 1)
                                                                             : QString();
}

void SummaryStore::removeIds(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    std::vector<bool> removed(size_t(m_size), false);
    for (qsizetype row = 0; row < m_size; ++row)
        removed[size_t(row)] = std::binary_search(ids.cbegin(), ids.cend(), at(row).id);
    qsizetype kept = 0;
    for (qsizetype row = 0; row < m_size; ++row) {
        if (removed[size_t(row)])
            continue;
        if (kept != row)
            slot(kept) = at(row);
        ++kept;
    }
    // The custom cells move with their rows.
    for (std::vector<quint64> &cells : m_customCells) {
        size_t to = 0;
        for (size_t row = 0; row < cells.size() && row < removed.size(); ++row) {
            if (!removed[row])
                cells[to++] = cells[row];
        }
        cells.resize(to);
    }
    m_size = kept;
    m_blocks.resize(size_t((m_size + kRowMask) >> kRowShift));
}

void SummaryStore::setCustomColumnCount(int count)
{
    m_customCells.assign(size_t(std::max(count, 0)), {});
    m_customText.clear();
    m_customUsed = 0;
}

void SummaryStore::removeCustomColumn(int column)
{
    if (column >= 0 && column < customColumnCount())
        m_customCells.erase(m_customCells.begin() + column);
}

void SummaryStore::setCustomValue(int column, qsizetype row, QByteArrayView utf8)
{
    if (column < 0 || column >= customColumnCount() || row < 0 || row >= m_size)
        return;
    std::vector<quint64> &cells = m_customCells[size_t(column)];
    if (cells.size() < size_t(m_size))
        cells.resize(size_t(m_size) + size_t(m_size) / 2, 0); // room for rows still to come
    const qsizetype length = std::min<qsizetype>(utf8.size(), 0xffffff);
    if (length == 0) {
        cells[size_t(row)] = 0;
        return;
    }
    if (m_customText.empty() || m_customUsed + length > kTextBlock) {
        m_customText.push_back(std::make_unique_for_overwrite<char[]>(size_t(kTextBlock)));
        m_customUsed = 0;
    }
    const quint64 offset = (quint64(m_customText.size() - 1) << kTextShift) + quint64(m_customUsed);
    std::memcpy(m_customText.back().get() + m_customUsed, utf8.data(), size_t(length));
    m_customUsed += length;
    cells[size_t(row)] = offset << 24 | quint64(length);
}

qint64 SummaryStore::memoryUsage() const
{
    qint64 bytes = qint64(m_blocks.size()) * (kRowMask + 1) * qint64(sizeof(RequestSummary)) +
                   qint64(m_textBlocks.size()) * kTextBlock;
    for (const QByteArray &b : m_methods)
        bytes += b.capacity() + 32;
    for (const QByteArray &b : m_contentTypes)
        bytes += b.capacity() + 32;
    for (const QByteArray &b : m_events)
        bytes += b.capacity() + 32;
    for (const QByteArray &b : m_answerRules)
        bytes += b.capacity() + 32;
    for (const QString &s : m_remotes)
        bytes += s.capacity() * 2 + 32;
    for (const std::vector<quint64> &cells : m_customCells)
        bytes += qint64(cells.capacity() * sizeof(quint64));
    return bytes + qint64(m_customText.size()) * kTextBlock;
}

} // namespace Session
