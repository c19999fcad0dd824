// Replay from the window: captured requests sent again through the Replay dialog to a second
// real listener, what that listener got compared header by header and byte by byte, the changes
// shown before sending, the replay stored linked to its request and listed in the request's
// detail; several requests in capture order; a bad destination that sends nothing.

#include "mainwindow.h"
#include "replay/madefromview.h"
#include "replay/replaydialog.h"
#include "replay/replaysetup.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "send/signingpicker.h"
#include "windowtesting.h"

#include "capture/captureengine.h"
#include "delivery/replay.h"
#include "session/sessionreader.h"
#include "signing/signing.h"

#include <QAction>
#include <QComboBox>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <algorithm>

using WindowTesting::anyPort;
using WindowTesting::ready;

namespace {

/// A second Hookscope listener on 127.0.0.1, port 0, keeping what it captures in memory.
struct SecondListener
{
    Capture::CaptureEngine engine;
    QUrl url;
    Session::CapturedBatch got;

    explicit SecondListener(const QString &sessionPath)
    {
        QObject::connect(&engine, &Capture::CaptureEngine::started, &engine, [this](const QUrl &u) { url = u; });
        QObject::connect(&engine, &Capture::CaptureEngine::captured, &engine,
                         [this](const Session::CapturedBatch &batch) { got += batch; });
        Capture::ListenConfig config;
        config.sessionPath = sessionPath;
        engine.start(config);
    }
    ~SecondListener() { engine.stop(); }
};

/// The window, listening into its scratch session, and a second listener to replay to.
struct Bench
{
    SecondListener second;
    Gui::MainWindow window{anyPort()};

    explicit Bench(const QString &secondSession)
        : second(secondSession)
    {
        window.show();
    }
    /// Both listen and the window has its session.
    bool start()
    {
        return QTest::qWaitFor([this] { return ready(window) && second.url.isValid(); });
    }
};

/// Waits until the window's session holds `count` messages made from request `id`, each with a
/// final status for every destination, and returns them (fewer when they did not come).
QList<Session::OutboundSummary> madeFromInSession(Gui::MainWindow &window, qint64 id, qsizetype count)
{
    QList<Session::OutboundSummary> made;
    const auto complete = [&] {
        Session::SessionReader reader;
        if (reader.open(window.sessions()->path()).problem != Session::FileProblem::None)
            return false;
        made = reader.messagesMadeFrom(id);
        return made.size() == count && std::all_of(made.cbegin(), made.cend(), [](const Session::OutboundSummary &m) {
                   return !m.finalStatuses.contains(-1);
               });
    };
    if (!QTest::qWaitFor(complete, 10000))
        made.clear();
    return made;
}

/// The request's header lines as (name, value), in order, duplicates kept.
Http::HeaderList headersOf(const Http::Request &r)
{
    Http::HeaderList out;
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        out.append({r.header(i).name.toByteArray(), r.header(i).value.toByteArray()});
    return out;
}

/// `headers` without the fields named (case-insensitive).
Http::HeaderList without(Http::HeaderList headers, std::initializer_list<const char *> names)
{
    headers.removeIf([names](const QPair<QByteArray, QByteArray> &h) {
        for (const char *name : names) {
            if (h.first.compare(QByteArray(name), Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    });
    return headers;
}

/// Selects the rows of `ids` in the window's table.
void selectIds(Gui::MainWindow &window, const QList<qint64> &ids)
{
    window.table()->clearSelection();
    for (int row = 0; row < window.model()->rowCount(); ++row) {
        if (ids.contains(window.model()->idAt(row)))
            window.table()->selectionModel()->select(window.model()->index(row, 0),
                                                     QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

/// Presses Replay… and waits for its dialog.
Gui::ReplayDialog *openReplay(Gui::MainWindow &window)
{
    QAction *replay = window.findChild<Gui::ReplaySetup *>()->action();
    if (!replay->isEnabled())
        return nullptr;
    replay->trigger();
    Gui::ReplayDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = window.findChild<Gui::ReplayDialog *>()) != nullptr; }))
        return nullptr;
    return dialog;
}

} // namespace

class TstReplayDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void actionIsInTheMenuAndTheRowsContextMenu();
    void replayGoesOutAsCapturedAndIsListedWithItsRequest();
    void severalRequestsKeepCaptureOrder();
    void badDestinationSaysWhyAndSendsNothing();

private:
    QTemporaryDir m_home;
};

void TstReplayDialog::initTestCase()
{
    QVERIFY(m_home.isValid());
    WindowTesting::setUpWindowTests();
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_replaydialog"));
}

void TstReplayDialog::init()
{
    QSettings().clear();
    WindowTesting::clearScratchSessions();
}

void TstReplayDialog::actionIsInTheMenuAndTheRowsContextMenu()
{
    Gui::MainWindow window(anyPort());
    QAction *replay = window.findChild<Gui::ReplaySetup *>()->action();
    QCOMPARE(replay->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+R")));
    // The rows' context menu offers it too: tst_rowmenu opens the dialog from there.
    bool inMenu = false;
    for (QAction *entry : window.menuBar()->actions())
        inMenu = inMenu || (entry->menu() && entry->menu()->actions().contains(replay));
    QVERIFY(inMenu);
    // No other action of the window has its key.
    for (QAction *other : window.findChildren<QAction *>()) {
        if (other != replay)
            QVERIFY2(!other->shortcuts().contains(replay->shortcut()), qPrintable(other->objectName()));
    }
    QVERIFY(!replay->isEnabled()); // nothing selected
}

void TstReplayDialog::replayGoesOutAsCapturedAndIsListedWithItsRequest()
{
    Bench bench(m_home.filePath(QStringLiteral("second.hookscope")));
    QVERIFY2(bench.start(), qPrintable(bench.window.statusText()));
    Gui::MainWindow &window = bench.window;
    SecondListener &second = bench.second;

    // Duplicate headers, a Connection field naming another, and a chunked body.
    const QByteArray sent = "POST /hooks/a%2Fb?x=1&y=%7B HTTP/1.1\r\n"
                            "Host: example.test\r\n"
                            "X-Dup: one\r\n"
                            "Connection: keep-alive, X-Hop\r\n"
                            "X-Hop: dropped\r\n"
                            "content-type: application/json\r\n"
                            "X-Dup: two\r\n"
                            "X-Signature: t=1,v1=abc\r\n"
                            "Transfer-Encoding: chunked\r\n"
                            "\r\n"
                            "6\r\n{\"a\":1\r\n"
                            "7\r\n,\"b\":2}\r\n"
                            "0\r\n\r\n";
    QVERIFY(WindowTesting::answerTo(window.engine()->url(), sent).startsWith("HTTP/1.1 "));
    QTRY_COMPARE(window.model()->rowCount(), 1);
    const qint64 id = window.model()->idAt(0);
    window.table()->selectRow(0);
    QTRY_VERIFY(window.isDetailReady());
    const Http::Request captured = window.detail()->request()->request;
    Gui::MadeFromView *madeFrom = window.findChild<Gui::ReplaySetup *>()->madeFrom();
    QTRY_COMPARE(madeFrom->requestId(), id);
    QCOMPARE(madeFrom->list()->topLevelItemCount(), 0);

    Gui::ReplayDialog *dialog = openReplay(window);
    QVERIFY(dialog);
    dialog->destinationsEdit()->setPlainText(second.url.resolved(QUrl(QStringLiteral("/elsewhere"))).toString());
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
    // The changes are shown before anything is sent: each dropped hop-by-hop field is named.
    const QString changes = dialog->changesText();
    for (const char *name : {"Connection", "X-Hop", "Transfer-Encoding", "Host", "Content-Length"})
        QVERIFY2(changes.contains(QLatin1String(name), Qt::CaseInsensitive), qPrintable(changes));
    QVERIFY(second.got.isEmpty());

    QVERIFY(dialog->sendButton()->isEnabled());
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(second.got.size(), 1, 10000);
    QTRY_VERIFY(!dialog->isSending());
    QCOMPARE(dialog->results()->topLevelItemCount(), 1);
    QCOMPARE(dialog->results()->topLevelItem(0)->text(3), QStringLiteral("200"));

    // What the second listener got: method, target byte for byte, the header lines in order with
    // their duplicates minus the hop-by-hop ones and Host/Content-Length (made for it), the body.
    const Http::Request &replayed = second.got.first()->request;
    QCOMPARE(replayed.method(), captured.method());
    QCOMPARE(replayed.target().toByteArray(), QByteArray("/hooks/a%2Fb?x=1&y=%7B"));
    const Http::HeaderList expected =
        without(headersOf(captured), {"Connection", "X-Hop", "Transfer-Encoding", "Host", "Content-Length"});
    QCOMPARE(without(headersOf(replayed), {"Host", "Content-Length"}), expected);
    QCOMPARE(replayed.headerValue("Host").toByteArray(), second.url.authority().toUtf8());
    QCOMPARE(replayed.body(), QByteArray("{\"a\":1,\"b\":2}"));
    QCOMPARE(replayed.body(), captured.body());

    // Stored in the window's session, linked to the request it replays.
    const QList<Session::OutboundSummary> made = madeFromInSession(window, id, 1);
    QCOMPARE(made.size(), 1);
    QCOMPARE(made.first().finalStatuses, QList<int>{200});
    QCOMPARE(made.first().kind, QStringLiteral("replay"));
    QCOMPARE(made.first().sourceId, id);

    // And the request's detail lists it, with its destination's final status.
    const auto listed = [madeFrom](int column) {
        QTreeWidgetItem *row = madeFrom->list()->topLevelItem(0);
        return madeFrom->list()->topLevelItemCount() == 1 && row ? row->text(column) : QString();
    };
    QTRY_VERIFY2(listed(2).endsWith(QStringLiteral("→ 200")), qPrintable(listed(2)));
    QCOMPARE(listed(1), QStringLiteral("replay"));
    QVERIFY(window.detail()->tabs()->indexOf(madeFrom) >= 0);

    // The destinations are remembered for the next dialog.
    dialog->close();
    QTRY_VERIFY(!window.findChild<Gui::ReplayDialog *>());
    Gui::ReplayDialog *again = openReplay(window);
    QVERIFY(again);
    QVERIFY(again->destinationsEdit()->toPlainText().contains(second.url.authority()));
}

void TstReplayDialog::severalRequestsKeepCaptureOrder()
{
    Bench bench(m_home.filePath(QStringLiteral("order.hookscope")));
    QVERIFY2(bench.start(), qPrintable(bench.window.statusText()));
    Gui::MainWindow &window = bench.window;
    SecondListener &second = bench.second;
    constexpr int kCount = 6;
    for (int i = 1; i <= kCount; ++i) {
        const QByteArray body = QByteArray::number(i);
        const QByteArray request = "POST /n/" + body +
                                   " HTTP/1.1\r\nHost: h\r\nContent-Length: " + QByteArray::number(body.size()) +
                                   "\r\n\r\n" + body;
        QVERIFY(WindowTesting::answerTo(window.engine()->url(), request).startsWith("HTTP/1.1 "));
    }
    QTRY_COMPARE(window.model()->rowCount(), kCount);
    QList<qint64> ids;
    for (int row = 0; row < kCount; ++row)
        ids << window.model()->idAt(row);
    // Selected from the bottom up: still sent in capture order.
    window.table()->selectionModel()->clearSelection();
    for (int row = kCount - 1; row >= 0; --row)
        window.table()->selectionModel()->select(window.model()->index(row, 0),
                                                 QItemSelectionModel::Select | QItemSelectionModel::Rows);

    Gui::ReplayDialog *dialog = openReplay(window);
    QVERIFY(dialog);
    QCOMPARE(dialog->orderBox()->currentIndex(), 0); // one after another by default
    dialog->destinationsEdit()->setPlainText(second.url.toString());
    for (int i = 1; i <= kCount; ++i)
        QVERIFY(dialog->changesText().contains(QStringLiteral("/n/%1").arg(i)));
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(second.got.size(), kCount, 10000);
    QTRY_VERIFY(!dialog->isSending());
    for (int i = 0; i < kCount; ++i)
        QCOMPARE(second.got.at(i)->request.target().toByteArray(), "/n/" + QByteArray::number(i + 1));
    QCOMPARE(dialog->results()->topLevelItemCount(), kCount);
    for (int i = 0; i < kCount; ++i)
        QCOMPARE(dialog->results()->topLevelItem(i)->text(0), QStringLiteral("#%1").arg(ids.at(i)));
    // Each was sent once the one before had its answer.
    constexpr int kStarted = Gui::ReplayDialog::kStartedRole;
    for (int i = 1; i < kCount; ++i) {
        const qint64 started = dialog->results()->topLevelItem(i)->data(4, kStarted).toLongLong();
        const qint64 previousEnded = dialog->results()->topLevelItem(i - 1)->data(4, kStarted + 1).toLongLong();
        QVERIFY2(started >= previousEnded, qPrintable(QStringLiteral("%1 < %2").arg(started).arg(previousEnded)));
    }

    // In parallel, all of them go out too.
    second.got.clear();
    dialog->orderBox()->setCurrentIndex(1);
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(second.got.size(), kCount, 10000);
    QTRY_VERIFY(!dialog->isSending());
}

void TstReplayDialog::badDestinationSaysWhyAndSendsNothing()
{
    Bench bench(m_home.filePath(QStringLiteral("bad.hookscope")));
    QVERIFY2(bench.start(), qPrintable(bench.window.statusText()));
    Gui::MainWindow &window = bench.window;
    SecondListener &second = bench.second;
    QVERIFY(
        WindowTesting::answerTo(window.engine()->url(), "GET /x HTTP/1.1\r\nHost: h\r\n\r\n").startsWith("HTTP/1.1 "));
    QTRY_COMPARE(window.model()->rowCount(), 1);
    const qint64 id = window.model()->idAt(0);
    selectIds(window, {id});
    Gui::ReplayDialog *dialog = openReplay(window);
    QVERIFY(dialog);

    // A good destination beside a bad one: nothing goes anywhere.
    dialog->destinationsEdit()->setPlainText(second.url.toString() + QStringLiteral("\nftp://files.example/up"));
    QVERIFY2(dialog->errorText().contains(QLatin1String("ftp://files.example/up")), qPrintable(dialog->errorText()));
    QVERIFY(!dialog->sendButton()->isEnabled());
    dialog->send(); // even when asked directly
    dialog->destinationsEdit()->setPlainText(QString());
    QVERIFY(!dialog->errorText().isEmpty());
    QVERIFY(!dialog->sendButton()->isEnabled());
    // Re-signing without a scheme is a problem too.
    dialog->destinationsEdit()->setPlainText(second.url.toString());
    QVERIFY(dialog->errorText().isEmpty());
    dialog->resignButton()->setChecked(true);
    QVERIFY(!dialog->errorText().isEmpty());
    QVERIFY(!dialog->sendButton()->isEnabled());
    // And a scheme without a secret (Delivery::replayOf says so).
    dialog->signing()->setScheme(Signing::schemeIds().constFirst());
    QVERIFY(!dialog->errorText().isEmpty());
    QVERIFY(!dialog->sendButton()->isEnabled());
    dialog->signing()->setTypedSecret("s3cret");
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
    QVERIFY(dialog->sendButton()->isEnabled());

    QCOMPARE(dialog->results()->topLevelItemCount(), 0);
    QVERIFY(!dialog->isSending());

    // Set right, it sends: exactly the one replay reaches the listener and the session (a replay
    // sent by mistake above would have gone first through the same sender).
    dialog->keepButton()->setChecked(true);
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(second.got.size(), 1, 10000);
    QTRY_VERIFY(!dialog->isSending());
    QCOMPARE(second.got.size(), 1);
    QCOMPARE(dialog->results()->topLevelItemCount(), 1);
    const QList<Session::OutboundSummary> made = madeFromInSession(window, id, 1);
    QCOMPARE(made.size(), 1);
    QCOMPARE(made.first().finalStatuses, QList<int>{200});
}

QTEST_MAIN(TstReplayDialog)
#include "tst_replaydialog.moc"
