// The table's columns as a user meets them: the Event column filled from real-shaped provider
// deliveries sent to the window's listener, sizes in readable units with the exact count on
// hover, and a custom column added from the header's menu — worked out off the GUI thread,
// sortable, filterable with col:, kept for the next start and worked out again from the file.

#include "columns/addcolumndialog.h"
#include "columns/customcolumns.h"
#include "filterbar.h"
#include "mainwindow.h"
#include "requesttablemodel.h"
#include "settings.h"
#include "windowtesting.h"

#include "capture/captureengine.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using Gui::RequestTableModel;
using WindowTesting::anyPort;
using WindowTesting::ready;

namespace {

QByteArray webhook(const QString &name)
{
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA "/webhooks/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

/// The texts of one column, top to bottom.
QStringList columnTexts(const QAbstractItemModel *model, int column)
{
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row)
        out << model->index(row, column).data().toString();
    return out;
}

} // namespace

class TstTableColumns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void eventColumnNamesProviderEvents();
    void customHeaderColumnSortsFiltersAndStays();

private:
    QTemporaryDir m_home;
};

void TstTableColumns::initTestCase()
{
    QVERIFY(m_home.isValid());
    WindowTesting::setUpWindowTests();
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_tablecolumns"));
}

void TstTableColumns::init()
{
    QSettings().clear();
    WindowTesting::clearScratchSessions();
}

void TstTableColumns::eventColumnNamesProviderEvents()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY2(ready(window), qPrintable(window.statusText()));
    RequestTableModel *model = window.model();
    QTableView *table = window.table();
    // Nothing names an event yet: the column waits.
    QVERIFY(table->isColumnHidden(RequestTableModel::Event));
    const QStringList files{QStringLiteral("form-no-event.http"), QStringLiteral("github-pull-request.http"),
                            QStringLiteral("stripe-invoice-paid.http"), QStringLiteral("shopify-orders-create.http"),
                            QStringLiteral("slack-app-mention.http")};
    for (const QString &file : files) {
        const QByteArray request = webhook(file);
        QVERIFY2(!request.isEmpty(), qPrintable(file));
        QVERIFY(WindowTesting::answerTo(window.engine()->url(), request).startsWith("HTTP/1.1 200"));
    }
    QTRY_COMPARE(model->rowCount(), int(files.size()));
    QCOMPARE(columnTexts(model, RequestTableModel::Event),
             (QStringList{QString(), QStringLiteral("pull_request.opened"), QStringLiteral("invoice.paid"),
                          QStringLiteral("orders/create"), QStringLiteral("app_mention")}));
    QTRY_VERIFY(!table->isColumnHidden(RequestTableModel::Event));
    // Just after Target, where the eye reads "where it went, what it is about".
    QCOMPARE(table->horizontalHeader()->visualIndex(RequestTableModel::Event),
             table->horizontalHeader()->visualIndex(RequestTableModel::Target) + 1);
    // Sizes read as the command line prints them; the exact count is a hover away.
    const QModelIndex size = model->index(1, RequestTableModel::BodySize);
    const qsizetype bytes = webhook(QStringLiteral("github-pull-request.http")).size() -
                            webhook(QStringLiteral("github-pull-request.http")).indexOf("\r\n\r\n") - 4;
    QCOMPARE(size.data().toString(), QStringLiteral("%1 B").arg(bytes));
    QCOMPARE(size.data(Qt::ToolTipRole).toString(), QStringLiteral("%1 bytes").arg(bytes));
    // Sorted by event, and filtered by it.
    table->sortByColumn(RequestTableModel::Event, Qt::AscendingOrder);
    QCOMPARE(columnTexts(model, RequestTableModel::Event).mid(1),
             (QStringList{QStringLiteral("app_mention"), QStringLiteral("invoice.paid"),
                          QStringLiteral("orders/create"), QStringLiteral("pull_request.opened")}));
    window.filterBar()->setText(QStringLiteral("event:*.*"));
    QTRY_COMPARE(columnTexts(model, RequestTableModel::Event),
                 (QStringList{QStringLiteral("invoice.paid"), QStringLiteral("pull_request.opened")}));
}

void TstTableColumns::customHeaderColumnSortsFiltersAndStays()
{
    Gui::WindowOptions options = anyPort();
    options.sessionPath = m_home.filePath(QStringLiteral("columns.hookscope"));
    QVERIFY(WindowTesting::writeSession(options.sessionPath, {}));
    QStringList deliveries;
    {
        Gui::MainWindow window(options);
        QTRY_VERIFY2(ready(window), qPrintable(window.statusText()));
        RequestTableModel *model = window.model();
        for (const char *id : {"b-2", "c-3", "a-1"}) {
            const QByteArray request = "POST /github HTTP/1.1\r\nHost: h\r\nX-GitHub-Event: push\r\n"
                                       "X-GitHub-Delivery: " +
                                       QByteArray(id) + "\r\nContent-Length: 2\r\n\r\n{}";
            QVERIFY(WindowTesting::answerTo(window.engine()->url(), request).startsWith("HTTP/1.1 200"));
            deliveries << QString::fromLatin1(id);
        }
        QTRY_COMPARE(model->rowCount(), 3);

        // Right-click the header, "Add Column from Header…", type the header name.
        auto *controller = window.findChild<Gui::CustomColumnsController *>();
        QVERIFY(controller);
        QHeaderView *header = window.table()->horizontalHeader();
        bool menuSeen = false;
        bool dialogSeen = false;
        QTimer::singleShot(50, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            menuSeen = true;
            WindowTesting::whenModal<Gui::AddColumnDialog>(
                [](Gui::AddColumnDialog *dialog) {
                    QCOMPARE(dialog->sourceBox()->currentIndex(), 0);
                    QTest::keyClicks(dialog->keyEdit(), QStringLiteral("X-GitHub-Delivery"));
                    // The name follows the header; a taken name or a bad header would say so.
                    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("X-GitHub-Delivery"));
                    dialog->nameEdit()->clear();
                    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Delivery"));
                    QVERIFY(dialog->column().isValid());
                    dialog->accept();
                },
                &dialogSeen);
            menu->actions().constFirst()->trigger();
        });
        Q_EMIT header->customContextMenuRequested(QPoint(10, 5));
        QVERIFY(menuSeen);
        QVERIFY(dialogSeen);
        QCOMPARE(model->columnCount(), RequestTableModel::ColumnCount + 1);
        const int column = RequestTableModel::ColumnCount;
        QCOMPARE(model->headerData(column, Qt::Horizontal).toString(), QStringLiteral("Delivery"));
        QTRY_COMPARE(columnTexts(model, column), deliveries);

        // Live rows get their values too.
        QVERIFY(WindowTesting::answerTo(window.engine()->url(),
                                        "POST /github HTTP/1.1\r\nHost: h\r\nX-GitHub-Delivery: d-4\r\n"
                                        "Content-Length: 0\r\n\r\n")
                    .startsWith("HTTP/1.1 200"));
        QTRY_COMPARE(model->rowCount(), 4);
        QTRY_COMPARE(model->index(3, column).data().toString(), QStringLiteral("d-4"));

        // Sortable like any column.
        window.table()->sortByColumn(column, Qt::AscendingOrder);
        QCOMPARE(columnTexts(model, column), words("a-1 b-2 c-3 d-4"));
        window.table()->sortByColumn(column, Qt::DescendingOrder);
        QCOMPARE(columnTexts(model, column), words("d-4 c-3 b-2 a-1"));

        // Filterable by its name.
        window.filterBar()->setText(QStringLiteral("col:delivery=c*"));
        QTRY_COMPARE(columnTexts(model, column), words("c-3"));
        window.filterBar()->setText(QStringLiteral("col:nope=1"));
        QVERIFY(window.filterBar()->errorText().contains(QLatin1String("did you mean")) ||
                window.filterBar()->errorText().contains(QLatin1String("columns are")));
        window.filterBar()->setText(QString());
        QTRY_COMPARE(model->rowCount(), 4);
    }
    // The next start has the column, its values worked out from the file.
    Gui::MainWindow window(options);
    QTRY_VERIFY2(ready(window), qPrintable(window.statusText()));
    RequestTableModel *model = window.model();
    QTRY_COMPARE(model->rowCount(), 4);
    QCOMPARE(model->columnCount(), RequestTableModel::ColumnCount + 1);
    window.table()->sortByColumn(RequestTableModel::Id, Qt::AscendingOrder);
    QTRY_COMPARE(columnTexts(model, RequestTableModel::ColumnCount), words("b-2 c-3 a-1 d-4"));
    // Removed from the header's menu, it is gone for good.
    auto *controller = window.findChild<Gui::CustomColumnsController *>();
    controller->remove(0);
    QCOMPARE(model->columnCount(), int(RequestTableModel::ColumnCount));
    QVERIFY(Session::CustomColumn::fromJson(Gui::Settings().get(Gui::Settings::CustomColumns)).isEmpty());
}

QTEST_MAIN(TstTableColumns)
#include "tst_tablecolumns.moc"
