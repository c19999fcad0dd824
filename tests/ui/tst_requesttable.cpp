// The request table's model on its own: sorting by a column, with filters, live rows and deletes.

#include "requesttablemodel.h"
#include "settings.h"
#include "windowtesting.h"

#include "session/scratch.h"

#include "http/requestreader.h"
#include "session/capturedrequest.h"
#include "session/summarystore.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>

using Gui::RequestTableModel;

namespace {

struct Row
{
    const char *method;
    const char *target;
    int status;
    qint64 size;
};

// Ids 1..8 in arrival order; sizes and statuses repeat so ties show their order.
const Row kRows[] = {
    {"POST", "/b", 200, 300}, {"GET", "/a", 404, 0},    {"POST", "/c", 500, 1200}, {"PUT", "/a", 200, 300},
    {"POST", "/d", 201, 50},  {"DELETE", "/e", 200, 0}, {"POST", "/b", 500, 9000}, {"PATCH", "/f", 204, 300},
};

std::unique_ptr<Session::SummaryStore> store()
{
    auto s = std::make_unique<Session::SummaryStore>();
    qint64 id = 0;
    for (const Row &r : kRows) {
        ++id;
        s->append(id, 1'780'000'000'000 + id, r.method, r.target, "application/json", r.size,
                  QStringLiteral("127.0.0.1"), quint16(40000 + id), 0, r.status, 0);
    }
    return s;
}

Session::CapturedRequestPtr live(qint64 id, qint64 size)
{
    auto r = std::make_shared<Session::CapturedRequest>();
    r->id = id;
    r->receivedAtMs = 1'780'000'000'000 + id;
    r->remoteAddress = QHostAddress(QHostAddress::LocalHost);
    r->remotePort = quint16(41000 + id);
    const QByteArray body(size, 'x');
    r->request = Http::RequestReader::restore(
        "POST /live HTTP/1.1\r\nHost: h\r\nContent-Length: " + QByteArray::number(size) + "\r\n\r\n", body, {});
    r->responseStatus = 200;
    return r;
}

/// The ids down the table.
QList<qint64> ids(const RequestTableModel &model)
{
    QList<qint64> out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.idAt(row));
    return out;
}

} // namespace

class TstRequestTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sortsByEachColumnWithTiesInArrivalOrder();
    void hashAscendingIsArrivalOrder();
    void timesBefore1970SortFirst();
    void sortWithFilter();
    void liveRowsAreMergedInPlaceAndSelectionStays();
    void deleteKeepsTheOrder();
    void selectAllDoesNotGrowWithLiveRows();
    void sortsAMillionRowsQuickly();
    void clickingAHeaderSortsTheWindowsTable();
};

void TstRequestTable::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("HOOKSCOPE_NO_DIALOGS", "1");
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_requesttable"));
    QSettings().clear();
    QDir(Session::Scratch::directory()).removeRecursively();
}

void TstRequestTable::sortsByEachColumnWithTiesInArrivalOrder()
{
    RequestTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store());
    model.sort(RequestTableModel::BodySize, Qt::AscendingOrder);
    // 0: ids 2, 6; 50: 5; 300: 1, 4, 8; 1200: 3; 9000: 7.
    QCOMPARE(ids(model), (QList<qint64>{2, 6, 5, 1, 4, 8, 3, 7}));
    QCOMPARE(model.index(7, RequestTableModel::BodySize).data().toString(), QStringLiteral("9.0 KB"));
    model.sort(RequestTableModel::BodySize, Qt::DescendingOrder);
    QCOMPARE(ids(model), (QList<qint64>{7, 3, 8, 4, 1, 5, 6, 2}));
    model.sort(RequestTableModel::Status, Qt::DescendingOrder);
    QCOMPARE(ids(model).mid(0, 3), (QList<qint64>{7, 3, 2}));
    model.sort(RequestTableModel::Method, Qt::AscendingOrder);
    QCOMPARE(model.index(0, RequestTableModel::Method).data().toString(), QStringLiteral("DELETE"));
    QCOMPARE(model.index(7, RequestTableModel::Method).data().toString(), QStringLiteral("PUT"));
    model.sort(RequestTableModel::Target, Qt::AscendingOrder);
    QCOMPARE(ids(model), (QList<qint64>{2, 4, 1, 7, 3, 5, 6, 8}));
    QVERIFY(model.isSorted());
}

void TstRequestTable::hashAscendingIsArrivalOrder()
{
    RequestTableModel model;
    model.setStore(store());
    model.sort(RequestTableModel::Id, Qt::DescendingOrder);
    QCOMPARE(ids(model), (QList<qint64>{8, 7, 6, 5, 4, 3, 2, 1}));
    model.sort(RequestTableModel::Id, Qt::AscendingOrder);
    QVERIFY(!model.isSorted());
    QCOMPARE(ids(model), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8}));
    QCOMPARE(model.memoryUsage(), 0); // no row list kept for arrival order
}

void TstRequestTable::timesBefore1970SortFirst()
{
    // HAR files can carry any date; a time before 1970 is negative and must sort before, both
    // when sorting and when a live row is merged in.
    auto s = std::make_unique<Session::SummaryStore>();
    const qint64 times[] = {10, -5000, -1};
    qint64 id = 0;
    for (qint64 t : times) {
        ++id;
        s->append(id, t, "POST", "/t", {}, 0, QStringLiteral("::1"), 1, 0, 200, 0);
    }
    RequestTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(std::move(s));
    model.sort(RequestTableModel::Time, Qt::AscendingOrder);
    QCOMPARE(ids(model), (QList<qint64>{2, 3, 1}));
    auto r = std::const_pointer_cast<Session::CapturedRequest>(live(4, 1));
    r->receivedAtMs = 0;
    model.append({r});
    QCOMPARE(ids(model), (QList<qint64>{2, 3, 4, 1}));
    model.sort(RequestTableModel::Time, Qt::DescendingOrder);
    QCOMPARE(ids(model), (QList<qint64>{1, 4, 3, 2}));
}

void TstRequestTable::sortWithFilter()
{
    RequestTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store());
    model.sort(RequestTableModel::BodySize, Qt::DescendingOrder);
    // POSTs only: store rows 0, 2, 4, 6 (ids 1, 3, 5, 7).
    model.setFilter({0, 2, 4, 6}, [](const Session::CapturedRequest &r) { return r.request.method() == "POST"; });
    QCOMPARE(ids(model), (QList<qint64>{7, 3, 1, 5}));
    QCOMPARE(model.filterRows(), (std::vector<quint32>{0, 2, 4, 6})); // still ascending for merging
    // A live POST passes the filter and is sorted in; a live GET would not show.
    model.append({live(9, 500)});
    QCOMPARE(ids(model), (QList<qint64>{7, 3, 9, 1, 5}));
    model.clearFilter();
    QCOMPARE(ids(model), (QList<qint64>{7, 3, 9, 8, 4, 1, 5, 6, 2}));
}

void TstRequestTable::liveRowsAreMergedInPlaceAndSelectionStays()
{
    RequestTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store());
    model.sort(RequestTableModel::BodySize, Qt::AscendingOrder);
    QItemSelectionModel selection(&model);
    // Select the request of id 3 (1200 bytes), sixth from the top.
    const int row = model.rowOfId(3);
    QCOMPARE(row, 6);
    selection.setCurrentIndex(model.index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    // Three live rows: one smaller than all, one between, one larger.
    model.append({live(9, 10), live(10, 600), live(11, 100000)});
    QCOMPARE(ids(model), (QList<qint64>{2, 6, 9, 5, 1, 4, 8, 10, 3, 7, 11}));
    // The selection and the current row followed their request.
    QCOMPARE(model.idAt(selection.currentIndex().row()), 3);
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(model.idAt(selection.selectedRows().constFirst().row()), 3);
    // Back to arrival order: the selection still follows.
    model.sort(RequestTableModel::Id, Qt::AscendingOrder);
    QCOMPARE(selection.currentIndex().row(), 2);
    QCOMPARE(model.idAt(selection.selectedRows().constFirst().row()), 3);
}

void TstRequestTable::selectAllDoesNotGrowWithLiveRows()
{
    // Select All, sorted, then requests arrive that sort between the selected ones: they must not
    // become selected (Delete would remove requests the user never chose).
    auto s = std::make_unique<Session::SummaryStore>();
    for (qint64 id = 1; id <= 200; ++id)
        s->append(id, id, id % 2 ? "GET" : "PUT", "/s", {}, 0, QStringLiteral("::1"), 1, 0, 200, 0);
    RequestTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(std::move(s));
    model.sort(RequestTableModel::Method, Qt::AscendingOrder);
    QItemSelectionModel selection(&model);
    selection.select(QItemSelection(model.index(0, 0), model.index(199, RequestTableModel::ColumnCount - 1)),
                     QItemSelectionModel::Select);
    QCOMPARE(selection.selectedRows().size(), 200);
    model.append({live(201, 1), live(202, 1)}); // POST: between GET and PUT
    QCOMPARE(model.rowCount(), 202);
    QCOMPARE(model.index(100, RequestTableModel::Method).data().toString(), QStringLiteral("POST"));
    QCOMPARE(selection.selectedRows().size(), 200);
    for (const QModelIndex &row : selection.selectedRows())
        QVERIFY(model.idAt(row.row()) <= 200);
}

void TstRequestTable::deleteKeepsTheOrder()
{
    RequestTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store());
    model.sort(RequestTableModel::BodySize, Qt::DescendingOrder);
    model.removeIds({3, 4});
    QCOMPARE(ids(model), (QList<qint64>{7, 8, 1, 5, 6, 2}));
    QCOMPARE(model.rowOfId(5), 3);
    QCOMPARE(model.rowOfId(3), -1);
}

void TstRequestTable::sortsAMillionRowsQuickly()
{
    if (!qEnvironmentVariableIsSet("HOOKSCOPE_BENCHMARKS"))
        QSKIP("a benchmark: run with HOOKSCOPE_BENCHMARKS=1 (Release build) to time sorting a million rows");
    auto big = std::make_unique<Session::SummaryStore>();
    const qint64 rows = 1'000'000;
    QRandomGenerator rng(3);
    for (qint64 id = 1; id <= rows; ++id) {
        const QByteArray target =
            "/hooks/" + QByteArray::number(rng.bounded(5000)) + "?delivery=" + QByteArray::number(id);
        big->append(id, 1'780'000'000'000 + id, kRows[id % 8].method, target, "application/json", rng.bounded(100000),
                    QStringLiteral("10.0.0.%1").arg(id % 200), quint16(id % 60000), 0, kRows[id % 8].status, 0,
                    {quint8(rng.bounded(12)), quint8(rng.bounded(9))});
    }
    RequestTableModel model;
    model.setStore(std::move(big));
    for (int column :
         {int(RequestTableModel::BodySize), int(RequestTableModel::Status), int(RequestTableModel::Method),
          int(RequestTableModel::Target), int(RequestTableModel::Remote), int(RequestTableModel::Signature)}) {
        QElapsedTimer timer;
        timer.start();
        model.sort(column, Qt::DescendingOrder);
        qInfo("sort 1M rows by %s: %lld ms", qPrintable(model.headerData(column, Qt::Horizontal).toString()),
              timer.elapsed());
        model.sort(RequestTableModel::Id, Qt::AscendingOrder);
    }
    // A live batch merged into a sorted million.
    model.sort(RequestTableModel::BodySize, Qt::DescendingOrder);
    Session::CapturedBatch batch;
    for (qint64 id = rows + 1; id <= rows + 1000; ++id)
        batch.append(live(id, id % 3000));
    QElapsedTimer timer;
    timer.start();
    model.append(batch);
    qInfo("merge 1000 live rows into 1M sorted: %lld ms", timer.elapsed());
    QCOMPARE(model.rowCount(), int(rows + 1000));

    // One UI tick's worth of re-verified results (a reverifier batch), sorted by another column
    // and by the Signature column itself (the rows move).
    Session::SignatureUpdates updates;
    for (qint64 id = 1; id <= 256; ++id) {
        Signing::Result r;
        r.scheme = QStringLiteral("stripe");
        r.verdict = Signing::Verdict::Valid;
        updates.append({id * 3000, r});
    }
    for (int column : {int(RequestTableModel::BodySize), int(RequestTableModel::Signature)}) {
        model.sort(column, Qt::AscendingOrder);
        for (Session::SignatureUpdate &u : updates)
            u.result.verdict =
                u.result.verdict == Signing::Verdict::Valid ? Signing::Verdict::Mismatch : Signing::Verdict::Valid;
        timer.restart();
        model.updateSignatures(updates);
        qInfo("256 signature updates in 1M rows sorted by %s: %lld ms",
              qPrintable(model.headerData(column, Qt::Horizontal).toString()), timer.elapsed());
    }
}

void TstRequestTable::clickingAHeaderSortsTheWindowsTable()
{
    using namespace WindowTesting;
    const auto post = [](const QUrl &url, int size) {
        return answerTo(url, "POST /size/" + QByteArray::number(size) + " HTTP/1.1\r\nHost: h\r\nContent-Length: " +
                                 QByteArray::number(size) + "\r\n\r\n" + QByteArray(size, 'x'))
            .startsWith("HTTP/1.1 200");
    };
    const auto targets = [](Gui::MainWindow &window) {
        QStringList out;
        for (int row = 0; row < window.model()->rowCount(); ++row)
            out.append(window.model()->index(row, RequestTableModel::Target).data().toString());
        return out;
    };
    {
        Gui::MainWindow window(anyPort());
        window.resize(1000, 700);
        window.show();
        QTRY_VERIFY(ready(window));
        const QUrl url = window.engine()->url();
        for (int size : {300, 10, 2000})
            QVERIFY(post(url, size));
        QTRY_COMPARE(window.model()->rowCount(), 3);
        window.table()->selectRow(0); // the 300-byte request

        // A click on the Body header sorts by size; the selection stays on its request.
        QHeaderView *header = window.table()->horizontalHeader();
        const QPoint body(header->sectionViewportPosition(RequestTableModel::BodySize) + 10, header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, body);
        QCOMPARE(header->sortIndicatorSection(), int(RequestTableModel::BodySize));
        const QStringList ascending{QStringLiteral("/size/10"), QStringLiteral("/size/300"),
                                    QStringLiteral("/size/2000")};
        const QStringList descending{ascending.at(2), ascending.at(1), ascending.at(0)};
        const QStringList sorted = targets(window);
        QVERIFY2(sorted == ascending || sorted == descending, qPrintable(sorted.join(u' ')));
        const QModelIndexList selected = window.table()->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.constFirst().siblingAtColumn(RequestTableModel::Target).data().toString(),
                 QStringLiteral("/size/300"));
        // The other direction on the next click; new requests go where they belong.
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, body);
        QCOMPARE(targets(window), sorted == ascending ? descending : ascending);
        QVERIFY(post(url, 500));
        QTRY_COMPARE(window.model()->rowCount(), 4);
        const QStringList withNew = targets(window);
        QCOMPARE(withNew.indexOf(QStringLiteral("/size/500")), sorted == ascending ? 1 : 2);
        window.close(); // keeps the header's state
    }
    // The next start sorts the same way.
    Gui::MainWindow again(anyPort());
    QTRY_VERIFY(ready(again));
    QCOMPARE(again.table()->horizontalHeader()->sortIndicatorSection(), int(RequestTableModel::BodySize));
    QTRY_COMPARE(again.model()->rowCount(), 4);
    QVERIFY(again.model()->isSorted());
}

QTEST_MAIN(TstRequestTable)
#include "tst_requesttable.moc"
