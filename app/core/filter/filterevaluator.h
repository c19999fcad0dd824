#pragma once

#include "filter.h"
#include "session/capturedrequest.h"

#include <QString>

#include <functional>
#include <vector>

namespace Session {

class SummaryStore;

/**
 * Runs a Filter over requests, in two steps.
 *
 * The fast path, evaluate(), tests the summary rows in memory: a million rows take a few
 * milliseconds to a few tens of milliseconds, so it may run on the GUI thread. Terms on header
 * lines and bodies cannot be decided there; rows that depend on them come back as undecided.
 *
 * The slow path, scanPayloads(), reads those requests from the session file and decides them.
 * It blocks for as long as reading takes: run it on a pool thread, never the GUI thread.
 *
 * Typical use: show `rows` at once; when `undecided` is not empty, scan idsOf(undecided) on a
 * worker, then show mergeRows(rows, result.ids). Live captures, whose bytes are in memory, can be
 * tested whole with matches().
 */
class FilterEvaluator
{
public:
    explicit FilterEvaluator(Filter filter = {});
    const Filter &filter() const { return m_filter; }

    struct Matches
    {
        std::vector<quint32> rows;      ///< rows that match, ascending
        std::vector<quint32> undecided; ///< rows that match or not depending on header lines or body
    };
    /// Tests rows [from, to) of the store (to < 0: up to the end). Spreads the work over
    /// `threads` threads (0: as many as the machine has, up to 8) when there are enough rows.
    /// Safe to call from several threads at once; the store must not change meanwhile.
    Matches evaluate(const SummaryStore &store, qsizetype from = 0, qsizetype to = -1, int threads = 0) const;

    /// The whole filter against one request in memory, header lines and body included.
    bool matches(const CapturedRequest &record) const;

    /// Called now and then with (candidates looked at, candidates); return false to cancel.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    struct ScanResult
    {
        std::vector<qint64> ids;     ///< the candidates that match, ascending
        std::vector<qint64> missing; ///< candidates the file does not hold (not committed yet, or trimmed)
        bool cancelled = false;      ///< then `ids` and `missing` hold only what was seen before the stop
        QString error;               ///< a sentence for the user when the file could not be read

        bool ok() const { return !cancelled && error.isEmpty(); }
    };
    /// Decides the requests `candidateIds` (any order) by reading them from the session file at
    /// `sessionPath` on a connection of its own; blocking. Every term is tested, not only the
    /// payload ones, so any candidate list gives the right answer.
    ScanResult scanPayloads(const QString &sessionPath, std::vector<qint64> candidateIds,
                            const Progress &progress = {}) const;

    /// The ids of rows, in the same order.
    static std::vector<qint64> idsOf(const SummaryStore &store, const std::vector<quint32> &rows);
    /// `rows` plus the rows of `ids` (ids the store does not hold are skipped), ascending, no
    /// duplicates.
    static std::vector<quint32> mergeRows(const SummaryStore &store, const std::vector<quint32> &rows,
                                          const std::vector<qint64> &ids);

private:
    Filter m_filter;
};

} // namespace Session
