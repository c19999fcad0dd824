// The real window, headless: its listener on a free port, requests over loopback, rows in the table.

#include "mainwindow.h"
#include "requesttablemodel.h"

#include "capture/captureengine.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

class TstMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsUrlAndCapturesRequests();
    void takesNextFreePortWhenBusy();
};

void TstMainWindow::showsUrlAndCapturesRequests()
{
    Ui::MainWindow window(Ui::WindowOptions{0, 1});
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.engine()->isListening());
    const QUrl url = window.engine()->url();
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(window.statusText().contains(url.toString()));
    QCOMPARE(window.model()->rowCount(), 0);

    QNetworkAccessManager nam;
    QNetworkRequest request(url.resolved(QUrl(QStringLiteral("/stripe/events"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = nam.post(request, R"({"type":"invoice.paid"})");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();

    QTcpSocket bad;
    bad.connectToHost(url.host(), quint16(url.port()));
    QVERIFY(bad.waitForConnected(3000));
    bad.write("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: x\r\n\r\n");
    QVERIFY(bad.waitForReadyRead(3000));

    QTRY_COMPARE(window.model()->rowCount(), 2);
    const auto cell = [&](int row, int column) {
        return window.model()->index(row, column).data().toString();
    };
    QCOMPARE(cell(0, Ui::RequestTableModel::Method), QStringLiteral("POST"));
    QCOMPARE(cell(0, Ui::RequestTableModel::Target), QStringLiteral("/stripe/events"));
    QCOMPARE(cell(0, Ui::RequestTableModel::Status), QStringLiteral("200"));
    QCOMPARE(cell(0, Ui::RequestTableModel::BodySize), QStringLiteral("23"));
    QCOMPARE(cell(0, Ui::RequestTableModel::ContentType), QStringLiteral("application/json"));
    QVERIFY(cell(0, Ui::RequestTableModel::Remote).startsWith(QStringLiteral("127.0.0.1:")));
    QCOMPARE(cell(1, Ui::RequestTableModel::Status), QStringLiteral("400"));
    QVERIFY(cell(1, Ui::RequestTableModel::Notes).contains(QStringLiteral("Content-Length")));
    QVERIFY(window.model()->index(1, 0).data(Qt::ForegroundRole).isValid()); // rejected rows look different

    window.table()->selectRow(0);
    QCOMPARE(window.table()->selectionModel()->selectedRows().size(), 1);
}

void TstMainWindow::takesNextFreePortWhenBusy()
{
    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
    Ui::MainWindow window(Ui::WindowOptions{busy.serverPort(), 100});
    QTRY_VERIFY(window.engine()->isListening());
    QVERIFY(window.engine()->port() != busy.serverPort());
    QVERIFY(window.engine()->port() > busy.serverPort());
    QVERIFY(window.engine()->port() <= busy.serverPort() + 100);
}

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
