#pragma once

#include "capturedrequest.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <memory>
#include <vector>

namespace Session {

/// One row of the request table: the few fields shown and filtered on, in 64 bytes. Text
/// lives in the store's arena and small pools; see SummaryStore.
struct RequestSummary
{
    // Keep it small: a million of these are held at once.
    qint64 id = 0;
    qint64 receivedAtMs = 0;
    qint64 bodySize = 0;
    qint64 flags = 0;         ///< warnings, rejected, chunked, tls (storedrecord.h)
    quint32 targetOffset = 0; ///< into SummaryStore's text arena
    quint32 targetLength = 0;
    quint32 remote = 0; ///< index into the remote-address pool
    quint16 remotePort = 0;
    quint16 status = 0;      ///< answer status; 0 = none
    quint16 method = 0;      ///< index into the method pool
    quint16 contentType = 0; ///< index into the content-type pool
    quint16 errorStatus = 0;
    quint8 signatureScheme = 0; ///< 1 + index in Signing::schemeIds(); 0: none
    quint8 signature = 0;       ///< Signing::Verdict
    quint16 event = 0;          ///< index into the event pool; 0 = none
    quint16 answerRule = 0;     ///< index into the answer-rule pool; 0: none (the default, or not known)
};
static_assert(sizeof(RequestSummary) == 64, "a million rows are held at once: keep the row small");

/// The signature part of a summary row.
struct SummarySignature
{
    quint8 scheme = 0; ///< 1 + index in Signing::schemeIds(); 0: none
    quint8 verdict = 0;
};

/**
 * A compact, append-only list of request summaries: fixed-size rows plus a text arena for
 * targets and pools for the few distinct methods, content types and addresses. A million rows
 * take tens of megabytes, not hundreds.
 *
 * Rows and text live in fixed-size blocks, never in one growing array: appending never moves
 * what is there. A doubling array would copy everything at each doubling, on the GUI thread,
 * which at a million rows (64 MB of rows, 40 of text) is a visible freeze in the middle of a flood.
 */
class SummaryStore
{
public:
    SummaryStore();

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    const RequestSummary &at(qsizetype row) const { return m_blocks[size_t(row >> kRowShift)][row & kRowMask]; }
    qsizetype rowOfId(qint64 id) const; ///< -1 when absent (rows are in id order)
    /// Rows [row, row + count) as one array when they lie in one block, else null. Rows past
    /// size() in that block are unspecified: read only those below size().
    const RequestSummary *contiguous(qsizetype row, qsizetype count) const
    {
        const size_t block = size_t(row >> kRowShift);
        return block < m_blocks.size() && block == size_t((row + count - 1) >> kRowShift) ? &at(row) : nullptr;
    }

    QByteArrayView target(const RequestSummary &s) const;
    QByteArrayView method(const RequestSummary &s) const { return m_methods.at(s.method); }
    QByteArrayView contentType(const RequestSummary &s) const { return m_contentTypes.at(s.contentType); }
    const QString &remoteAddress(const RequestSummary &s) const { return m_remotes.at(s.remote); }
    QByteArrayView event(const RequestSummary &s) const { return m_events.at(s.event); } ///< UTF-8
    /// The label of the rule that answered (UTF-8); empty for the default answer or when not known.
    QByteArrayView answerRule(const RequestSummary &s) const { return m_answerRules.at(s.answerRule); }
    /// Whether any request held here was answered by a rule (or was, before it was deleted).
    bool hasAnswerRules() const { return m_answerRules.size() > 1; }

    void append(const CapturedRequest &record);
    /// The fields as the session file stores them (see SessionReader::loadSummaries).
    void append(qint64 id, qint64 receivedAtMs, QByteArrayView method, QByteArrayView target,
                QByteArrayView contentType, qint64 bodySize, const QString &remote, quint16 remotePort, qint64 flags,
                int status, int errorStatus, SummarySignature signature = {}, QByteArrayView event = {},
                QByteArrayView answerRule = {});
    /// New signature results for a row (after re-verification).
    void setSignature(qsizetype row, SummarySignature signature)
    {
        RequestSummary &s = slot(row);
        s.signatureScheme = signature.scheme;
        s.signature = signature.verdict;
    }
    static SummarySignature signatureOf(const Signing::Result &result);
    /// From the session file's columns: the scheme id and the verdict.
    static SummarySignature signatureOf(QByteArrayView schemeId, int verdict);
    /// The scheme id of a row ("" when none).
    static QString schemeId(const RequestSummary &s);
    void clear();
    /// Drops the rows of these ids (any order). Their text stays in the arena until the store is
    /// reloaded: deleting is rare, and compacting the arena would cost more than it frees.
    void removeIds(QList<qint64> ids);

    /// Custom columns (Session::CustomColumn): one text cell per row and column, filled as values
    /// are worked out (off the GUI thread), empty until then. Setting the count drops all values.
    void setCustomColumnCount(int count);
    int customColumnCount() const { return int(m_customCells.size()); }
    /// Drops one column's values; the columns after it move down by one.
    void removeCustomColumn(int column);
    void setCustomValue(int column, qsizetype row, QByteArrayView utf8);
    QByteArrayView customValue(int column, qsizetype row) const
    {
        const std::vector<quint64> &cells = m_customCells[size_t(column)];
        const quint64 cell = size_t(row) < cells.size() ? cells[size_t(row)] : 0;
        if (cell == 0)
            return {};
        const quint64 offset = cell >> 24;
        return QByteArrayView(m_customText[size_t(offset >> kTextShift)].get() + (offset & (kTextBlock - 1)),
                              qsizetype(cell & 0xffffff));
    }

    /// Targets longer than this are kept cut to it here (the table shows one line; the session
    /// file has them whole).
    static constexpr qsizetype kMaxTarget = 64 * 1024;
    static constexpr int kRowShift = 14; // 16,384 rows (1 MiB) a block
    static constexpr qsizetype kRowMask = (qsizetype(1) << kRowShift) - 1;
    static constexpr int kTextShift = 18; // 256 KiB of target text a block
    static constexpr qsizetype kTextBlock = qsizetype(1) << kTextShift;

    /// Bytes held, for the memory budget.
    qint64 memoryUsage() const;

private:
    quint16 intern(QList<QByteArray> &pool, QHash<QByteArray, quint16> &index, QByteArrayView value);

    RequestSummary &slot(qsizetype row) { return m_blocks[size_t(row >> kRowShift)][row & kRowMask]; }

    std::vector<std::unique_ptr<RequestSummary[]>> m_blocks;
    qsizetype m_size = 0;
    // Text block i holds the targets whose offset starts with i: a target never crosses blocks.
    std::vector<std::unique_ptr<char[]>> m_textBlocks;
    qsizetype m_textUsed = 0; // in the last text block
    QList<QByteArray> m_methods;
    QHash<QByteArray, quint16> m_methodIndex;
    QList<QByteArray> m_contentTypes;
    QHash<QByteArray, quint16> m_contentTypeIndex;
    QList<QByteArray> m_events;
    QHash<QByteArray, quint16> m_eventIndex;
    QList<QByteArray> m_answerRules;
    QHash<QByteArray, quint16> m_answerRuleIndex;
    QList<QString> m_remotes;
    QHash<QString, quint32> m_remoteIndex;
    // Custom columns: per column, per row, offset << 24 | length into m_customText (0: no value).
    std::vector<std::vector<quint64>> m_customCells;
    std::vector<std::unique_ptr<char[]>> m_customText;
    qsizetype m_customUsed = 0; // in the last custom text block
};

} // namespace Session
