// The slow path: deciding requests by their header lines and bodies, read from the session file.
//
// One query walks the candidates in id order: a function registered on the connection,
// hookscope_candidate(id), keeps every other request out before SQLite reads its payload, and
// the payload columns the filter does not need are not selected at all (a header: filter never
// reads a body). The terms are then tested in C++ on the bytes SQLite hands out, without copying
// them: instr() and LIKE cannot fold case on BLOBs without lower() copying every body, and
// neither can tell a header name from its value. Stepping row by row also lets the caller see
// progress and cancel between rows; a progress handler covers long stretches without a row.

#include "filterevaluator.h"
#include "filterterm.h"
#include "session/sessionfile.h"
#include "session/sqlite.h"
#include "session/storedrecord.h"
#include "session/summarystore.h"

#include <QElapsedTimer>

#include <sqlite3.h>

#include <algorithm>

namespace Session {

using namespace FilterDetail;

namespace {

struct ScanState
{
    const FilterEvaluator::Progress *progress = nullptr;
    qint64 done = 0;
    qint64 total = 0;
    bool cancelled = false;
    QElapsedTimer sinceReport;

    /// Reports at most every 50 ms; false once the caller asked to stop.
    bool report(bool force = false)
    {
        if (cancelled)
            return false;
        if (!*progress || (!force && sinceReport.isValid() && sinceReport.elapsed() < 50))
            return true;
        sinceReport.start();
        cancelled = !(*progress)(done, total);
        return !cancelled;
    }
};

void isCandidate(sqlite3_context *context, int, sqlite3_value **argv)
{
    const auto *ids = static_cast<const std::vector<qint64> *>(sqlite3_user_data(context));
    sqlite3_result_int(context, std::binary_search(ids->begin(), ids->end(), sqlite3_value_int64(argv[0])) ? 1 : 0);
}

int onSqliteProgress(void *state)
{
    return static_cast<ScanState *>(state)->report() ? 0 : 1; // non-zero interrupts the statement
}

} // namespace

FilterEvaluator::ScanResult FilterEvaluator::scanPayloads(const QString &sessionPath, std::vector<qint64> ids,
                                                          const Progress &progress) const
{
    ScanResult result;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids.empty())
        return result;
    const Program &p = *m_filter.m_program;

    Sql::Database db;
    const SessionFile::Info info = SessionFile::openForReading(db, sessionPath);
    if (info.problem != FileProblem::None) {
        result.error = info.error;
        return result;
    }
    // Files before schema version 5 have no event column.
    const bool hasEvents =
        db.queryInt("SELECT count(*) FROM pragma_table_info('requests') WHERE name = 'event'", 0) > 0;
    bool needHead = false;
    bool needBody = false;
    for (const Term &t : p.terms) {
        const bool column = t.field == Field::Column;
        needHead = needHead || t.field == Field::Header || t.field == Field::Text || (column && !t.column->readsBody());
        needBody = needBody || t.field == Field::Body || t.field == Field::Text || (column && t.column->readsBody());
    }
    const QByteArray sql = QByteArray("SELECT r.id, r.method, r.target, r.content_type, r.body_size, r.remote_addr, "
                                      "r.remote_port, ") +
                           kFlagsWithTls + ", r.response_status, r.signature_scheme, r.signature_state, " +
                           (needHead ? "p.head, " : "NULL, ") + (needBody ? "p.body, " : "NULL, ") +
                           (needHead || needBody ? "p.raw, " : "NULL, ") + (hasEvents ? "r.event " : "NULL ") +
                           "FROM requests r LEFT JOIN payloads p ON p.id = r.id "
                           "WHERE r.id BETWEEN ?1 AND ?2 AND hookscope_candidate(r.id) ORDER BY r.id";
    const auto failed = [&result, &db, &sessionPath] {
        result.error = Filter::tr("%1: %2").arg(sessionPath, db.error());
        return result;
    };
    const int rc = sqlite3_create_function_v2(db.handle(), "hookscope_candidate", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                              &ids, &isCandidate, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        db.setError(rc);
        return failed();
    }
    ScanState state;
    state.progress = &progress;
    state.total = qint64(ids.size());
    sqlite3_progress_handler(db.handle(), 20000, &onSqliteProgress, &state);

    // One read transaction: every candidate is seen in the same snapshot.
    if (!db.exec("BEGIN"))
        return failed();
    Sql::Statement s(db, sql.constData());
    if (!s.isValid()) {
        failed();
        db.exec("ROLLBACK");
        return result;
    }
    s.bind(1, ids.front());
    s.bind(2, ids.back());
    size_t next = 0; // the first candidate not yet seen: ids the query skips are missing
    while (s.step()) {
        Record r;
        r.id = s.int64(0);
        while (next < ids.size() && ids[next] < r.id)
            result.missing.push_back(ids[next++]);
        next += next < ids.size() && ids[next] == r.id;
        r.method = s.view(1);
        r.target = s.view(2);
        r.contentType = s.view(3);
        r.bodySize = s.int64(4);
        if (p.usesRemote)
            r.remote = s.text(5);
        r.remotePort = quint16(s.int64(6));
        r.flags = s.int64(7);
        r.status = int(s.int64(8));
        const SummarySignature signature = SummaryStore::signatureOf(s.view(9), int(s.int64(10)));
        r.signatureScheme = signature.scheme;
        r.signature = signature.verdict;
        r.event = s.view(14);
        if (r.flags & FlagRejected) {
            splitRaw(s.view(13), &r.head, &r.body);
        } else {
            r.head = s.view(11);
            r.body = s.view(12);
        }
        if (p.root < 0 || FilterDetail::matches(p, p.root, r))
            result.ids.push_back(r.id);
        ++state.done;
        if (!state.report())
            break;
    }
    sqlite3_progress_handler(db.handle(), 0, nullptr, nullptr);
    if (state.cancelled) {
        result.cancelled = true;
    } else if (s.failed()) {
        failed();
    } else {
        result.missing.insert(result.missing.end(), ids.begin() + qsizetype(next), ids.end());
        state.done = state.total;
        state.report(true);
    }
    s = Sql::Statement();
    db.exec("ROLLBACK");
    return result;
}

} // namespace Session
