// HAR in the real window, headless: importing a file twice adds it once and says so, what an
// import added is shown with the request, and a long export leaves the detail pane free.

#include "hartransfer.h"
#include "mainwindow.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "windowtesting.h"

#include "capture/sessioncontroller.h"

#include <QElapsedTimer>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using WindowTesting::anyPort;
using WindowTesting::countIn;
using WindowTesting::ready;

QString sample(const char *name)
{
    return QStringLiteral(HOOKSCOPE_TEST_DATA "/har/") + QLatin1String(name);
}

/// A session of `count` POSTs with 4 KiB JSON bodies: enough that exporting it takes a while.
bool writeBigSession(const QString &path, int count)
{
    Session::SessionWriter writer;
    if (writer.open(path).problem != Session::FileProblem::None)
        return false;
    writer.start();
    QByteArray body = "{\"items\":[";
    while (body.size() < 4096)
        body += "{\"sku\":\"A-1\",\"qty\":1,\"note\":\"caf\xc3\xa9\"},";
    body.chop(1);
    body += "]}";
    const QByteArray head = "POST /hook HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: " +
                            QByteArray::number(body.size()) + "\r\n\r\n";
    for (int i = 1; i <= count; ++i) {
        auto r = std::make_shared<Session::CapturedRequest>();
        r->id = i;
        r->receivedAtMs = 1'780'000'000'000 + i;
        r->request = Http::RequestReader::restore(head, body, {});
        r->responseStatus = 200;
        writer.submit(r);
    }
    writer.stop();
    return true;
}

/// What the HAR transfers told the window for its status bar (the bar itself is shared: other
/// news may replace a message before a test reads it).
class Said : public QStringList
{
public:
    explicit Said(Gui::MainWindow &window)
    {
        QObject::connect(window.harTransfer(), &Gui::HarTransfer::message, &m_context, [this](const QString &text) {
            if (!text.isEmpty())
                append(text);
        });
    }

private:
    QObject m_context;
};

} // namespace

class TstHarTransfer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { WindowTesting::setUpWindowTests(); }
    void init() { WindowTesting::clearScratchSessions(); }
    void importTwiceAddsOnce();
    void importNotesInOverview();
    void detailFillsDuringLongExport();

private:
    QTemporaryDir m_dir;
};

void TstHarTransfer::importTwiceAddsOnce()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    Said said(window);
    // Twice at once, as a double drop does: the second look at the file cannot see the first's
    // requests yet, and must still leave them out.
    window.importHar(sample("firebug-multiline.har"));
    window.importHar(sample("firebug-multiline.har"));
    QTRY_COMPARE(said.size(), 2);
    QVERIFY2(said.at(0).startsWith(QLatin1String("Imported 2 request")), qPrintable(said.at(0)));
    // (Plurals read "request(s)" until English has its translation: the tests take either.)
    QVERIFY2(said.at(1).startsWith(QLatin1String("Imported 0 request")) &&
                 said.at(1).endsWith(QLatin1String("; skipped 2 already in the session")),
             qPrintable(said.at(1)));
    QTRY_COMPARE(countIn(window.sessions()->path()), qint64(2));
    QTRY_COMPARE(window.model()->rowCount(), 2);

    // And again once they are in the file; another file still goes in.
    window.importHar(sample("firebug-multiline.har"));
    QTRY_COMPARE(said.size(), 3);
    QVERIFY2(said.at(2).startsWith(QLatin1String("Imported 0 request")) &&
                 said.at(2).endsWith(QLatin1String("; skipped 2 already in the session")),
             qPrintable(said.at(2)));
    window.importHar(sample("http2-synthesised.har"));
    QTRY_COMPARE(said.size(), 4);
    QVERIFY2(said.at(3).startsWith(QLatin1String("Imported 2 request")), qPrintable(said.at(3)));
    QTRY_COMPARE(window.model()->rowCount(), 4);
    QTRY_COMPARE(countIn(window.sessions()->path()), qint64(4));
}

void TstHarTransfer::importNotesInOverview()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    Said said(window);
    window.importHar(sample("firebug-multiline.har"));
    QTRY_COMPARE(said.size(), 1);
    QVERIFY2(said.at(0).endsWith(QLatin1String("; split header values of several lines in 1; 1 with notes in the "
                                               "Overview")),
             qPrintable(said.at(0)));
    window.importHar(sample("http2-synthesised.har"));
    window.importHar(sample("body-not-in-har.har"));
    QTRY_COMPARE(said.size(), 3);
    QVERIFY2(said.at(2).endsWith(QLatin1String("; 1 without their body (not in the HAR); 1 with notes in the "
                                               "Overview")),
             qPrintable(said.at(2)));
    QTRY_COMPARE(window.model()->rowCount(), 5);

    window.table()->selectRow(2); // the HTTP/2 entry
    QTRY_VERIFY(window.isDetailReady());
    QString overview = window.detail()->overviewText();
    QVERIFY2(overview.contains(QLatin1String("POST /v2/hooks HTTP/2")), qPrintable(overview));
    QVERIFY2(overview.contains(QLatin1String("Host: api.example.com added by Hookscope")), qPrintable(overview));

    window.table()->selectRow(4); // the upload whose body the file left out
    QTRY_VERIFY(window.isDetailReady());
    overview = window.detail()->overviewText();
    QVERIFY2(overview.contains(QLatin1String("body not in HAR (966 bytes announced)")), qPrintable(overview));
    QVERIFY2(overview.contains(QLatin1String("Body not in HAR: Content-Length: 966 as recorded")),
             qPrintable(overview));
}

void TstHarTransfer::detailFillsDuringLongExport()
{
    // The detail pane reads an older request from the file off the GUI thread. While a long HAR
    // export runs, that read must not wait for the export to end.
    const QString session = m_dir.filePath(QStringLiteral("big.hookscope"));
    constexpr int kRequests = 3000;
    QVERIFY(writeBigSession(session, kRequests));
    Gui::WindowOptions options = anyPort();
    options.sessionPath = session;
    Gui::MainWindow window(options);
    QTRY_VERIFY_WITH_TIMEOUT(ready(window), 20000);
    QCOMPARE(window.model()->rowCount(), kRequests);

    QElapsedTimer clock;
    clock.start();
    window.exportHar(m_dir.filePath(QStringLiteral("big.har")));
    QVERIFY(window.harTransfer()->isBusy());
    window.table()->selectRow(kRequests / 2);
    QTRY_VERIFY(window.isDetailReady());
    const qint64 detailMs = clock.elapsed();
    QVERIFY2(window.harTransfer()->isBusy(), "the detail pane waited for the export to end");
    QCOMPARE(window.detail()->request()->id, qint64(kRequests / 2 + 1));
    QTRY_VERIFY_WITH_TIMEOUT(!window.harTransfer()->isBusy(), 120000);
    qInfo("detail pane ready after %lld ms; the export of %d requests took %lld ms", detailMs, kRequests,
          clock.elapsed());
    QVERIFY2(window.lastError().isEmpty(), qPrintable(window.lastError()));
}

QTEST_MAIN(TstHarTransfer)
#include "tst_hartransfer.moc"
