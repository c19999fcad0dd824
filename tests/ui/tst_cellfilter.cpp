// "Filter by this value" in the rows' menu: for every cell of a table holding awkward values
// (spaces, quotes, backslashes, stars, IPv6 and IPv4-mapped senders, no answer, rejected rows,
// warnings, signatures), the term made parses and the filter selects exactly the rows with that
// value; columns the language cannot express say why; and narrowing a filter keeps its meaning.

#include "requesttablemodel.h"
#include "table/cellfilter.h"

#include "filter/filterevaluator.h"
#include "http/request.h"
#include "session/storedrecord.h"
#include "session/summarystore.h"

#include <QAbstractItemModelTester>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <set>

using Gui::CellFilter;
using Gui::RequestTableModel;

namespace {

struct Row
{
    const char *method;
    const char *target;
    const char *type;
    const char *remote;
    int status;
    qint64 flags = 0;
    const char *scheme = "";
    Signing::Verdict verdict = Signing::Verdict::NotChecked;
};

constexpr qint64 kMissingHost = qint64(Http::Warning::MissingHost);
constexpr qint64 kMultipleHost = qint64(Http::Warning::MultipleHost);

const Row kRows[] = {
    {"POST", "/hooks/a b?x=1", "application/json; charset=utf-8", "127.0.0.1", 200},
    {"GET", "/hooks/*star?q", "", "::1", 0},
    {"post", "/HOOKS/A B", "application/json", "127.0.0.1", 404, kMissingHost},
    {"M-SEARCH", "*", "text/plain", "10.0.0.1", 501, Session::FlagRejected},
    {"PUT", "/q\"uote\\(x)", "text/plain", "::ffff:127.0.0.1", 200},
    {"GET", "http://example.test/hooks/a%20b?z", "Application/JSON", "fe80::1%eth0", 200, kMissingHost | kMultipleHost},
    {"POST", "/hooks/a b", "application/json", "127.0.0.1", 200, 0, "github", Signing::Verdict::Valid},
    {"POST", "/hooks/a b", "application/json", "127.0.0.1", 200, 0, "github", Signing::Verdict::Mismatch},
    {"", "", "", "", 400, Session::FlagRejected | kMissingHost},
    {"POST", "/hooks/a b", "application/json", "127.0.0.1", 200, 0, "", Signing::Verdict::Unsigned},
};
constexpr int kRowCount = int(std::size(kRows));

QByteArray lower(QByteArrayView s)
{
    return s.toByteArray().toLower();
}

QByteArray pathOf(QByteArray target)
{
    if (target.toLower().startsWith("http://")) {
        target = target.mid(7);
        target = target.mid(target.indexOf('/'));
    }
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.first(q);
}

QString mapped(const QString &address)
{
    return QStringLiteral("::ffff:") + address;
}

/// Whether row `b` has the value row `a` has in `column`, as the menu promises it: equal values,
/// compared as the filter language compares them (case-insensitively); Notes: rejected, or at
/// least the same warnings (rejected or not), or neither; an IPv4 sender also as an IPv4-mapped
/// IPv6 one.
bool sameValue(const Row &a, const Row &b, int column)
{
    switch (column) {
    case RequestTableModel::Method:
        return lower(a.method) == lower(b.method);
    case RequestTableModel::Target:
        return lower(pathOf(a.target)) == lower(pathOf(b.target));
    case RequestTableModel::Status:
        return a.status == b.status;
    case RequestTableModel::ContentType:
        return lower(a.type) == lower(b.type);
    case RequestTableModel::Remote: {
        const QString x = QLatin1String(a.remote);
        const QString y = QLatin1String(b.remote);
        return x == y || (!x.contains(QLatin1Char(':')) && y == mapped(x));
    }
    case RequestTableModel::Notes: {
        const qint64 rejected = Session::FlagRejected;
        if (a.flags & rejected)
            return (b.flags & rejected) != 0;
        if (a.flags == 0)
            return b.flags == 0;
        return (b.flags & a.flags) == a.flags;
    }
    case RequestTableModel::Signature:
        return a.verdict == b.verdict && (QByteArrayView(a.scheme).isEmpty() || QByteArrayView(a.scheme) == b.scheme);
    default:
        return false;
    }
}

std::unique_ptr<Session::SummaryStore> makeStore()
{
    auto store = std::make_unique<Session::SummaryStore>();
    for (int i = 0; i < kRowCount; ++i) {
        const Row &r = kRows[i];
        store->append(i + 1, 1'780'000'000'000 + i, r.method, r.target, r.type, 10 * i, QLatin1String(r.remote),
                      quint16(5000 + i), r.flags, r.status, (r.flags & Session::FlagRejected) ? r.status : 0,
                      Session::SummaryStore::signatureOf(r.scheme, int(r.verdict)));
    }
    return store;
}

} // namespace

class TstCellFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void termsAsWritten();
    void everyTermSelectsTheRowsWithItsValue();
    void sortedRowsGiveTheirOwnValue();
    void columnsTheLanguageCannotSay();
    void negatedTerms();
    void eventAndCustomColumns();
    void narrowing_data();
    void narrowing();
};

void TstCellFilter::termsAsWritten()
{
    RequestTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(makeStore());
    const auto term = [&](int row, int column) { return CellFilter::of(model, row, column).term(); };
    QCOMPARE(term(0, RequestTableModel::Id), QStringLiteral("id:1"));
    QCOMPARE(term(0, RequestTableModel::Method), QStringLiteral("method:POST"));
    QCOMPARE(term(0, RequestTableModel::Target), QStringLiteral("path:\"/hooks/a b\""));
    QCOMPARE(term(0, RequestTableModel::Status), QStringLiteral("status:200"));
    QCOMPARE(term(0, RequestTableModel::BodySize), QStringLiteral("size:0"));
    QCOMPARE(term(0, RequestTableModel::ContentType), QStringLiteral("type:\"application/json; charset=utf-8\""));
    QCOMPARE(term(0, RequestTableModel::Remote), QStringLiteral("remote:127.0.0.1"));
    QCOMPARE(term(0, RequestTableModel::Notes), QStringLiteral("rejected:no -warning:any"));
    QCOMPARE(term(1, RequestTableModel::Target), QStringLiteral("path:/hooks/\\*star"));
    QCOMPARE(term(1, RequestTableModel::Status), QStringLiteral("status:none"));
    QCOMPARE(term(1, RequestTableModel::ContentType), QStringLiteral("type:none"));
    QCOMPARE(term(1, RequestTableModel::Remote), QStringLiteral("remote:[::1]"));
    QCOMPARE(term(2, RequestTableModel::Notes), QStringLiteral("warning:missing-host"));
    QCOMPARE(term(3, RequestTableModel::Target), QStringLiteral("path:\\*"));
    QCOMPARE(term(3, RequestTableModel::Notes), QStringLiteral("rejected:yes"));
    QCOMPARE(term(4, RequestTableModel::Target), QStringLiteral("path:\"/q\\\"uote\\\\(x)\""));
    QCOMPARE(term(5, RequestTableModel::Target), QStringLiteral("path:/hooks/a%20b"));
    QCOMPARE(term(5, RequestTableModel::Notes), QStringLiteral("warning:missing-host warning:multiple-host"));
    QCOMPARE(term(6, RequestTableModel::Signature), QStringLiteral("signature:github signature:valid"));
    QCOMPARE(term(7, RequestTableModel::Signature), QStringLiteral("signature:github signature:mismatch"));
    QCOMPARE(term(9, RequestTableModel::Signature), QStringLiteral("signature:unsigned"));
}

void TstCellFilter::everyTermSelectsTheRowsWithItsValue()
{
    RequestTableModel model;
    model.setStore(makeStore());
    const int columns[] = {RequestTableModel::Id,     RequestTableModel::Method,   RequestTableModel::Target,
                           RequestTableModel::Status, RequestTableModel::BodySize, RequestTableModel::ContentType,
                           RequestTableModel::Remote, RequestTableModel::Notes,    RequestTableModel::Signature};
    int terms = 0;
    for (int row = 0; row < kRowCount; ++row) {
        for (int column : columns) {
            const CellFilter cell = CellFilter::of(model, row, column);
            const QByteArray where =
                QStringLiteral("row %1, column %2: %3").arg(row).arg(column).arg(cell.term()).toUtf8();
            if (!cell.isValid()) {
                QVERIFY2(!cell.whyNot().isEmpty(), where.constData());
                continue;
            }
            ++terms;
            Session::FilterError error;
            const Session::Filter filter = Session::Filter::parse(cell.term(), &error);
            QVERIFY2(error.isNull(), QByteArray(where + ": " + error.message.toUtf8()).constData());
            const auto matches = Session::FilterEvaluator(filter).evaluate(model.store());
            QVERIFY2(matches.undecided.empty(), where.constData()); // decided from the table alone
            std::set<quint32> expected;
            for (int other = 0; other < kRowCount; ++other) {
                const bool same = column == RequestTableModel::Id || column == RequestTableModel::BodySize
                                      ? other == row
                                      : sameValue(kRows[row], kRows[other], column);
                if (same)
                    expected.insert(quint32(other));
            }
            QCOMPARE(std::set<quint32>(matches.rows.cbegin(), matches.rows.cend()), expected);
            // And the opposite: every other row.
            const auto outside =
                Session::FilterEvaluator(Session::Filter::parse(cell.negated())).evaluate(model.store());
            QCOMPARE(outside.rows.size() + expected.size(), size_t(kRowCount));
        }
    }
    // Every cell but the rejected row's empty method, target and sender has one.
    QCOMPARE(terms, kRowCount * int(std::size(columns)) - 3);
    for (int column : {RequestTableModel::Method, RequestTableModel::Target, RequestTableModel::Remote})
        QVERIFY(!CellFilter::of(model, 8, column).isValid());
}

void TstCellFilter::sortedRowsGiveTheirOwnValue()
{
    RequestTableModel model;
    model.setStore(makeStore());
    model.sort(RequestTableModel::Status, Qt::DescendingOrder);
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString term = CellFilter::of(model, row, RequestTableModel::Id).term();
        QCOMPARE(term, QStringLiteral("id:%1").arg(model.idAt(row)));
    }
}

void TstCellFilter::columnsTheLanguageCannotSay()
{
    RequestTableModel model;
    model.setStore(makeStore());
    for (int column : {int(RequestTableModel::Time), int(RequestTableModel::Forwarded)}) {
        const CellFilter cell = CellFilter::of(model, 0, column);
        QVERIFY(!cell.isValid());
        QVERIFY(cell.term().isEmpty() && cell.negated().isEmpty());
        const QString header = model.headerData(column, Qt::Horizontal).toString().toLower();
        QVERIFY2(cell.whyNot().contains(header), qPrintable(cell.whyNot()));
    }
    QVERIFY(!CellFilter::of(model, kRowCount, RequestTableModel::Method).isValid()); // no such row
}

void TstCellFilter::negatedTerms()
{
    RequestTableModel model;
    model.setStore(makeStore());
    QCOMPARE(CellFilter::of(model, 0, RequestTableModel::Method).negated(), QStringLiteral("-method:POST"));
    QCOMPARE(CellFilter::of(model, 0, RequestTableModel::Notes).negated(),
             QStringLiteral("-(rejected:no -warning:any)"));
}

void TstCellFilter::eventAndCustomColumns()
{
    RequestTableModel model;
    auto store = std::make_unique<Session::SummaryStore>();
    const char *const events[] = {"pull_request.opened", "", "*odd event", "pull_request.opened"};
    for (int i = 0; i < 4; ++i)
        store->append(i + 1, 1'780'000'000'000 + i, "POST", "/hooks", "application/json", 2,
                      QStringLiteral("127.0.0.1"), 5000, 0, 200, 0, {}, events[i]);
    model.setStore(std::move(store));
    const auto cell = [&](int row, int column) { return CellFilter::of(model, row, column); };
    QCOMPARE(cell(0, RequestTableModel::Event).term(), QStringLiteral("event:pull_request.opened"));
    QCOMPARE(cell(1, RequestTableModel::Event).term(), QStringLiteral("-event:?*"));
    QCOMPARE(cell(1, RequestTableModel::Event).negated(), QStringLiteral("event:?*"));
    QCOMPARE(cell(2, RequestTableModel::Event).term(), QStringLiteral("event:\"\\*odd event\""));
    // Each selects exactly the rows with its event, from the table alone.
    const std::vector<std::vector<quint32>> expected{{0, 3}, {1}, {2}, {0, 3}};
    for (int row = 0; row < 4; ++row) {
        const auto m = Session::FilterEvaluator(Session::Filter::parse(cell(row, RequestTableModel::Event).term()))
                           .evaluate(model.store());
        QVERIFY(m.undecided.empty());
        QCOMPARE(m.rows, expected[size_t(row)]);
    }

    // A custom column: col:NAME=value, its name quoted, the value as a glob; no value: -col:NAME.
    const Session::CustomColumns columns{Session::CustomColumn::make(
        QStringLiteral("Order id"), Session::CustomColumn::Source::Json, QStringLiteral("/id"))};
    model.setCustomColumns(columns);
    model.setCustomValues(0, {1, 2, 3}, {"a=1", "", "x*y"});
    const int custom = RequestTableModel::ColumnCount;
    QCOMPARE(cell(0, custom).term(), QStringLiteral("col:\"Order id\"=a=1"));
    QCOMPARE(cell(1, custom).term(), QStringLiteral("-col:\"Order id\""));
    QCOMPARE(cell(2, custom).term(), QStringLiteral("col:\"Order id\"=x\\*y"));
    Session::FilterError error;
    QCOMPARE(Session::Filter::parse(cell(0, custom).term(), columns, &error).toString(),
             QStringLiteral("col:\"Order id\"=a=1"));
    QVERIFY(error.isNull());
    QCOMPARE(Session::Filter::parse(cell(2, custom).term(), columns).toString(),
             QStringLiteral("col:\"Order id\"=x\\*y"));
}

void TstCellFilter::narrowing_data()
{
    QTest::addColumn<QString>("current");
    QTest::addColumn<QString>("term");
    QTest::addColumn<QString>("narrowed");
    const QString post = QStringLiteral("method:POST");
    QTest::newRow("empty") << QString() << post << post;
    QTest::newRow("blank") << QStringLiteral("   ") << post << post;
    QTest::newRow("words") << QStringLiteral("github status:2xx") << post
                           << QStringLiteral("github status:2xx method:POST");
    QTest::newRow("spaces trimmed") << QStringLiteral("  github  ") << post << QStringLiteral("github method:POST");
    QTest::newRow("OR") << QStringLiteral("type:json OR type:xml") << post
                        << QStringLiteral("(type:json OR type:xml) method:POST");
    QTest::newRow("OR grouped") << QStringLiteral("(type:json OR type:xml) size:>1k") << post
                                << QStringLiteral("(type:json OR type:xml) size:>1k method:POST");
    QTest::newRow("negated group") << QStringLiteral("a OR b") << QStringLiteral("-(rejected:no -warning:any)")
                                   << QStringLiteral("(a OR b) -(rejected:no -warning:any)");
    QTest::newRow("does not parse") << QStringLiteral("status:>>1 (") << post << post;
    // `a\ method:POST` would be one word: the user's text is put in canonical form.
    QTest::newRow("ends in an escape") << QStringLiteral("a\\") << post << QStringLiteral("(\"a\\\\\") method:POST");
}

void TstCellFilter::narrowing()
{
    QFETCH(QString, current);
    QFETCH(QString, term);
    QFETCH(QString, narrowed);
    const QString made = CellFilter::narrowed(current, term);
    QCOMPARE(made, narrowed);
    // Whatever the text, it means both: the current filter and the term.
    Session::FilterError error;
    const Session::Filter both = Session::Filter::parse(made, &error);
    QVERIFY2(error.isNull(), qPrintable(error.message));
    const Session::Filter before = Session::Filter::parse(current);
    if (before.isValid() && !before.isEmpty()) {
        const QString meant = QLatin1Char('(') + before.toString() + QStringLiteral(") ") + term;
        QCOMPARE(both.toString(), Session::Filter::parse(meant).toString());
    }
}

QTEST_MAIN(TstCellFilter)
#include "tst_cellfilter.moc"
