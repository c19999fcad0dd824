// The real window tells the truth about capture: a rebind that fails keeps the old listener and
// says so; a session another Hookscope captures into opens read-only; SIGTERM closes the session
// cleanly; Save As replaces a file in one step and never one being captured into.

#include "mainwindow.h"
#include "requesttablemodel.h"
#include "windowtesting.h"

#include "integration/filesizelimit.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"
#include "session/journal.h"
#include "session/sessionreader.h"

#include <QAction>
#include <QDir>
#include <QDirIterator>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

#include <csignal>
#include <sys/inotify.h>
#include <unistd.h>

namespace {

using namespace WindowTesting;

/// The address field of the toolbar.
QLineEdit *addressField(Gui::MainWindow &window)
{
    auto *bar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    const QList<QLineEdit *> edits = bar ? bar->findChildren<QLineEdit *>() : QList<QLineEdit *>();
    return edits.value(0);
}

/// Types `text` into the toolbar's address field and presses Enter, as a user would.
void typeAddress(Gui::MainWindow &window, const QString &text)
{
    QLineEdit *edit = addressField(window);
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

/// The path of the request with this id in a session file; empty when it cannot be read.
QByteArray targetIn(const QString &session, qint64 id)
{
    Session::SessionReader reader;
    if (reader.open(session).problem != Session::FileProblem::None)
        return {};
    const Session::CapturedRequestPtr r = reader.load(id);
    return r ? r->request.target().toByteArray() : QByteArray();
}

/// A second capture engine on any free port, capturing into `path`, as another Hookscope would.
class OtherHookscope
{
public:
    explicit OtherHookscope(const QString &path)
    {
        QSignalSpy started(&m_engine, &Capture::CaptureEngine::started);
        Capture::ListenConfig config;
        config.sessionPath = path;
        m_engine.start(config);
        m_ok = started.wait(5000);
    }
    bool ok() const { return m_ok; }
    QUrl url() const { return m_engine.url(); }

private:
    Capture::CaptureEngine m_engine;
    bool m_ok = false;
};

/// Whether something accepts connections at `url` (a connection without a request leaves no trace).
bool accepts(const QUrl &url)
{
    QTcpSocket socket;
    socket.connectToHost(url.host(), quint16(url.port()));
    return socket.waitForConnected(1000);
}

/// Files beside a session that only a writer that has it open should leave there.
QStringList companionsOf(const QString &session)
{
    QStringList found;
    for (const char *suffix : {"-wal", "-shm", "-log.lock"}) {
        if (QFileInfo::exists(session + QLatin1String(suffix)))
            found.append(QFileInfo(session).fileName() + QLatin1String(suffix));
    }
    for (const QString &log : Session::Journal::logFiles(session))
        found.append(QFileInfo(log).fileName());
    return found;
}

} // namespace

class TstWindowCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void rebindToBusyPortKeepsListening();
    void lockedSessionOpensReadOnly();
    void lockedSessionAtStartOpensReadOnly();
    void readOnlyFileOpensReadOnly();
    void terminationClosesTheSessionCleanly_data();
    void terminationClosesTheSessionCleanly();
    void saveAsReplacesInOneStep();
    void saveAsRefusesASessionBeingCapturedInto();
    void fullDiskIsShownUntilSavingWorksAgain();

private:
    QTemporaryDir m_dir;
};

void TstWindowCapture::initTestCase()
{
    WindowTesting::setUpWindowTests();
}

void TstWindowCapture::init()
{
    WindowTesting::clearScratchSessions();
}

void TstWindowCapture::rebindToBusyPortKeepsListening()
{
    Gui::MainWindow window(anyPort());
    window.show();
    QTRY_VERIFY(ready(window));
    const QUrl before = window.engine()->url();
    QAction *listen = window.action(QStringLiteral("listen"));
    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
    const QString busyPlace = QStringLiteral("127.0.0.1:%1").arg(busy.serverPort());

    typeAddress(window, busyPlace);
    QTRY_VERIFY2(window.statusText().contains(QStringLiteral("Still listening on %1").arg(before.toString())),
                 qPrintable(window.statusText()));
    QVERIFY2(window.statusText().contains(busyPlace), qPrintable(window.statusText())); // and where it could not
    QVERIFY(listen->isChecked());
    QVERIFY2(listen->toolTip().contains(busyPlace), qPrintable(listen->toolTip())); // the reason on hover
    QCOMPARE(addressField(window)->text(), before.authority());                     // the field shows the truth
    // The old URL still answers, and what arrives is kept.
    QCOMPARE(post(before, QStringLiteral("/after-failed-rebind"), "{}"), 200);
    QTRY_COMPARE(window.model()->rowCount(), 1);

    // A free place works: capture moves there and the old port is let go.
    typeAddress(window, QStringLiteral("127.0.0.1:0"));
    QTRY_VERIFY(window.engine()->port() != quint16(before.port()));
    QVERIFY2(window.statusText().startsWith(QStringLiteral("Listening on %1").arg(window.engine()->url().toString())),
             qPrintable(window.statusText()));
    QCOMPARE(answerTo(before, "GET / HTTP/1.1\r\nHost: h\r\n\r\n"), QByteArray("no connection"));
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/moved"), "{}"), 200);
    QTRY_COMPARE(window.model()->rowCount(), 2);

    // Stopped, the toolbar no longer claims to listen; a busy place then fails with its reason.
    listen->trigger();
    QTRY_VERIFY(!window.engine()->isListening());
    QVERIFY(!listen->isChecked());
    QVERIFY2(!listen->iconText().startsWith(QStringLiteral("Listening")), qPrintable(listen->iconText()));
    typeAddress(window, busyPlace);
    QTRY_VERIFY2(window.statusText().startsWith(QStringLiteral("Not listening: ")), qPrintable(window.statusText()));
    QVERIFY(!window.engine()->isListening());
    QVERIFY(!listen->isChecked());
    QVERIFY2(listen->toolTip().contains(busyPlace), qPrintable(listen->toolTip()));
}

void TstWindowCapture::lockedSessionOpensReadOnly()
{
    const QString path = m_dir.filePath(QStringLiteral("captured-elsewhere.hookscope"));
    OtherHookscope other(path);
    QVERIFY(other.ok());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(other.url(), QStringLiteral("/elsewhere/%1").arg(i), "{}"), 200);

    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    const QString before = window.sessions()->path();
    const QUrl url = window.engine()->url();
    window.openSession(path);
    QTRY_VERIFY2(window.windowTitle().contains(QStringLiteral("captured-elsewhere.hookscope (read-only)")),
                 qPrintable(window.windowTitle()));
    QCOMPARE(window.sessions()->path(), path);
    QTRY_VERIFY(!window.isLoading());
    QCOMPARE(window.model()->rowCount(), 3);
    QCOMPARE(window.model()->index(0, Gui::RequestTableModel::Target).data().toString(),
             QStringLiteral("/elsewhere/0"));
    // Capture is off, and the window says why: no sender is answered for a request kept nowhere.
    QAction *listen = window.action(QStringLiteral("listen"));
    QVERIFY(!listen->isChecked());
    QVERIFY2(listen->toolTip().contains(QStringLiteral("another Hookscope")), qPrintable(listen->toolTip()));
    QTRY_VERIFY(!window.engine()->isListening());
    QCOMPARE(answerTo(url, "GET / HTTP/1.1\r\nHost: h\r\n\r\n"), QByteArray("no connection"));
    QVERIFY(!Session::Journal::isLive(before)); // the previous session was closed
    // The other Hookscope goes on undisturbed.
    QCOMPARE(post(other.url(), QStringLiteral("/elsewhere/3"), "{}"), 200);
    QTRY_COMPARE(countIn(path), 4);

    QAction *captureNew = window.action(QStringLiteral("captureNew"));
    QVERIFY(captureNew);
    QVERIFY(captureNew->isVisible());
    QVERIFY(captureNew->isEnabled());
    captureNew->trigger();
    QTRY_VERIFY(ready(window) && window.sessions()->path() != path);
    QVERIFY(window.sessions()->isScratch());
    QVERIFY2(!window.windowTitle().contains(QStringLiteral("read-only")), qPrintable(window.windowTitle()));
    QVERIFY(listen->isChecked());
    QVERIFY(!captureNew->isVisible());
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/mine"), "{}"), 200);
    QTRY_COMPARE(window.model()->rowCount(), 1);
    QTRY_COMPARE(countIn(window.sessions()->path()), 1);
    QCOMPARE(countIn(path), 4); // nothing of ours went into the other one's file
}

void TstWindowCapture::lockedSessionAtStartOpensReadOnly()
{
    const QString path = m_dir.filePath(QStringLiteral("busy-at-start.hookscope"));
    OtherHookscope other(path);
    QVERIFY(other.ok());
    QCOMPARE(post(other.url(), QStringLiteral("/first"), "{}"), 200);
    QCOMPARE(post(other.url(), QStringLiteral("/second"), "{}"), 200);

    Gui::WindowOptions options = anyPort();
    options.sessionPath = path; // `hookscope FILE`
    Gui::MainWindow window(options);
    QTRY_VERIFY2(window.windowTitle().contains(QStringLiteral("(read-only)")), qPrintable(window.windowTitle()));
    QTRY_VERIFY(!window.isLoading());
    QCOMPARE(window.model()->rowCount(), 2);
    QVERIFY(!window.engine()->isListening());
    QVERIFY(!window.action(QStringLiteral("listen"))->isChecked());
    QVERIFY2(window.statusText().contains(QStringLiteral("another Hookscope")), qPrintable(window.statusText()));

    QAction *captureNew = window.action(QStringLiteral("captureNew"));
    QVERIFY(captureNew);
    captureNew->trigger();
    QTRY_VERIFY(ready(window));
    QVERIFY(window.action(QStringLiteral("listen"))->isChecked());
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/mine"), "{}"), 200);
    QTRY_COMPARE(countIn(window.sessions()->path()), 1);
}

void TstWindowCapture::readOnlyFileOpensReadOnly()
{
    const QString path = m_dir.filePath(QStringLiteral("archived.hookscope"));
    QVERIFY(WindowTesting::writeSession(path, {"/archived"}));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    if (QFileInfo(path).isWritable())
        QSKIP("the file stays writable for this user (root): nothing to show");
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    window.openSession(path);
    QTRY_VERIFY2(window.windowTitle().contains(QStringLiteral("(read-only)")), qPrintable(window.windowTitle()));
    QTRY_VERIFY(!window.isLoading());
    QCOMPARE(window.model()->rowCount(), 1);
    QVERIFY(!window.action(QStringLiteral("listen"))->isChecked());
    QTRY_VERIFY(!window.engine()->isListening());
}

void TstWindowCapture::terminationClosesTheSessionCleanly_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TstWindowCapture::terminationClosesTheSessionCleanly()
{
    QFETCH(int, signal);
    QTemporaryDir home;
    QVERIFY(home.isValid());
    // A free port for the window, through its own settings file.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QVERIFY(QDir().mkpath(home.filePath(QStringLiteral("config/Hookscope"))));
    QFile config(home.filePath(QStringLiteral("config/Hookscope/Hookscope.conf")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[capture]\nport=" + QByteArray::number(port) + "\n");
    config.close();

    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("HOOKSCOPE_NO_DIALOGS"), QStringLiteral("1"));
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(QStringLiteral(HOOKSCOPE_BINARY), {});
    QVERIFY(app.waitForStarted());
    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(port));
    QTRY_VERIFY_WITH_TIMEOUT(accepts(url), 20000);
    QCOMPARE(post(url, QStringLiteral("/before-the-signal"), "{}"), 200);

    QStringList sessions;
    QDirIterator it(home.filePath(QStringLiteral("data")), {QStringLiteral("*.hookscope")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        sessions.append(it.next());
    QCOMPARE(sessions.size(), 1);
    const QString session = sessions.first();
    QVERIFY(Session::Journal::isLive(session)); // the window captures into it

    QCOMPARE(::kill(pid_t(app.processId()), signal), 0);
    QVERIFY(app.waitForFinished(20000));
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.exitCode(), 0);
    QCOMPARE(companionsOf(session), QStringList());
    QCOMPARE(countIn(session), 1);
}

void TstWindowCapture::saveAsReplacesInOneStep()
{
    const QString target = m_dir.filePath(QStringLiteral("replaced.hookscope"));
    QVERIFY(WindowTesting::writeSession(target, {"/old"}));
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    for (int i = 0; i < 2; ++i)
        QCOMPARE(post(window.engine()->url(), QStringLiteral("/mine/%1").arg(i), "{}"), 200);

    // Watch the folder: a replacement in one step moves a name onto the target and deletes nothing
    // there; deleting it first would leave nothing under that name if the app died in between.
    const int watch = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    QVERIFY(watch >= 0);
    QVERIFY(::inotify_add_watch(watch, QFile::encodeName(m_dir.path()).constData(), IN_DELETE | IN_MOVED_TO) >= 0);
    QSignalSpy changed(window.sessions(), &Capture::SessionController::sessionChanged);
    window.saveSessionAs(target);
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 10000);
    QCOMPARE(window.sessions()->path(), target);
    QStringList deleted;
    QStringList movedIn;
    alignas(inotify_event) char buffer[8192];
    for (ssize_t n; (n = ::read(watch, buffer, sizeof buffer)) > 0;) {
        for (ssize_t at = 0; at < n;) {
            const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
            const QString name = event->len ? QFile::decodeName(event->name) : QString();
            ((event->mask & IN_DELETE) ? deleted : movedIn).append(name);
            at += ssize_t(sizeof(inotify_event)) + event->len;
        }
    }
    ::close(watch);
    QVERIFY2(!deleted.contains(QStringLiteral("replaced.hookscope")), qPrintable(deleted.join(u' ')));
    QVERIFY2(movedIn.contains(QStringLiteral("replaced.hookscope")), qPrintable(movedIn.join(u' ')));
    QTRY_COMPARE(countIn(target), 2);
    QCOMPARE(targetIn(target, 1), QByteArray("/mine/0")); // the copy, not the old file
}

void TstWindowCapture::saveAsRefusesASessionBeingCapturedInto()
{
    const QString target = m_dir.filePath(QStringLiteral("theirs.hookscope"));
    OtherHookscope other(target);
    QVERIFY(other.ok());
    QCOMPARE(post(other.url(), QStringLiteral("/theirs/0"), "{}"), 200);

    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    const QString mine = window.sessions()->path();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(window.engine()->url(), QStringLiteral("/mine/%1").arg(i), "{}"), 200);
    QSignalSpy failed(window.sessions(), &Capture::SessionController::failed);
    window.saveSessionAs(target);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(targetIn(target, 1), QByteArray("/theirs/0")); // not replaced by a copy of ours
    QVERIFY2(window.lastError().contains(QStringLiteral("capturing into this session")),
             qPrintable(window.lastError()));
    QCOMPARE(window.sessions()->path(), mine);
    // Their file is theirs still, and both captures go on.
    QCOMPARE(post(other.url(), QStringLiteral("/theirs/1"), "{}"), 200);
    QTRY_COMPARE(countIn(target), 2);
    QCOMPARE(targetIn(target, 2), QByteArray("/theirs/1"));
    QCOMPARE(post(window.engine()->url(), QStringLiteral("/mine/3"), "{}"), 200);
    QTRY_COMPARE(countIn(mine), 4);

    // Its own session, live in this window, is not a target either.
    failed.clear();
    window.saveSessionAs(mine);
    QTRY_COMPARE(failed.size(), 1);
    QTRY_COMPARE(countIn(mine), 4);
}

// A full disk, made with a file-size limit on this process (writes past it fail with EFBIG):
// the status bar says requests are not being saved, and stops saying so once they are.
void TstWindowCapture::fullDiskIsShownUntilSavingWorksAgain()
{
    Gui::MainWindow window(anyPort());
    window.show();
    QTRY_VERIFY(ready(window));
    const QUrl url = window.engine()->url();
    FileSizeLimit full(512 * 1024);
    QVERIFY(full.isActive());
    int refused = 0;
    for (int i = 0; i < 60 && refused == 0; ++i)
        refused += post(url, QStringLiteral("/fill"), "\"" + QByteArray(40'000, 'x') + '"') == 503;
    const bool filled =
        refused > 0 && QTest::qWaitFor([&] { return window.statusText().contains(u"NOT SAVING"); }, 5000);
    full.restore();
    QVERIFY2(filled, qPrintable(window.statusText()));
    QVERIFY2(window.statusText().startsWith(QStringLiteral("Listening on")), qPrintable(window.statusText()));

    QCOMPARE(post(url, QStringLiteral("/room-again"), "{}"), 200);
    QTRY_VERIFY_WITH_TIMEOUT(!window.statusText().contains(u"NOT SAVING"), 10000);
    QVERIFY2(window.statusText().startsWith(QStringLiteral("Listening on")), qPrintable(window.statusText()));
}

QTEST_MAIN(TstWindowCapture)
#include "tst_windowcapture.moc"
