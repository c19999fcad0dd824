// The compare dialog as a user reads it: each side is headed by its request's number and the
// time it arrived, on both tabs, so two deliveries of the same event are told apart.

#include "diffdialog.h"
#include "views/codeview.h"

#include "http/requestreader.h"
#include "session/capturedrequest.h"

#include <QDateTime>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QtTest>

namespace {

Session::CapturedRequestPtr request(qint64 id, qint64 receivedAtMs, const QByteArray &body)
{
    auto r = std::make_shared<Session::CapturedRequest>();
    r->id = id;
    r->receivedAtMs = receivedAtMs;
    r->request = Http::RequestReader::restore("POST /hook HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                                              "Content-Length: " +
                                                  QByteArray::number(body.size()) + "\r\n\r\n",
                                              body, {});
    return r;
}

/// The heading shown above `view`: the label laid out in the same pane, above it.
QString headingOf(const Gui::CodeView *view)
{
    const QWidget *pane = view->parentWidget();
    for (const QLabel *label : pane->findChildren<QLabel *>(Qt::FindDirectChildrenOnly)) {
        if (label->isVisible() && label->geometry().bottom() <= view->geometry().top())
            return label->text();
    }
    return {};
}

} // namespace

class TstDiffDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void panesNamedByNumberAndTime();
};

void TstDiffDialog::panesNamedByNumberAndTime()
{
    const qint64 earlier = QDateTime(QDate(2026, 12, 4), QTime(14, 3, 7, 123)).toMSecsSinceEpoch();
    const qint64 later = QDateTime(QDate(2026, 12, 4), QTime(14, 5, 59, 8)).toMSecsSinceEpoch();
    Gui::DiffDialog dialog(request(12, earlier, R"({"ref":"main"})"), request(15, later, R"({"ref":"dev"})"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    auto *tabs = dialog.findChild<QTabWidget *>();
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 2);
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        auto *splitter = qobject_cast<QSplitter *>(tabs->currentWidget());
        QVERIFY(splitter);
        const QList<Gui::CodeView *> views = splitter->findChildren<Gui::CodeView *>();
        QCOMPARE(views.size(), 2);
        Gui::CodeView *left = views.at(0);
        Gui::CodeView *right = views.at(1);
        if (right->mapTo(&dialog, QPoint()).x() < left->mapTo(&dialog, QPoint()).x())
            std::swap(left, right);
        QTRY_COMPARE(headingOf(left), QStringLiteral("#12 · 14:03:07.123"));
        QCOMPARE(headingOf(right), QStringLiteral("#15 · 14:05:59.008"));
    }
    // What the panes compare is unchanged: the left is the earlier request.
    QVERIFY(dialog.bodyText(false).contains("\"ref\": \"main\""));
    QVERIFY(dialog.bodyText(true).contains("\"ref\": \"dev\""));
}

QTEST_MAIN(TstDiffDialog)
#include "tst_diffdialog.moc"
