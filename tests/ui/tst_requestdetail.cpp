// The request below the table, on its own: finding text in what was received.

#include "bodyview.h"
#include "findbar.h"
#include "requestdetail.h"
#include "views/codeview.h"
#include "views/hexview.h"

#include "http/requestreader.h"
#include "session/capturedrequest.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QtTest>

namespace {

Session::CapturedRequestPtr captured(const QByteArray &head, const QByteArray &body)
{
    auto r = std::make_shared<Session::CapturedRequest>();
    r->id = 1;
    r->receivedAtMs = 1'780'000'000'000;
    r->remoteAddress = QHostAddress(QHostAddress::LocalHost);
    r->remotePort = 40000;
    r->request = Http::RequestReader::restore(head, body, {});
    r->responseStatus = 200;
    return r;
}

const QByteArray kBody = R"({"ref":"refs/heads/main","commits":[{"message":"first main fix"},{"message":"second"}]})";

Session::CapturedRequestPtr githubPush()
{
    return captured("POST /github HTTP/1.1\r\nHost: h\r\nX-GitHub-Event: push\r\nContent-Type: application/json\r\n"
                    "Content-Length: " +
                        QByteArray::number(kBody.size()) + "\r\n\r\n",
                    kBody);
}

/// Shows the GitHub push on `tab`, then types `text` into the find line and presses Enter.
void findOn(Gui::RequestDetail &detail, Gui::RequestDetail::Tab tab, const QString &text)
{
    detail.resize(900, 600);
    detail.show();
    detail.showRequest(githubPush());
    detail.tabs()->setCurrentIndex(tab);
    if (tab == Gui::RequestDetail::Body)
        QTRY_VERIFY(detail.bodyText().contains(QLatin1Char('\n'))); // formatted
    detail.openFind();
    QVERIFY(detail.findBar()->isVisible());
    QTest::keyClicks(detail.findBar()->edit(), text);
    QTest::keyClick(detail.findBar()->edit(), Qt::Key_Return);
}

QString resultText(Gui::RequestDetail &detail)
{
    QString text;
    for (QLabel *label : detail.findBar()->findChildren<QLabel *>())
        text += label->text();
    return text;
}

/// What of `parts` the text lacks, in order (empty: it has them all).
QStringList missingFrom(const QString &text, const QStringList &parts)
{
    QStringList missing;
    for (const QString &part : parts) {
        if (!text.contains(part))
            missing.append(part);
    }
    return missing;
}

} // namespace

class TstRequestDetail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findFromOverviewSearchesTheRawBytes();
    void findInPrettyBodyAndWrap();
    void findInHexTab();
    void noMatchIsSaid();
    void escapeClosesTheFindLine();
    void theForwardsAnswerIsTheAnswerShown();
    void aLateAnswerReachesTheShownRequest();
    void tlsDetailsAreShown();
    void aFailedHandshakeShowsWhatIsKnown();
};

void TstRequestDetail::findFromOverviewSearchesTheRawBytes()
{
    Gui::RequestDetail detail;
    findOn(detail, Gui::RequestDetail::Overview, QStringLiteral("x-github-event"));
    // The header is in the raw bytes: the Raw tab comes up with it selected.
    QCOMPARE(detail.tabs()->currentIndex(), int(Gui::RequestDetail::Raw));
    QTRY_COMPARE(detail.rawView()->selectedBytes(), QByteArray("X-GitHub-Event"));
    QVERIFY(resultText(detail).contains(QStringLiteral("Found")));
}

void TstRequestDetail::findInPrettyBodyAndWrap()
{
    Gui::RequestDetail detail;
    findOn(detail, Gui::RequestDetail::Body, QStringLiteral("main"));
    Gui::CodeView *code = detail.bodyView()->codeView();
    QCOMPARE(detail.tabs()->currentIndex(), int(Gui::RequestDetail::Body));
    QTRY_COMPARE(code->selectedBytes(), QByteArray("main"));
    const qint64 first = code->selectionStart();
    // Next (as F3 does): the second "main", in the commit message.
    detail.findAgain(true);
    QTRY_VERIFY(code->selectionStart() > first);
    QCOMPARE(code->selectedBytes(), QByteArray("main"));
    // Next again: only two, so it wraps to the first and says so.
    detail.findAgain(true);
    QTRY_COMPARE(code->selectionStart(), first);
    QVERIFY2(resultText(detail).contains(QStringLiteral("wrapped")), qPrintable(resultText(detail)));
    // Shift+Enter goes back.
    QTest::keyClick(detail.findBar()->edit(), Qt::Key_Return, Qt::ShiftModifier);
    QTRY_VERIFY(code->selectionStart() > first);
}

void TstRequestDetail::findInHexTab()
{
    Gui::RequestDetail detail;
    findOn(detail, Gui::RequestDetail::Hex, QStringLiteral("second"));
    QCOMPARE(detail.tabs()->currentIndex(), int(Gui::RequestDetail::Hex));
    QTRY_COMPARE(detail.hexView()->selectedBytes(), QByteArray("second"));
}

void TstRequestDetail::noMatchIsSaid()
{
    Gui::RequestDetail detail;
    findOn(detail, Gui::RequestDetail::Raw, QStringLiteral("stripe"));
    QTRY_VERIFY2(resultText(detail).contains(QStringLiteral("No match")), qPrintable(resultText(detail)));
    QVERIFY(detail.rawView()->selectedBytes().isEmpty());
}

void TstRequestDetail::escapeClosesTheFindLine()
{
    Gui::RequestDetail detail;
    detail.resize(900, 600);
    detail.show();
    QApplication::setActiveWindow(&detail);
    QVERIFY(QTest::qWaitForWindowActive(&detail));
    detail.showRequest(githubPush());
    detail.tabs()->setCurrentIndex(Gui::RequestDetail::Raw);
    detail.openFind();
    QTRY_VERIFY(detail.findBar()->edit()->hasFocus());
    QTest::keyClick(detail.findBar()->edit(), Qt::Key_Escape);
    QVERIFY(!detail.findBar()->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(detail.rawView()));
}

void TstRequestDetail::theForwardsAnswerIsTheAnswerShown()
{
    // The record holds the configured 200, as logged; its sender got the dev server's 201.
    auto r = std::make_shared<Session::CapturedRequest>(*githubPush());
    auto late = std::make_shared<Session::LateAnswer>();
    late->requestId = r->id;
    late->source = Session::LateAnswer::Source::Forward;
    late->response = Http::Response{201, {}, {{"X-Down", "1"}}, "from the dev server"};
    late->note = QStringLiteral("http://127.0.0.1:3000/github answered 201 in 12 ms");
    r->lateAnswer = late;
    Gui::RequestDetail detail;
    detail.showRequest(r);
    const QString overview = detail.overviewText();
    QVERIFY2(overview.contains(QStringLiteral("201 Created")), qPrintable(overview));
    QVERIFY2(overview.contains(QStringLiteral("X-Down: 1")), qPrintable(overview));
    QVERIFY2(overview.contains(QStringLiteral("from the dev server")), qPrintable(overview));
    QVERIFY2(overview.contains(QStringLiteral("from the forward: http://127.0.0.1:3000/github answered 201")),
             qPrintable(overview));
    QVERIFY2(overview.contains(QStringLiteral("200 (not sent: the forward answered first)")), qPrintable(overview));
}

void TstRequestDetail::aLateAnswerReachesTheShownRequest()
{
    Gui::RequestDetail detail;
    detail.showRequest(githubPush());
    QVERIFY(!detail.overviewText().contains(QStringLiteral("forward")));
    Session::LateAnswer late;
    late.requestId = 2; // another request: nothing changes
    late.source = Session::LateAnswer::Source::Timeout;
    late.note = QStringLiteral("no answer from the destination within 400 ms");
    detail.updateLateAnswer(late);
    QVERIFY(!detail.overviewText().contains(QStringLiteral("forward")));
    late.requestId = 1;
    detail.updateLateAnswer(late);
    const QString overview = detail.overviewText();
    QVERIFY2(overview.contains(QStringLiteral("200 OK")), qPrintable(overview)); // the configured answer went
    QVERIFY2(overview.contains(
                 QStringLiteral("after waiting for the forward: no answer from the destination within 400 ms")),
             qPrintable(overview));
}

void TstRequestDetail::tlsDetailsAreShown()
{
    auto r = std::make_shared<Session::CapturedRequest>(*githubPush());
    r->tls = true;
    r->tlsInfo = {QStringLiteral("TLSv1.3"), QStringLiteral("TLS_AES_256_GCM_SHA384"),
                  QStringLiteral("hooks.example.test"), QStringLiteral("http/1.1")};
    Gui::RequestDetail detail;
    detail.showRequest(r);
    QString overview = detail.overviewText();
    QCOMPARE(missingFrom(overview,
                         {QStringLiteral("TLSv1.3 · TLS_AES_256_GCM_SHA384"), QStringLiteral("Server name (SNI)"),
                          QStringLiteral("hooks.example.test"), QStringLiteral("ALPN"), QStringLiteral("http/1.1")}),
             QStringList());

    // Plain HTTP: no TLS rows but the one that says so.
    detail.showRequest(githubPush());
    overview = detail.overviewText();
    for (const QString &absent : {QStringLiteral("TLSv1.3"), QStringLiteral("Server name"), QStringLiteral("ALPN")})
        QVERIFY2(!overview.contains(absent), qPrintable(overview));
}

void TstRequestDetail::aFailedHandshakeShowsWhatIsKnown()
{
    // The client gave up during the handshake: the name it asked for is known, no version was agreed.
    auto r = std::make_shared<Session::CapturedRequest>();
    r->id = 3;
    r->remoteAddress = QHostAddress(QHostAddress::LocalHost);
    r->tls = true;
    r->tlsInfo.serverName = QStringLiteral("hooks.example.test");
    r->rejected = true;
    r->errorReason = QStringLiteral("TLS handshake failed: the client rejected the certificate");
    Gui::RequestDetail detail;
    detail.showRequest(r);
    const QString overview = detail.overviewText();
    QCOMPARE(missingFrom(overview,
                         {QStringLiteral("Server name (SNI)"), QStringLiteral("hooks.example.test"),
                          QStringLiteral("no version agreed"), QStringLiteral("the client rejected the certificate")}),
             QStringList());
    QVERIFY2(!overview.contains(QStringLiteral("ALPN")), qPrintable(overview));
}

QTEST_MAIN(TstRequestDetail)
#include "tst_requestdetail.moc"
