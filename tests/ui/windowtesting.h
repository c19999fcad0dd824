// Helpers shared by the tests that drive the real main window headless: a listener on a free
// port, requests over a real socket, the session file behind the table, and modal dialogs
// answered from inside their exec().

#pragma once

#include "mainwindow.h"
#include "translations.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"
#include "http/requestreader.h"
#include "session/scratch.h"
#include "session/sessionreader.h"
#include "session/sessionwriter.h"

#include <QAbstractButton>
#include <QApplication>
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QString>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

namespace WindowTesting {

/// Once per test program, with the application made: settings and scratch sessions in test
/// folders, no modal dialogs, and the window's text as main() installs it (English plurals).
inline void setUpWindowTests()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("HOOKSCOPE_NO_DIALOGS", "1");
    Gui::installTranslations();
}

/// Before QApplication: HOME and the XDG folders inside `dir`, so the settings, sessions and the
/// secrets' fallback file of a test run stay out of the user's.
inline void useHome(const QString &dir)
{
    for (const char *name : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        qputenv(name, QFile::encodeName(dir + QLatin1Char('/') + QLatin1String(name)));
}

/// Before each test: no scratch session left from the one before to be offered again.
inline void clearScratchSessions()
{
    QDir(Session::Scratch::directory()).removeRecursively();
}

/// Writes a session file at `path` holding a GET of each target, numbered from 1.
inline bool writeSession(const QString &path, const QList<QByteArray> &targets)
{
    Session::SessionWriter writer;
    if (writer.open(path).problem != Session::FileProblem::None)
        return false;
    writer.start();
    qint64 id = 0;
    for (const QByteArray &target : targets) {
        auto r = std::make_shared<Session::CapturedRequest>();
        r->id = ++id;
        r->receivedAtMs = 1'780'000'000'000;
        r->request = Http::RequestReader::restore("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n", {}, {});
        r->responseStatus = 200;
        writer.submit(r);
    }
    writer.stop();
    return true;
}

/// Window options for a test: the listener on any free port, the scratch session.
inline Gui::WindowOptions anyPort()
{
    Gui::WindowOptions o;
    o.port = 0;
    o.portAttempts = 1;
    return o;
}

/// True once the window listens and neither loads nor switches its session.
inline bool ready(Gui::MainWindow &window)
{
    return window.engine()->isListening() && !window.isLoading() && !window.sessions()->isBusy();
}

/// How many requests the session file at `path` holds; -1 if it does not open.
inline qint64 countIn(const QString &path)
{
    Session::SessionReader reader;
    if (reader.open(path).problem != Session::FileProblem::None)
        return -1;
    return reader.count();
}

/// Waits up to 5 s for `reply` to finish and returns its HTTP status; 0 if it did not finish.
inline int statusOf(QNetworkReply *reply)
{
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(5000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

/// POSTs a JSON body to `path` under `base`; the HTTP status, 0 when none came.
inline int post(const QUrl &base, const QString &path, const QByteArray &body)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(base.resolved(QUrl(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    return statusOf(nam.post(request, body));
}

/// Writes `request` to the listener at `url` over a new socket and returns what came back, at
/// least its status line unless the answer stalled for `waitMs`; "no connection" if none was made
/// within 3 s.
inline QByteArray answerTo(const QUrl &url, const QByteArray &request, int waitMs = 3000)
{
    QTcpSocket socket;
    socket.connectToHost(url.host(), quint16(url.port()));
    if (!socket.waitForConnected(3000))
        return "no connection";
    socket.write(request);
    QByteArray answer;
    while (!answer.contains("\r\n") && socket.waitForReadyRead(waitMs))
        answer += socket.readAll();
    return answer;
}

/// Runs `handle` on the next modal dialog of type T, from inside its exec(); gives up after ~5 s.
/// `*handled` says whether it ran.
template<typename T>
void whenModal(const std::function<void(T *)> &handle, bool *handled)
{
    *handled = false;
    auto *timer = new QTimer;
    auto tries = std::make_shared<int>(0);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, tries, handle, handled] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            *handled = true;
            handle(dialog);
        } else if (++*tries > 500) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start();
}

/// Clicks `button` and accepts the message box it brings up: that box's text, or empty if none came.
inline QString messageOnClick(QAbstractButton *button)
{
    // Shared, not on the stack: the watch for a box outlives this call when none comes.
    auto text = std::make_shared<QString>();
    auto handled = std::make_shared<bool>(false);
    whenModal<QMessageBox>(
        [text, handled](QMessageBox *box) {
            *text = box->text();
            box->accept();
        },
        handled.get());
    QTest::mouseClick(button, Qt::LeftButton);
    if (!QTest::qWaitFor([handled] { return *handled; }))
        return {};
    return *text;
}

} // namespace WindowTesting
